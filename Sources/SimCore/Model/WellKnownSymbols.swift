/// Symbols for strings the control plane itself uses, interned when the cluster is created so that
/// plugins and controllers can build well-known taints and look up well-known labels directly.
public struct WellKnownSymbols: Sendable {
    public let empty: Symbol
    public let zoneLabel: Symbol
    public let regionLabel: Symbol
    public let hostnameLabel: Symbol
    public let unschedulableTaint: Symbol
    public let notReadyTaint: Symbol
    public let unreachableTaint: Symbol

    init(symbols: SymbolTable) {
        empty = symbols.intern("")
        zoneLabel = symbols.intern(NodeLabel.zone)
        regionLabel = symbols.intern(NodeLabel.region)
        hostnameLabel = symbols.intern(NodeLabel.hostname)
        unschedulableTaint = symbols.intern(WellKnownTaint.unschedulable)
        notReadyTaint = symbols.intern(WellKnownTaint.notReady)
        unreachableTaint = symbols.intern(WellKnownTaint.unreachable)
    }
}
