/// A parsed command line: `--name VALUE`, `--name=VALUE`, boolean `--flag`, and positionals (`--` ends options).
/// Options are declared up front so that unknown flags and missing values are usage errors.
struct Arguments {
    enum Kind { case flag, value, repeated }

    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    /// Parses `raw` against the declared options (names without the leading dashes).
    init(_ raw: [String], options: [String: Kind]) throws(UsageError) {
        var index = 0
        var onlyPositionals = false
        while index < raw.count {
            let arg = raw[index]
            index += 1
            if onlyPositionals || !arg.hasPrefix("--") || arg == "-" {
                positionals.append(arg)
                continue
            }
            if arg == "--" {
                onlyPositionals = true
                continue
            }
            var name = String(arg.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let kind = options[name] else { throw UsageError("unknown option '--\(name)'") }
            switch kind {
            case .flag:
                if let inline {
                    // `--explain=all` style: a flag that also accepts an inline value.
                    values[name, default: []].append(inline)
                }
                flags.insert(name)
            case .value, .repeated:
                let value: String
                if let inline {
                    value = inline
                } else {
                    guard index < raw.count else { throw UsageError("option '--\(name)' needs a value") }
                    value = raw[index]
                    index += 1
                }
                if kind == .value, values[name] != nil { throw UsageError("option '--\(name)' is given twice") }
                values[name, default: []].append(value)
            }
        }
    }

    func flag(_ name: String) -> Bool { flags.contains(name) }
    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
}
