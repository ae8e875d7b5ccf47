/// The arguments of one plugin's `pluginConfig` entry, as that plugin declares them; `init()`
/// gives upstream's defaults.
public protocol PluginArgs: Sendable, Hashable {
    init()
}

/// A profile's `pluginConfig`: each configurable plugin's typed arguments, read and written by
/// the plugin's type (`arguments[NodeResourcesFit.self]`); a plugin not configured gets its
/// defaults.
public struct PluginArguments: Sendable, Hashable {
    private var values: [String: StoredArguments] = [:]

    public init() {}

    /// The arguments of `plugin`, or its defaults.
    public subscript<Plugin: ConfigurablePlugin>(plugin: Plugin.Type) -> Plugin.Arguments {
        get { values[Plugin.name]?.value as? Plugin.Arguments ?? Plugin.Arguments() }
        set { values[Plugin.name] = StoredArguments(newValue) }
    }

    /// One plugin's arguments, compared and hashed by value whatever their type.
    private struct StoredArguments: Sendable, Hashable {
        let value: any PluginArgs

        init(_ value: any PluginArgs) {
            self.value = value
        }

        static func == (lhs: StoredArguments, rhs: StoredArguments) -> Bool {
            AnyHashable(lhs.value) == AnyHashable(rhs.value)
        }

        func hash(into hasher: inout Hasher) {
            AnyHashable(value).hash(into: &hasher)
        }
    }
}
