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
        if let symbolsNode = mapping["symbols"] {
            if let texts = stringList("symbols", symbolsNode) {
                var symbols: [Symbol] = []
                for (text, scalar) in texts {
                    guard let symbol = Symbol(canonicalizing: text) else {
                        diagnostics.append(Diagnostic(.error, .invalidSymbol,
                            "'\(text)' is not a valid symbol (canonical form '\(Symbol.canonicalForm(of: text))')",
                            at: scalar.location, length: scalar.length))
                        ok = false
                        continue
                    }
                    if symbols.contains(symbol) {
                        diagnostics.append(Diagnostic(.warning, .duplicateMatchValue,
                            "'\(symbol)' appears twice in symbols (after canonicalisation)",
                            at: scalar.location, length: scalar.length))
                    } else {
                        symbols.append(symbol)
                    }
                }
                match.symbols = symbols
            } else {
                ok = false
            }
        }
        if let modesNode = mapping["account_modes"] {
            if let texts = stringList("account_modes", modesNode) {
                var modes: [String] = []
                for (text, scalar) in texts {
                    let valid = !text.isEmpty && text.utf8.allSatisfy { b in
                        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                            || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
                    }
                    guard valid else {
                        diagnostics.append(Diagnostic(.error, .invalidValue,
                            "'\(text)' is not a valid account mode: use a–z, 0–9, '_', '-'",
                            at: scalar.location, length: scalar.length))
                        ok = false
                        continue
                    }
                    if modes.contains(text) {
                        diagnostics.append(Diagnostic(.warning, .duplicateMatchValue,
                            "'\(text)' appears twice in account_modes (after canonicalisation)",
                            at: scalar.location, length: scalar.length))
                    } else {
                        modes.append(text)
                    }
                }
                match.accountModes = modes
            } else {
                ok = false
            }
        }
        if mapping["symbols"] == nil && mapping["account_modes"] == nil {
            diagnostics.append(LoaderDiagnostics.missingKey("symbols or account_modes", place: "match", at: mapping.location))
            return nil
        }
        return ok ? match : nil
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
