/// ImageLocality, as upstream's plugin of the same name (reference §2.5.7): favours nodes that
/// already hold the pod's images, weighting each image by how widely it has spread (so a node is
/// not favoured for an image every node has). Per node: Σ int(size × nodesHolding / allNodes)
/// over the pod's containers whose image the node holds, clamped to [23 MiB, 1000 MiB × containers]
/// and scaled to 0…100. Nodes learn images when pods start on them.
public final class ImageLocality: ScorePlugin {
    public static let name = "ImageLocality"
    static let mebibyte: Int64 = 1 << 20
    static let minThreshold: Int64 = 23 * mebibyte
    static let maxContainerThreshold: Int64 = 1_000 * mebibyte

    public init() {}
    public convenience init(arguments: PluginArguments, symbols: SymbolTable) { self.init() }

    public func score(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID], scores: inout [Int64]) {
        let images = pod.spec.images
        let containers = Int64(pod.spec.template.spec.containers.count + pod.spec.template.spec.initContainers.count)
        let totalNodes = Double(cluster.schedulingOrder.count)
        let scaled = images.map { image in
            Int64(Double(cluster.imageSize(image)) * (Double(cluster.nodesHolding(image)) / totalNodes))
        }
        guard images.contains(where: { cluster.nodesHolding($0) > 0 }) else {
            // No node holds any of the images yet: every node scores as an empty sum.
            let score = Self.score(sum: 0, containers: containers)
            for index in nodes.indices { scores[index] = score }
            return
        }
        for (index, node) in nodes.enumerated() {
            var sum: Int64 = 0
            let present = cluster.nodes.images[Int(node)]
            for (position, image) in images.enumerated() where present.contains(image) { sum += scaled[position] }
            scores[index] = Self.score(sum: sum, containers: containers)
        }
    }

    /// upstream's `calculatePriority`.
    static func score(sum: Int64, containers: Int64) -> Int64 {
        let maxThreshold = maxContainerThreshold * max(containers, 1)
        let clamped = min(max(sum, minThreshold), maxThreshold)
        return maxNodeScore * (clamped - minThreshold) / (maxThreshold - minThreshold)
    }
}
