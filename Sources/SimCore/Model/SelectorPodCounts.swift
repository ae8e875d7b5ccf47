/// How many counted pods (bound, not being deleted) on each node match a (namespace, selector),
/// kept current as pods are attached, detached and deleted.
///
/// PodTopologySpread counts the pods matching a constraint's selector on every node, for every
/// pod it schedules — upstream walks all pods each cycle, which with the system default
/// constraints makes scheduling quadratic in the number of pods. kubesim keeps the counts per
/// selector instead, from the first time a selector is asked for; the results are the same.
///
/// A pod is matched only against selectors that could select it: selectors are indexed by their
/// first requirement when it is an `In` with one value (as every `matchLabels` selector is), under
/// that (namespace, key, value); the others are tried on every pod of their namespace.
struct SelectorPodCounts {
    struct Key: Hashable {
        let namespace: Symbol
        let selector: CompiledSelector
    }

    private struct LabelKey: Hashable {
        let namespace: Symbol
        let key: Symbol
        let value: Symbol
    }

    private var indexOfKey: [Key: Int] = [:]
    private var keys: [Key] = []
    /// Per selector, per node.
    private var counts: [[Int32]] = []
    private var byLabel: [LabelKey: [Int]] = [:]
    private var unindexed: [Int] = []
    private var nodeCount = 0

    /// A registered (namespace, selector): look it up once per scheduling cycle, then read
    /// counts per node without hashing the selector again.
    struct Handle {
        fileprivate let index: Int
    }

    /// The handle of (`namespace`, `selector`), registering it (and counting every node) on
    /// first use.
    mutating func handle(namespace: Symbol, selector: CompiledSelector, in cluster: ClusterState) -> Handle {
        let key = Key(namespace: namespace, selector: selector)
        return Handle(index: indexOfKey[key] ?? register(key, in: cluster))
    }

    /// The counts per node.
    func counts(_ handle: Handle) -> [Int32] {
        counts[handle.index]
    }

    /// The count on `node`.
    func count(_ handle: Handle, on node: Int) -> Int {
        Int(counts[handle.index][node])
    }

    /// Room for nodes added to the cluster.
    mutating func nodesAdded(total: Int) {
        guard total > nodeCount else { return }
        for index in counts.indices { counts[index].append(contentsOf: repeatElement(0, count: total - nodeCount)) }
        nodeCount = total
    }

    /// A counted pod with `labels` in `namespace` appeared on (`delta` 1) or left (−1) `node`.
    mutating func update(labels: LabelSet, namespace: Symbol, node: Int, delta: Int32, symbols: SymbolTable) {
        guard !keys.isEmpty else { return }
        for (position, labelKey) in labels.keys.enumerated() {
            guard let candidates = byLabel[LabelKey(namespace: namespace, key: labelKey, value: labels.values[position])] else { continue }
            for index in candidates where keys[index].selector.matches(labels, symbols: symbols) { counts[index][node] += delta }
        }
        for index in unindexed where keys[index].namespace == namespace && keys[index].selector.matches(labels, symbols: symbols) {
            counts[index][node] += delta
        }
    }

    private mutating func register(_ key: Key, in cluster: ClusterState) -> Int {
        let index = keys.count
        keys.append(key)
        indexOfKey[key] = index
        nodeCount = max(nodeCount, cluster.nodes.count)
        var perNode = Array(repeating: Int32(0), count: nodeCount)
        for node in 0..<cluster.nodes.count {
            for pod in cluster.nodes.pods[node]
            where cluster.pods[pod].deletedAt == nil && cluster.pods[pod].namespace == key.namespace
                && key.selector.matches(cluster.pods[pod].labels, symbols: cluster.symbols)
            {
                perNode[node] += 1
            }
        }
        counts.append(perNode)
        if let first = key.selector.requirements.first, first.op == .in, first.values.count == 1 {
            byLabel[LabelKey(namespace: key.namespace, key: first.key, value: first.values[0]), default: []].append(index)
        } else {
            unindexed.append(index)
        }
        return index
    }
}
