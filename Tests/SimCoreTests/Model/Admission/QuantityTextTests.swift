import SimCore
import Testing

/// Kubernetes' canonical quantity strings (apimachinery `Quantity.String()`), for the amounts kubesim holds.
@Suite("Quantity spelling")
struct QuantityTextTests {
    // Upstream: apimachinery pkg/api/resource/quantity_test.go TestQuantityString, the rows with whole or milli
    // amounts. Decimal: trailing zeros move into the exponent, which then drops to a multiple of three (1080m stays
    // 1080m, 10^9 becomes 1G, 3000 becomes 3k). Binary: factors of 1024 become Ki, Mi, …; below 1024 it is decimal;
    // 1025 has no factor of 1024 and prints plainly.
    @Test(
        "canonical strings in a given format",
        arguments: [
            (1_073_741_824, false, QuantityFormat.binarySI, "1Gi"), (300 * 1_048_576, false, .binarySI, "300Mi"),
            (6 * 1_024, false, .binarySI, "6Ki"),
            (1_001 * 1_073_741_824, false, .binarySI, "1001Gi"), (1_099_511_627_776, false, .binarySI, "1Ti"), (5, false, .binarySI, "5"),
            (500, true, .binarySI, "500m"), (1_000_000_000, false, .decimalSI, "1G"), (1, true, .decimalSI, "1m"), (80, true, .decimalSI, "80m"),
            (1_080, true, .decimalSI, "1080m"), (300_000_000, false, .decimalSI, "300M"), (1_000_000_000_000, false, .decimalSI, "1T"),
            (1_234_567_000_000, false, .decimalSI, "1234567M"), (1_234_567, true, .binarySI, "1234567m"), (3_000, false, .decimalSI, "3k"),
            (1_025, false, .binarySI, "1025"), (0, false, .decimalSI, "0"), (0, false, .binarySI, "0"),
        ] as [(Int64, Bool, QuantityFormat, String)])
    func canonical(amount: Int64, milli: Bool, format: QuantityFormat, expected: String) {
        #expect(QuantityText.canonical(amount, milli: milli, format: format) == expected)
    }

    // Amounts as kubesim holds them, spelled as upstream spells what users write: millicores for the CPU names
    // (2000 → "2", 1500 → "1500m"), binary for byte amounts that divide evenly (1.5Gi = 1536Mi), decimal for byte
    // amounts written with decimal suffixes (500M, 1G, 2T — 2T divides by 1024 but "2T" is the shorter spelling),
    // decimal for counts (1000 pods → "1k", as upstream prints a parsed "1000").
    @Test(
        "spelling inferred from the resource",
        arguments: [
            (500, "cpu", "500m"), (2_000, "requests.cpu", "2"), (1_500, "limits.cpu", "1500m"), (100_000, "cpu", "100"),
            (1_073_741_824, "memory", "1Gi"), (1_610_612_736, "limits.memory", "1536Mi"), (536_870_912, "requests.memory", "512Mi"),
            (500_000_000, "memory", "500M"), (1_000_000_000, "ephemeral-storage", "1G"), (2_000_000_000_000, "requests.storage", "2T"),
            (100 * 1_048_576, "hugepages-2Mi", "100Mi"), (1_023, "memory", "1023"), (1, "pods", "1"), (1_000, "pods", "1k"),
            (4, "requests.nvidia.com/gpu", "4"), (1_024, "count/configmaps", "1024"),
        ] as [(Int64, String, String)])
    func inferred(amount: Int64, resource: String, expected: String) {
        #expect(QuantityText.format(amount, resource: resource) == expected)
    }

    @Test("a byte count written plainly that divides by 1024 prints binary (upstream keeps \"4096\")")
    func plainBytes() {
        #expect(QuantityText.format(4_096, resource: "memory") == "4Ki")
    }
}
