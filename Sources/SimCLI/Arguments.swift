/// A command-line mistake: reported with the command's usage, exit code 2.
struct UsageError: Error {
    let message: String
}

/// One option a command accepts.
struct OptionSpec {
    let name: String
    /// Placeholder for the value, nil for a flag.
    let value: String?
    let help: String
    var repeatable = false
}

/// What a command accepts, for parsing and for `--help`.
struct CommandSpec {
    let name: String
    let usage: String
    let summary: String
    let options: [OptionSpec]
    /// Extra help text after the options.
    var details: String = ""

    var help: String {
        var text = "\(summary)\n\nUsage: \(usage)\n"
        if !options.isEmpty {
            text += "\nOptions:\n"
            for option in options + [OptionSpec(name: "--help", value: nil, help: "Show this help.")] {
                let left = option.value.map { "\(option.name) \($0)" } ?? option.name
                text += "  " + left.padding(to: 22) + option.help + "\n"
            }
        }
        if !details.isEmpty { text += "\n" + details + "\n" }
        return text
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self + "  " : self + String(repeating: " ", count: width - count)
    }
}

/// Parsed arguments: positionals in order, option values by name.
struct ParsedArguments {
    var positionals: [String] = []
    private(set) var values: [(name: String, value: String)] = []
    var helpRequested = false

    func values(_ name: String) -> [String] { values.filter { $0.name == name }.map(\.value) }
    func value(_ name: String) -> String? { values(name).last }
    func flag(_ name: String) -> Bool { values.contains { $0.name == name } }

    /// Parses `arguments` against `spec`: `--name value`, `--name=value`, flags, `--` ends options.
    init(_ arguments: [String], spec: CommandSpec) throws(UsageError) {
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            if argument == "--help" || argument == "-h" {
                helpRequested = true
                continue
            }
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            guard let option = spec.options.first(where: { $0.name == parts[0] }) else {
                throw UsageError(message: "unknown option '\(parts[0])' for '\(spec.name)'")
            }
            if option.value == nil {
                guard parts.count == 1 else { throw UsageError(message: "option '\(option.name)' takes no value") }
                values.append((option.name, ""))
                continue
            }
            let value: String
            if parts.count == 2 {
                value = parts[1]
            } else {
                guard index < arguments.count else { throw UsageError(message: "option '\(option.name)' needs a value (\(option.value ?? ""))") }
                value = arguments[index]
                index += 1
            }
            if !option.repeatable && values.contains(where: { $0.name == option.name }) {
                throw UsageError(message: "option '\(option.name)' given twice")
            }
            values.append((option.name, value))
        }
    }
}
