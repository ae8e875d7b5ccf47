import Testing
@testable import SimCore
import TestSupport

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

    @Test("upstream case \"two images spread on two nodes, prefer the larger image one\"")
    func largerImage() {
        var fixture = cluster([Self.node403002000, Self.node25010])
        let pod = imagePod(&fixture, [40, 250])
        // node1: 40 × 1/2 = 20 < 23 → 0. node2: 250 × 1/2 = 125; 100 × (125 − 23) / (2000 − 23) = 5.
        #expect(fixture.scoresWithoutPreScore(ImageLocality(), for: pod) == [0, 5])
    }

    @Test("upstream case \"two images on one node, prefer this node\"")
    func bothImagesOnOneNode() {
        var fixture = cluster([Self.node403002000, Self.node25010])
        let pod = imagePod(&fixture, [40, 300])
        // node1: (40 + 300) × 1/2 = 170; 100 × (170 − 23) / 1977 = 7. node2: nothing.
        #expect(fixture.scoresWithoutPreScore(ImageLocality(), for: pod) == [7, 0])
    }

    @Test("upstream case \"if exceed limit, use limit\"")
    func maxThreshold() {
        var fixture = cluster([Self.node400030, Self.node25010])
        let pod = imagePod(&fixture, [10, 4000])
        // node1: 4000 × 1/2 = 2000 ≥ 1000 × 2 → 100. node2: 10 × 1/2 = 5 < 23 → 0.
        #expect(fixture.scoresWithoutPreScore(ImageLocality(), for: pod) == [100, 0])
    }

    @Test("upstream case \"if exceed limit, use limit (with node which has no images present)\"")
    func maxThresholdThreeNodes() {
        var fixture = cluster([Self.node400030, Self.node25010, []])
        let pod = imagePod(&fixture, [10, 4000])
        // node1: 4000 × 1/3 = 1333.3; 100 × (1333.3 − 23) / 1977 = 66. node2: 10/3 < 23 → 0. node3: 0.
        #expect(fixture.scoresWithoutPreScore(ImageLocality(), for: pod) == [66, 0, 0])
    }

    @Test("upstream case \"pod with multiple large images, node2 is preferred\"")
    func multipleLargeImages() {
        var fixture = cluster([Self.node60040900, Self.node300600900, []])
        let pod = imagePod(&fixture, [300, 600, 900])
        // 300 is on 1 node of 3, 600 and 900 on 2. node1: 600 × 2/3 + 900 × 2/3 = 1000;
        // 100 × (1000 − 23) / (3000 − 23) = 32. node2: 300/3 + 1000 = 1100 → 100 × 1077 / 2977 = 36.
        #expect(fixture.scoresWithoutPreScore(ImageLocality(), for: pod) == [32, 36, 0])
    }

    @Test("upstream case \"pod with multiple small images\"")
    func multipleSmallImages() {
        var fixture = cluster([Self.node203040, Self.node400030])
        let pod = imagePod(&fixture, [30, 40])
        // node1: 30 × 2/2 + 40 × 1/2 = 50; 100 × 27 / 1977 = 1. node2: 30 → 100 × 7 / 1977 = 0.
        #expect(fixture.scoresWithoutPreScore(ImageLocality(), for: pod) == [1, 0])
    }

    @Test("upstream case \"include InitContainers: two images spread on two nodes, prefer the larger image one\"")
    func initContainers() {
        var fixture = cluster([Self.node403002000, Self.node203040])
        let pod = imagePod(&fixture, [30], initImages: [300])
        // Two containers (one init): max 2000. node1: 300 × 1/2 = 150; 100 × 127 / 1977 = 6.
        // node2: 30 × 1/2 = 15 < 23 → 0.
        #expect(fixture.scoresWithoutPreScore(ImageLocality(), for: pod) == [6, 0])
    }

    @Test("TestNormalizedImageName", arguments: [
        ("add :latest postfix 1", "root", "root:latest"),
        ("add :latest postfix 2", "gcr.io:5000/root", "gcr.io:5000/root:latest"),
        ("keep it as is 1", "root:tag", "root:tag"),
        // Upstream's digest is sha256 of "root"; any digest keeps the reference as it is.
        ("keep it as is 2", "root@sha256:4813494d137e1631bba301d5acab6e7bb7aa74ce1185d456565ef51d737677b2",
         "root@sha256:4813494d137e1631bba301d5acab6e7bb7aa74ce1185d456565ef51d737677b2"),
    ] as [(String, String, String)])
    func normalizedImageName(name: String, image: String, normalized: String) {
        #expect(PodSpecInfo.normalizedImage(image) == normalized, "upstream case \"\(name)\"")
    }
}
