import SimCore
import TestSupport
import Testing

/// Quantities parsed as apimachinery's `ParseQuantity`, read back as `MilliValue()` (CPU) or
/// `Value()` (everything else); both round up.
@Suite("Kubernetes quantities")
struct QuantityTests {
    @Test(
        "CPU in millicores",
        arguments: [
            ("100m", 100), ("0.5", 500), ("1", 1_000), ("2", 2_000), ("1.5", 1_500), ("250m", 250),
            (".5", 500), ("5.", 5_000), ("+1", 1_000), ("0", 0), ("1e3", 1_000_000), ("2k", 2_000_000),
            // 0.0001 cores is a tenth of a millicore: rounded up to 1m.
            ("0.0001", 1), ("100u", 1), ("1n", 1),
        ] as [(String, Int64)])
    func millicores(text: String, expected: Int64) throws {
        #expect(try Quantity(parsing: text).milliValue == expected)
    }

    @Test(
        "memory and counts in whole units",
        arguments: [
            ("1.5Gi", 1_610_612_736), ("500M", 500_000_000), ("1Ki", 1_024), ("128Mi", 134_217_728), ("1e3", 1_000),
            ("2k", 2_000), ("1G", 1_000_000_000), ("1Ti", 1_099_511_627_776), ("110", 110), ("1E", 1_000_000_000_000_000_000),
            // 100m of a byte is a tenth of a byte: rounded up to 1.
            ("100m", 1), ("0.5Ki", 512), ("1.1", 2), ("12e-1", 2), ("1E-3", 1),
        ] as [(String, Int64)])
    func wholeUnits(text: String, expected: Int64) throws {
        #expect(try Quantity(parsing: text).value == expected)
    }

    @Test("values beyond Int64 are capped, as upstream caps them")
    func capped() throws {
        #expect(try Quantity(parsing: "10E").value == Int64.max)
        #expect(try Quantity(parsing: "16Ei").value == Int64.max)
        #expect(try Quantity(parsing: "1E").milliValue == Int64.max)
        #expect(try Quantity(parsing: "9223372036854775807").value == Int64.max)
    }

    @Test("a leading minus is kept and rounding goes away from zero")
    func negative() throws {
        let quantity = try Quantity(parsing: "-1.5m")
        #expect(quantity.isNegative)
        #expect(quantity.milliValue == -2)
    }

    @Test(
        "malformed quantities are refused with the reason",
        arguments: [
            ("", Quantity.ParseError.empty), ("abc", .malformed), ("1.5.5", .malformed), ("1 Gi", .malformed),
            ("1K", .unknownSuffix("K")), ("1e", .unknownSuffix("e")), ("1Gb", .malformed), ("1Mii", .unknownSuffix("Mii")),
            ("m", .malformed), ("1Ki1", .malformed),
        ] as [(String, Quantity.ParseError)])
    func malformed(text: String, error: Quantity.ParseError) {
        #expect(throws: error) { try Quantity(parsing: text) }
    }
}

@Suite("Go durations")
struct GoDurationTests {
    @Test(
        "parse to milliseconds",
        arguments: [
            ("90s", 90_000), ("1h30m", 5_400_000), ("250ms", 250), ("1.5h", 5_400_000), ("0", 0), ("0s", 0),
            ("1000us", 1), ("1000000ns", 1), ("2h45m0.5s", 9_900_500), ("-5s", -5_000), ("1h2m3.5s", 3_723_500),
            ("24h", 86_400_000), ("500us500us", 1), (".5s", 500),
        ] as [(String, SimTime)])
    func parse(text: String, expected: SimTime) throws {
        #expect(try GoDuration.milliseconds(text) == expected)
    }

    @Test(
        "refuses what Go refuses, and what is finer than a millisecond",
        arguments: [
            ("5", GoDuration.ParseError.missingUnit("5")), ("", .malformed("")), ("5x", .unknownUnit("x")), ("s", .malformed("s")),
            ("1us", .subMillisecond("1us")), ("1.5ms", .subMillisecond("1.5ms")), ("1..5s", .malformed("1..5s")),
            ("99999999999999999999h", .overflow("99999999999999999999h")),
        ] as [(String, GoDuration.ParseError)])
    func refuse(text: String, error: GoDuration.ParseError) {
        #expect(throws: error) { try GoDuration.milliseconds(text) }
    }

    @Test("formats as Go does")
    func format() {
        #expect(GoDuration.format(5_400_000) == "1h30m0s")
        #expect(GoDuration.format(250) == "250ms")
        #expect(GoDuration.format(90_500) == "1m30.5s")
        #expect(GoDuration.format(0) == "0s")
    }
}
