import TestSupport

@testable import SimCore

/// A cluster state built by hand for plugin tests: nodes of given sizes with pods already bound.
struct ClusterFixture {
    var cluster = ClusterState()
    private var podCount = 0

    @discardableResult
    mutating func node(
        _ name: String, cpu: Int64, memory: Int64, pods: Int64 = 110, labels: [(String, String)] = [],
        taints: [Taint] = [], unschedulable: Bool = false
    ) -> NodeID {
        var allLabels = Labels(labels)
        allLabels[NodeLabel.hostname] = name
        let spec = NodeSpec(
            name: name, labels: allLabels, taints: taints, capacity: Resources(cpu: cpu, memory: memory, pods: pods),
            unschedulable: unschedulable)
        guard let id = cluster.addNode(spec, at: 0) else { preconditionFailure("duplicate node \(name)") }
        return id
    }

    /// A pod spec with one container per (cpu, memory) pair; nil leaves a request out.
    mutating func spec(
        _ containers: [(cpu: Int64?, memory: Int64?)], tolerations: [Toleration] = [], nodeSelector: [(String, String)] = [],
        affinity: NodeAffinity? = nil, nodeName: String? = nil
    ) -> PodSpecID {
        let list = containers.enumerated().map { index, requests in
            var resources = ResourceList()
            if let cpu = requests.cpu { resources["cpu"] = cpu }
            if let memory = requests.memory { resources["memory"] = memory }
            return Container(name: "c\(index)", resources: ContainerResources(requests: resources))
        }
        let template = PodTemplate(
            spec: PodSpec(
                containers: list, nodeName: nodeName, nodeSelector: Labels(nodeSelector),
                nodeAffinity: affinity, tolerations: tolerations))
        return cluster.registerPodSpec(template, namespace: "default")
    }

    /// Creates a pod of `spec`, bound to `node` when given.
    @discardableResult
    mutating func pod(_ spec: PodSpecID, on node: NodeID? = nil) -> PodID {
        podCount += 1
        guard let id = cluster.createPod(name: "pod-\(podCount)", namespace: "default", labels: LabelSet(), spec: spec, owner: nil, at: 0) else {
            preconditionFailure("pod name taken")
        }
        if let node { cluster.bind(id, to: node, at: 0) }
        return id
    }

    /// The pod as the scheduler sees it.
    func schedulingPod(_ id: PodID) -> SchedulingPod {
        SchedulingPod(id: id, pod: cluster.pods[id], spec: cluster.spec(of: id))
    }

    /// A scheduler for this cluster with the given configuration.
    mutating func scheduler(seed: UInt64 = 1, configuration: SchedulerConfiguration = SchedulerConfiguration()) -> Scheduler {
        Scheduler(configuration: configuration, random: RandomStream(seed: seed), symbols: cluster.symbols)
    }

    /// Runs PreScore, Score and NormalizeScore of `plugin` over all nodes.
    func scores(_ plugin: some PreScorePlugin & ScorePlugin, for pod: PodID) -> [Int64] {
        let nodes = cluster.nodes.ids
        var scores = Array(repeating: Int64(0), count: nodes.count)
        guard plugin.preScore(schedulingPod(pod), cluster: cluster, nodes: nodes) else { return scores }
        plugin.score(schedulingPod(pod), cluster: cluster, nodes: nodes, scores: &scores)
        plugin.normalize(&scores)
        return scores
    }

    /// Runs `plugin`'s Filter over all nodes; returns the nodes left and the failures.
    func filter(_ plugin: some FilterPlugin, for pod: PodID) -> (feasible: [NodeID], failures: [FilterFailure]) {
        var nodes = cluster.nodes.ids
        var failures = FilterFailures()
        plugin.filter(schedulingPod(pod), cluster: cluster, nodes: &nodes, failures: &failures)
        return (nodes, failures.records)
    }
}
