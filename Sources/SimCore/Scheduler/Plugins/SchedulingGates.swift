/// SchedulingGates, as upstream's plugin of the same name: a pod with `schedulingGates` does not
/// enter the active queue until they are all removed.
public final class SchedulingGates: PreEnqueuePlugin {
    public static let name = "SchedulingGates"

    public init() {}
    public convenience init(arguments: PluginArguments, symbols: SymbolTable) { self.init() }

    public func preEnqueue(_ spec: PodSpecInfo) -> String? {
        let gates = spec.template.spec.schedulingGates
        return gates.isEmpty ? nil : "waiting for scheduling gates: [\(gates.joined(separator: " "))]"
    }
}
