/// How events and outputs name objects: kind, namespace and name.
extension ClusterState {
    public func reference(pod id: PodID) -> ObjectReference {
        let pod = pods[id]
        return ObjectReference(kind: "Pod", namespace: symbols[pod.namespace], name: pod.name)
    }

    public func reference(replicaSet id: ReplicaSetID) -> ObjectReference {
        let replicaSet = replicaSets[id]
        return ObjectReference(kind: WorkloadKind.replicaSet.name, namespace: symbols[replicaSet.namespace], name: replicaSet.name)
    }

    public func reference(deployment id: DeploymentID) -> ObjectReference {
        let deployment = deployments[id]
        return ObjectReference(kind: WorkloadKind.deployment.name, namespace: symbols[deployment.namespace], name: deployment.name)
    }

    public func reference(daemonSet id: DaemonSetID) -> ObjectReference { reference(.daemonSet(id)) }
    public func reference(statefulSet id: StatefulSetID) -> ObjectReference { reference(.statefulSet(id)) }
    public func reference(job id: JobID) -> ObjectReference { reference(.job(id)) }
    public func reference(cronJob id: CronJobID) -> ObjectReference { reference(.cronJob(id)) }

    public func reference(node: NodeID) -> ObjectReference {
        ObjectReference(kind: "Node", namespace: "", name: nodes.names[Int(node)])
    }

    /// The top owner of a pod as `placements.csv` names it: its top-level workload, or the pod
    /// itself when no controller owns it.
    public func topOwnerReference(of pod: PodID) -> ObjectReference {
        topLevelWorkload(of: pod).map(reference) ?? reference(pod: pod)
    }

    /// The name of the node `pod` is bound to, or "" when it is not bound.
    public func nodeName(of pod: PodID) -> String {
        pods[pod].node.map { nodes.names[Int($0)] } ?? ""
    }
}
