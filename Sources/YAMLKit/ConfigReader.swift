/// Typed reading of a configuration mapping (a rule's params, or a host/bot configuration with flags and
/// environment), recording which keys were read: `finish()` reports every key that was not.
///
/// A reader returned by `section(_:)` shares its parent's record: what is read and reported through it appears in
/// the parent's `diagnostics` and `finish()`. Call `finish()` once, on the reader you created.
public struct ConfigReader {
    private let ledger: ConfigLedger
    private let scope: ConfigScope
    private let flags: [String: String]
    private let environment: [String: String]

    /// A rule's params: the file layer only. `place` names the mapping in messages: `unknown key 'x' in <place>`.
    public init(params: YAMLNode.Mapping?, place: String) {
        self.ledger = ConfigLedger()
        self.scope = ConfigScope(mapping: params, prefix: "", place: place, basePlace: place, isRoot: true)
        self.flags = [:]
        self.environment = [:]
    }

    /// A host or bot configuration, from its top level or from one section (`section: "server"`, whose keys are
    /// then `server.<key>` in flags, origins and messages). The place in messages is the file's path (or
    /// "the configuration"), or `section '<name>' of <path>`.
    public init(sources: ConfigSources, section: String? = nil) {
        let file = sources.path ?? "the configuration"
        self.init(sources: sources, section: section, place: section.map { "section '\($0)' of \(file)" } ?? file)
    }

    /// As `init(sources:section:)`, naming the place in messages explicitly.
    public init(sources: ConfigSources, section: String?, place: String) {
        let ledger = ConfigLedger()
        var mapping = sources.file
        if let section {
            var walked = ""
            for part in section.split(separator: ".").map(String.init) {
                walked += walked.isEmpty ? part : "." + part
                let node = mapping?[part]
                mapping = node?.mapping
                if let node, mapping == nil, !node.isNull {
                    ledger.diagnostics.append(ConfigDecoding.mismatch(node, key: walked, expected: "a mapping"))
                }
            }
        }
        self.ledger = ledger
        self.scope = ConfigScope(
            mapping: mapping, prefix: section.map { "\($0)." } ?? "", place: place,
            basePlace: sources.path ?? "the configuration", isRoot: true)
        self.flags = sources.flags
        self.environment = sources.environment
    }

    private init(ledger: ConfigLedger, scope: ConfigScope, flags: [String: String], environment: [String: String]) {
        self.ledger = ledger
        self.scope = scope
        self.flags = flags
        self.environment = environment
    }

    /// The mapping this reader reads from, if one was written.
    public var mapping: YAMLNode.Mapping? { scope.mapping }
    /// The place named in this reader's messages.
    public var place: String { scope.place }
    /// Everything reported so far (through this reader, its parent and its sections).
    public var diagnostics: Diagnostics { ledger.diagnostics }

    /// Returns the effective value: the source's value if present and valid, else the default. An invalid value is
    /// reported (type-mismatch / not-finite / out-of-range / invalid-value, located at the value, caret on the
    /// scalar) and the default is returned, so reading goes on and every problem is reported.
    /// Precedence: flag (by full dotted name) > environment (`key.env`) > file > default.
    public mutating func read<V: ConfigValue>(_ key: ConfigKey<V>) -> V {
        scope.declare(key.name)
        let fullName = scope.prefix + key.name
        var value = key.defaultValue
        var origin = ConfigOrigin.builtIn
        if let text = flags[fullName] {
            if let parsed = parseText(text, key: key, fullName: fullName, note: "set on the command line") {
                value = parsed
                origin = .flag(fullName)
            }
        } else if let env = key.env, let text = environment[env] {
            if let parsed = parseText(text, key: key, fullName: fullName, note: "set by environment variable \(env)") {
                value = parsed
                origin = .environment(env)
            }
        } else if let entry = scope.mapping?.entries.first(where: { $0.key.text == key.name }) {
            var problems = Diagnostics()
            if let decoded = V.decode(entry.value, key: fullName, unit: key.unit, diagnostics: &problems),
                validate(decoded, key: key, fullName: fullName, node: entry.value, text: nil, note: nil)
            {
                value = decoded
                origin = .file(entry.key.location)
            }
            ledger.diagnostics.append(contentsOf: problems)
        }
        ledger.record(fullName, value: value.plain, origin: origin)
        return value
    }

    /// The node written under `name` (nil if none), marking `name` as a valid key; for values the caller checks
    /// itself (a rule's `overrides`, `match`).
    public mutating func node(_ name: String) -> YAMLNode? {
        scope.declare(name)
        return scope.mapping?[name]
    }

    /// Marks `name` as a valid key of this mapping without reading it.
    public mutating func declare(_ name: String) {
        scope.declare(name)
    }

    /// A reader for the nested mapping under `name` (host config sections), whose place in messages is
    /// `section '<full name>' of <the file, or the params' place>`. `name` becomes a valid key; a value
    /// that is neither a mapping nor null is a type-mismatch (`'<name>' must be a mapping, got …`), and the
    /// section then reads defaults (and flags, environment).
    public mutating func section(_ name: String) -> ConfigReader {
        section(name, place: "section '\(scope.prefix + name)' of \(scope.basePlace)")
    }

    /// As `section(_:)`, naming the place in messages explicitly.
    public mutating func section(_ name: String, place: String) -> ConfigReader {
        scope.declare(name)
        scope.sections.insert(name)
        let node = scope.mapping?[name]
        var mapping: YAMLNode.Mapping?
        if let node {
            if let nested = node.mapping {
                mapping = nested
            } else if !node.isNull {
                ledger.diagnostics.append(
                    ConfigDecoding.mismatch(node, key: scope.prefix + name, expected: "a mapping"))
            }
        }
        let child = scope.child(name, mapping: mapping, place: place)
        return ConfigReader(ledger: ledger, scope: child, flags: flags, environment: environment)
    }

    /// Reports an error about key `name` (which becomes a valid key): located at the key if written, else at this
    /// mapping, else without a location.
    public mutating func reject(_ name: String, code: DiagnosticCode, _ message: String, notes: [String] = []) {
        scope.declare(name)
        if let key = scope.mapping?.keyScalar(name) {
            ledger.diagnostics.append(.error(code, message, at: key, notes: notes))
        } else {
            ledger.diagnostics.append(Diagnostic(.error, code, message, at: scope.mapping?.location, notes: notes))
        }
    }

    /// Adds a diagnostic the caller built (for instance located at a value).
    public mutating func report(_ diagnostic: Diagnostic) {
        ledger.diagnostics.append(diagnostic)
    }

    /// The location of the key `name`, if written in the mapping.
    public func location(of name: String) -> SourceLocation? {
        scope.mapping?.keyScalar(name)?.location
    }

    /// True when `name` is written in the mapping (flags and environment are not consulted).
    public func isWritten(_ name: String) -> Bool {
        scope.mapping?.keyScalar(name) != nil
    }

    /// Reports `unknown-key` for every key of this mapping (and of every section opened from it) that was not read;
    /// on the reader created from `ConfigSources`, also for every flag under its prefix that names no key read.
    public consuming func finish() -> ConfigReadResult {
        for nested in scope.subtree {
            nested.reportUnknownKeys(into: &ledger.diagnostics)
        }
        if scope.isRoot { reportUnknownFlags() }
        return ConfigReadResult(diagnostics: ledger.diagnostics, origins: ledger.origins, effective: ledger.effective)
    }

    private func reportUnknownFlags() {
        let known = scope.subtree.flatMap { nested in
            nested.declared.filter { !nested.sections.contains($0) }.map { nested.prefix + $0 }
        }
        let knownSet = Set(known)
        for name in flags.keys.sorted(by: ByteOrder.precedes)
        where name.hasPrefix(scope.prefix) && !knownSet.contains(name) {
            var notes = DidYouMean.note(for: name, among: known).map { [$0] } ?? []
            notes.append("valid keys: " + ConfigScope.list(known))
            ledger.diagnostics.append(
                Diagnostic(.error, .unknownKey, "unknown key '\(name)' in the command line", notes: notes))
        }
    }

    private func parseText<V: ConfigValue>(_ text: String, key: ConfigKey<V>, fullName: String, note: String) -> V? {
        guard let parsed = V.parse(text: text, unit: key.unit) else {
            ledger.diagnostics.append(
                Diagnostic(
                    .error, .typeMismatch, "'\(fullName)' must be \(V.typeDescription), got '\(text)'", notes: [note]))
            return nil
        }
        return validate(parsed, key: key, fullName: fullName, node: nil, text: text, note: note) ? parsed : nil
    }

    /// Checks `allowed` and `isValid`; reports and returns false on failure.
    private func validate<V: ConfigValue>(
        _ value: V, key: ConfigKey<V>, fullName: String, node: YAMLNode?, text: String?, note: String?
    ) -> Bool {
        var valid = true
        let notes = note.map { [$0] } ?? []
        if let allowed = key.allowed {
            for (index, string, itemNode) in Self.strings(in: value.plain, node: node) where !allowed.contains(string) {
                let name = index.map { "\(fullName)[\($0)]" } ?? fullName
                let message = "'\(name)' must be one of \(allowed.joined(separator: ", ")), got '\(string)'"
                let hint = DidYouMean.note(for: string, among: allowed).map { [$0] } ?? []
                ledger.diagnostics.append(
                    Diagnostic(
                        .error, .invalidValue, message, at: itemNode?.location, length: itemNode?.length ?? 1,
                        notes: hint + notes))
                valid = false
            }
        }
        if valid, let isValid = key.isValid, !isValid(value) {
            let written = node?.scalar?.text ?? text ?? value.plain.description
            let message = "'\(fullName)' must be \(key.rangeText ?? "within its valid range"), got \(written)"
            ledger.diagnostics.append(
                Diagnostic(.error, .outOfRange, message, at: node?.location, length: node?.length ?? 1, notes: notes))
            valid = false
        }
        return valid
    }

    /// The strings of a string or list-of-strings value, with the list index and the node each was written at.
    private static func strings(in plain: PlainValue, node: YAMLNode?) -> [(Int?, String, YAMLNode?)] {
        switch plain {
        case .string(let string):
            return [(nil, string, node)]
        case .list(let items):
            let nodes = node?.sequence?.items
            return items.enumerated().compactMap { index, item in
                guard case .string(let string) = item else { return nil }
                return (index, string, nodes.flatMap { index < $0.count ? $0[index] : nil })
            }
        default:
            return []
        }
    }
}
