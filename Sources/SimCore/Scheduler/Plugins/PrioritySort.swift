/// PrioritySort: the scheduling queue's order — higher priority first, then the earlier
/// timestamp. The order itself lives in `SchedulingQueue`, the one queue kubesim has.
public final class PrioritySort: QueueSortPlugin {
    public static let name = "PrioritySort"

    public init() {}
    public convenience init(arguments: PluginArguments, symbols: SymbolTable) { self.init() }
}
