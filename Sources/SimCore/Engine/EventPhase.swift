/// What settles first among events due at the same instant.
///
/// The event queue orders by (time, phase, sequence), as SimPy orders by (time, priority, counter):
/// within one millisecond, infrastructure changes (faults, nodes) land first, then the kubelet,
/// traffic, the controllers, the scheduler, and finally metrics, so a metrics sample always sees a
/// settled instant. Events of the same phase at the same time run first-in first-out.
public enum EventPhase: UInt8, Comparable, Sendable, CaseIterable {
    /// Faults, node arrival and departure, scenario timeline actions.
    case infrastructure = 0
    /// Pod startup, readiness and termination on nodes.
    case kubelet = 1
    /// Traffic updates and usage sampling.
    case traffic = 2
    /// Reconcilers: ReplicaSet, Deployment and the other controllers.
    case controllers = 3
    /// The scheduling queue and scheduling cycles.
    case scheduler = 4
    /// Metric sampling.
    case metrics = 5
    /// The end of a `run(until:)`; after everything else due at that instant.
    case stop = 6

    public static func < (lhs: EventPhase, rhs: EventPhase) -> Bool { lhs.rawValue < rhs.rawValue }
}
