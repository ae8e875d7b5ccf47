import TestSupport

@testable import SimCore

/// A node of a row of a ported upstream test table, as data (rows passed to `@Test(arguments:)`
/// must be `Sendable`, so they describe their cluster rather than build it): the node's name,
/// exactly its labels (no hostname label is added) and its taints.
struct NodeRow: Sendable {
    let name: String
    let labels: [(String, String)]
    let taints: [Taint]

    init(_ name: String, _ labels: [(String, String)] = [], taints: [Taint] = []) {
        self.name = name
        self.labels = labels
        self.taints = taints
    }
}

/// Pods of a row of a ported upstream test table, as data: `count` pods of `spec` with `labels`
/// in `namespace`, bound to the row's node at index `node` (pending when nil); a terminating pod
/// has its deletion begun as soon as it is created.
struct PodRow: Sendable {
    let spec: PodSpec
    let labels: [(String, String)]
    let namespace: String
    let count: Int
    let node: Int?
    let terminating: Bool

    init(
        _ spec: PodSpec = PodSpec(containers: []), labels: [(String, String)] = [], namespace: String = "default", count: Int = 1,
        on node: Int? = nil, terminating: Bool = false
    ) {
        self.spec = spec
        self.labels = labels
        self.namespace = namespace
        self.count = count
        self.node = node
        self.terminating = terminating
    }
}

extension ClusterFixture {
    /// Adds the nodes in order (with `bareNode`).
    @discardableResult
    mutating func add(_ nodes: [NodeRow]) -> [NodeID] {
        nodes.map { bareNode($0.name, labels: $0.labels, taints: $0.taints) }
    }

    /// Adds the pods in order, bound to `nodes[row.node]`; returns every pod created.
    @discardableResult
    mutating func add(_ pods: [PodRow], on nodes: [NodeID]) -> [PodID] {
        pods.flatMap { row in add(row, on: nodes) }
    }

    /// Adds the `count` pods of `row`, bound to `nodes[row.node]`.
    @discardableResult
    mutating func add(_ row: PodRow, on nodes: [NodeID]) -> [PodID] {
        (0..<row.count).map { _ in
            let pod = addPod(row.spec, labels: row.labels, namespace: row.namespace, on: row.node.map { nodes[$0] })
            if row.terminating { cluster.beginDeletion(pod, at: 0) }
            return pod
        }
    }
}
