import TestSupport
import Testing

@testable import SimCore

/// Ports `TestImageLocalityPriority` and `TestNormalizedImageName` from upstream's
/// `pkg/scheduler/framework/plugins/imagelocality/image_locality_test.go`. Per node, each of the
/// pod's images present there adds `size × nodesHolding / totalNodes`; the sum is clamped to
/// [23 MB, 1000 MB × containers] and scaled to `100 × (sum − 23 MB) / (max − 23 MB)`. MB is MiB.
@Suite("Upstream ImageLocality")
struct UpstreamImageLocalityTests {
    private static let mb: Int64 = 1 << 20

    /// Upstream's node image lists, as image sizes in MB; images are recorded under their
    /// `:latest` names (the extra tags upstream lists name no image the pods use).
    private static let node403002000 = [40, 300, 2000]
    private static let node25010 = [250, 10]
    private static let node60040900 = [600, 40, 900]
    private static let node300600900 = [300, 600, 900]
    private static let node400030 = [4000, 30]
    private static let node203040 = [20, 30, 40]

    /// Nodes holding the given images (gcr.io/<size>), each image `size` MB large.
    private func cluster(_ nodes: [[Int]]) -> ClusterFixture {
        var fixture = ClusterFixture()
        let sizes = Set(nodes.flatMap { $0 })
        fixture.cluster.setImageSizes(sizes.map { ("gcr.io/\($0)", Int64($0) * Self.mb) }, defaultSize: 0)
        for (index, images) in nodes.enumerated() {
            let node = fixture.bareNode("node\(index + 1)")
            let symbols = images.map { fixture.cluster.symbols.intern("gcr.io/\($0):latest") }
            fixture.cluster.recordImages(symbols, on: node)
        }
        return fixture
    }

    /// A pod running gcr.io/<size> images (untagged, so they resolve to `:latest`).
    private func imagePod(_ fixture: inout ClusterFixture, _ images: [Int], initImages: [Int] = []) -> PodID {
        let containers = images.map { Container(name: "c\($0)", image: "gcr.io/\($0)") }
        let initContainers = initImages.map { Container(name: "i\($0)", image: "gcr.io/\($0)") }
        return fixture.addPod(PodSpec(containers: containers, initContainers: initContainers))
    }

    // MARK: TestImageLocalityPriority

    /// A row of upstream's `TestImageLocalityPriority`: node1, node2, … holding the images of
    /// `nodes`; the pod runs `images` (and `initImages` in init containers).
    struct ScoreCase: CustomTestStringConvertible, Sendable {
        let name: String
        let nodes: [[Int]]
        let images: [Int]
        var initImages: [Int] = []
        let expected: [Int64]
        var testDescription: String { name }
    }

    static let scoreCases: [ScoreCase] = [
        // node1: 40 × 1/2 = 20 < 23 → 0. node2: 250 × 1/2 = 125; 100 × (125 − 23) / (2000 − 23) = 5.
        ScoreCase(
            name: "two images spread on two nodes, prefer the larger image one",
            nodes: [node403002000, node25010], images: [40, 250], expected: [0, 5]),
        // node1: (40 + 300) × 1/2 = 170; 100 × (170 − 23) / 1977 = 7. node2: nothing.
        ScoreCase(
            name: "two images on one node, prefer this node",
            nodes: [node403002000, node25010], images: [40, 300], expected: [7, 0]),
        // node1: 4000 × 1/2 = 2000 ≥ 1000 × 2 → 100. node2: 10 × 1/2 = 5 < 23 → 0.
        ScoreCase(
            name: "if exceed limit, use limit",
            nodes: [node400030, node25010], images: [10, 4000], expected: [100, 0]),
        // node1: 4000 × 1/3 = 1333.3; 100 × (1333.3 − 23) / 1977 = 66. node2: 10/3 < 23 → 0. node3: 0.
        ScoreCase(
            name: "if exceed limit, use limit (with node which has no images present)",
            nodes: [node400030, node25010, []], images: [10, 4000], expected: [66, 0, 0]),
        // 300 is on 1 node of 3, 600 and 900 on 2. node1: 600 × 2/3 + 900 × 2/3 = 1000;
        // 100 × (1000 − 23) / (3000 − 23) = 32. node2: 300/3 + 1000 = 1100 → 100 × 1077 / 2977 = 36.
        ScoreCase(
            name: "pod with multiple large images, node2 is preferred",
            nodes: [node60040900, node300600900, []], images: [300, 600, 900], expected: [32, 36, 0]),
        // node1: 30 × 2/2 + 40 × 1/2 = 50; 100 × 27 / 1977 = 1. node2: 30 → 100 × 7 / 1977 = 0.
        ScoreCase(
            name: "pod with multiple small images",
            nodes: [node203040, node400030], images: [30, 40], expected: [1, 0]),
        // Two containers (one init): max 2000. node1: 300 × 1/2 = 150; 100 × 127 / 1977 = 6.
        // node2: 30 × 1/2 = 15 < 23 → 0.
        ScoreCase(
            name: "include InitContainers: two images spread on two nodes, prefer the larger image one",
            nodes: [node403002000, node203040], images: [30], initImages: [300], expected: [6, 0]),
    ]

    @Test("TestImageLocalityPriority", arguments: scoreCases)
    func score(_ testCase: ScoreCase) {
        var fixture = cluster(testCase.nodes)
        let pod = imagePod(&fixture, testCase.images, initImages: testCase.initImages)
        #expect(fixture.scoresWithoutPreScore(ImageLocality(), for: pod) == testCase.expected)
    }

    // MARK: TestNormalizedImageName

    /// A row of upstream's `TestNormalizedImageName`.
    struct NormalizedNameCase: CustomTestStringConvertible, Sendable {
        let name: String
        let image: String
        let normalized: String
        var testDescription: String { name }
    }

    static let normalizedNameCases: [NormalizedNameCase] = [
        NormalizedNameCase(name: "add :latest postfix 1", image: "root", normalized: "root:latest"),
        NormalizedNameCase(name: "add :latest postfix 2", image: "gcr.io:5000/root", normalized: "gcr.io:5000/root:latest"),
        NormalizedNameCase(name: "keep it as is 1", image: "root:tag", normalized: "root:tag"),
        // Upstream's digest is sha256 of "root"; any digest keeps the reference as it is.
        NormalizedNameCase(
            name: "keep it as is 2",
            image: "root@sha256:4813494d137e1631bba301d5acab6e7bb7aa74ce1185d456565ef51d737677b2",
            normalized: "root@sha256:4813494d137e1631bba301d5acab6e7bb7aa74ce1185d456565ef51d737677b2"),
    ]

    @Test("TestNormalizedImageName", arguments: normalizedNameCases)
    func normalizedImageName(_ testCase: NormalizedNameCase) {
        #expect(PodSpecInfo.normalizedImage(testCase.image) == testCase.normalized)
    }
}
