import YAMLKit

extension EntryCompiler {
    /// Validates `overrides` (rule-files.md §2.3): each `match`, each override's params merged over the base and
    /// validated as a complete set, overridability, and the reachability warnings.
    mutating func compileOverrides(_ node: YAMLNode?, base: YAMLNode.Mapping?,
                                   baseParams: [(name: String, value: PlainValue)], factory: AnyRuleFactory,
                                   ruleID: RuleID?, place: String) -> [ParsedEntry.ParsedOverride] {
        guard let node, !node.isNull else { return [] }
        guard let list = node.sequence else {
            diagnostics.append(LoaderDiagnostics.typeMismatch("overrides", expected: "a list", got: node))
            return []
        }
        let info = factory.info
        let scopeIsGlobal = baseParams.first { $0.name == "scope" }?.value == .string("global")
        var result: [ParsedEntry.ParsedOverride] = []
        var matches: [(OverrideMatch, SourceLocation)] = []
        for (index, item) in list.items.enumerated() {
            guard let mapping = item.mapping else {
                diagnostics.append(LoaderDiagnostics.typeMismatch("overrides", expected: "a list of mappings", got: item))
                continue
            }
            for entry in mapping.entries where !Self.overrideKeys.contains(entry.key.text) {
                diagnostics.append(LoaderDiagnostics.unknownKey(entry.key, place: "override", valid: Self.overrideKeys))
            }
            let match = compileMatch(mapping["match"], override: mapping)
            var overrideParams: YAMLNode.Mapping?
            if let paramsNode = mapping["params"], !paramsNode.isNull {
                if let m = paramsNode.mapping {
                    overrideParams = m
                } else {
                    diagnostics.append(LoaderDiagnostics.typeMismatch("params", expected: "a mapping", got: paramsNode))
                }
            }
            for entry in overrideParams?.entries ?? [] {
                guard let param = info.param(entry.key.text) else { continue }
                let forbidden = param.overridable == .no || (param.overridable == .onlyWithSymbolScope && scopeIsGlobal)
                if forbidden {
                    diagnostics.append(Diagnostic(.error, .paramNotOverridable,
                        "'\(entry.key.text)' of type \(info.name) cannot be overridden per symbol or account mode",
                        at: entry.key.location, length: entry.key.length,
                        notes: param.overridable == .onlyWithSymbolScope
                            ? ["it acts on state shared by every request; it can be overridden only with scope: symbol"] : []))
                }
            }
            let merged = Self.merge(base: base, override: overrideParams, at: mapping.location)
            var reader = ConfigReader(params: merged, place: place)
            let config = factory.parseConfig(&reader)
            let read = reader.finish()
            diagnostics.append(contentsOf: read.diagnostics)
            guard let match else { continue }
            for (earlierIndex, (earlier, _)) in matches.enumerated() where earlier.preempts(match) {
                diagnostics.append(Diagnostic(.warning, .unreachableOverride,
                    "override \(index) of rule '\(ruleID?.rawValue ?? "")' can never apply: override \(earlierIndex) matches first",
                    at: mapping.location))
                break
            }
            matches.append((match, mapping.location))
            if let config {
                result.append(.init(index: index, match: match, config: config, params: read.effective,
                                    declaredAt: mapping.location))
            }
        }
        return result
    }

    /// The base params with the override's keys replacing (or adding to) them; each node keeps its own location.
    static func merge(base: YAMLNode.Mapping?, override: YAMLNode.Mapping?, at location: SourceLocation) -> YAMLNode.Mapping {
        var entries = base?.entries ?? []
        for entry in override?.entries ?? [] {
            if let i = entries.firstIndex(where: { $0.key.text == entry.key.text }) {
                entries[i] = entry
            } else {
                entries.append(entry)
            }
        }
        return YAMLNode.Mapping(entries: entries, location: override?.location ?? base?.location ?? location)
    }

    private mutating func compileMatch(_ node: YAMLNode?, override: YAMLNode.Mapping) -> OverrideMatch? {
        guard let node else {
            diagnostics.append(LoaderDiagnostics.missingKey("match", place: "override", at: override.location))
            return nil
        }
        guard let mapping = node.mapping else {
            diagnostics.append(LoaderDiagnostics.typeMismatch("match", expected: "a mapping", got: node))
            return nil
        }
        for entry in mapping.entries where !Self.matchKeys.contains(entry.key.text) {
            diagnostics.append(LoaderDiagnostics.unknownKey(entry.key, place: "match", valid: Self.matchKeys))
        }
        var match = OverrideMatch()
        var ok = true
        if let node = mapping["symbols"] {
            match.symbols = canonicalList("symbols", node, ok: &ok) { text in
                Symbol(canonicalizing: text).map { .success($0) }
                    ?? .failure(Diagnostic(.error, .invalidSymbol,
                        "'\(text)' is not a valid symbol (canonical form '\(Symbol.canonicalForm(of: text))')"))
            }
        }
        if let node = mapping["account_modes"] {
            match.accountModes = canonicalList("account_modes", node, ok: &ok) { text in
                let valid = !text.isEmpty && text.utf8.allSatisfy { b in
                    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                        || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
                }
                return valid ? .success(text)
                    : .failure(Diagnostic(.error, .invalidValue, "'\(text)' is not a valid account mode: use a–z, 0–9, '_', '-'"))
            }
        }
        if mapping["symbols"] == nil && mapping["account_modes"] == nil {
            diagnostics.append(LoaderDiagnostics.missingKey("symbols or account_modes", place: "match", at: mapping.location))
            return nil
        }
        return ok ? match : nil
    }

    /// A `match` list: each value canonicalised (an invalid one reported at its scalar, clearing `ok`), repeats
    /// after canonicalisation warned about and dropped.
    private mutating func canonicalList<V: Equatable & CustomStringConvertible>(
        _ key: String, _ node: YAMLNode, ok: inout Bool, canonical: (String) -> Result<V, Diagnostic>
    ) -> [V]? {
        guard let texts = stringList(key, node) else {
            ok = false
            return nil
        }
        var values: [V] = []
        for (text, scalar) in texts {
            switch canonical(text) {
            case .failure(var problem):
                problem.location = scalar.location
                problem.length = scalar.length
                diagnostics.append(problem)
                ok = false
            case .success(let value) where values.contains(value):
                diagnostics.append(Diagnostic(.warning, .duplicateMatchValue,
                    "'\(value)' appears twice in \(key) (after canonicalisation)", at: scalar.location, length: scalar.length))
            case .success(let value):
                values.append(value)
            }
        }
        return values
    }

    /// A non-empty list of strings, or nil after reporting why not.
    private mutating func stringList(_ key: String, _ node: YAMLNode) -> [(String, YAMLNode.Scalar)]? {
        guard let list = node.sequence else {
            diagnostics.append(LoaderDiagnostics.typeMismatch(key, expected: "a list", got: node))
            return nil
        }
        guard !list.items.isEmpty else {
            diagnostics.append(LoaderDiagnostics.typeMismatch(key, expected: "a non-empty list", got: node))
            return nil
        }
        var out: [(String, YAMLNode.Scalar)] = []
        for item in list.items {
            guard let scalar = item.scalar, case .string(let text) = scalar.resolved else {
                diagnostics.append(LoaderDiagnostics.typeMismatch(key, expected: "a list of strings", got: item))
                return nil
            }
            out.append((text, scalar))
        }
        return out
    }
}
