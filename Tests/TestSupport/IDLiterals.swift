import SimCore

// Tests write node, ReplicaSet and Deployment IDs as plain numbers (`[0, 1, 2]` for the first three
// nodes). Only the tests get these conformances: in the simulator an ID is made from an index on
// purpose, never from a bare literal.

extension NodeID: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int32) { self.init(rawValue: value) }
}

extension ReplicaSetID: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int32) { self.init(rawValue: value) }
}

extension DeploymentID: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int32) { self.init(rawValue: value) }
}
