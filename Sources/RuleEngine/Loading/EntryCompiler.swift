import Foundation
import YAMLKit

/// Validates one pipeline entry (rule-files.md §2.2–§2.4, §3) against the registry; every problem is reported.
struct EntryCompiler {
    static let entryKeys = ["id", "type", "mode", "on_error", "on_missing", "stop", "reducing_orders", "description",
                            "params", "overrides"]
    static let entryHints = ["config": "params are written under 'params'", "enabled": "use mode: off to disable a rule",
                             "name": "a rule is named by 'id'"]
    static let overrideKeys = ["match", "params"]
    static let matchKeys = ["account_modes", "symbols"]

    let registry: RuleRegistry
    var diagnostics = Diagnostics()
    private var seenIDs: [String: SourceLocation] = [:]

    init(registry: RuleRegistry) { self.registry = registry }

    mutating func compile(_ entry: IncludeResolver.ExpandedEntry) -> ParsedEntry? {
        let node = entry.node
        let errorsBefore = diagnostics.errorCount
        var id: RuleID?
        if let idNode = node["id"] {
            if let scalar = idNode.scalar, case .string(let text) = scalar.resolved {
                if !RuleID.isValid(text) {
                    diagnostics.append(Diagnostic(.error, .invalidId,
                        "invalid rule id '\(text)': use 1–63 characters a–z, 0–9, '_', '.', '-', starting with a letter",
                        at: scalar.location, length: scalar.length))
                } else if let first = seenIDs[text] {
                    diagnostics.append(Diagnostic(.error, .duplicateId, "duplicate rule id '\(text)'",
                                                  at: scalar.location, length: scalar.length,
                                                  notes: ["first defined at \(first)"]))
                } else {
                    seenIDs[text] = scalar.location
                    id = RuleID(text)
                }
            } else {
                diagnostics.append(LoaderDiagnostics.typeMismatch("id", expected: "a string", got: idNode))
            }
        } else {
            diagnostics.append(LoaderDiagnostics.missingKey("id", place: "a pipeline entry", at: node.location))
        }
        let place = id.map { "rule '\($0)'" } ?? "a pipeline entry"
        for item in node.entries where !Self.entryKeys.contains(item.key.text) {
            diagnostics.append(LoaderDiagnostics.unknownKey(item.key, place: place, valid: Self.entryKeys,
                                                            hints: Self.entryHints))
        }
        var factory: AnyRuleFactory?
        if let typeNode = node["type"] {
            if let scalar = typeNode.scalar, case .string(let text) = scalar.resolved {
                factory = registry.factory(named: text)
                if factory == nil {
                    var notes: [String] = []
                    if let suggestion = DidYouMean.suggestion(for: text, among: registry.typeNames) {
                        notes.append("did you mean '\(suggestion)'?")
                    }
                    notes.append("known types: \(registry.typeNames.joined(separator: ", "))")
                    diagnostics.append(Diagnostic(.error, .unknownType, "unknown rule type '\(text)'",
                                                  at: scalar.location, length: scalar.length, notes: notes))
                }
            } else {
                diagnostics.append(LoaderDiagnostics.typeMismatch("type", expected: "a string", got: typeNode))
            }
        } else {
            diagnostics.append(LoaderDiagnostics.missingKey("type", place: place, at: node.location))
        }
        let mode: RuleMode = RuleFile.enumValue("mode", node["mode"], diagnostics: &diagnostics)
            ?? entry.defaults.mode ?? .enforce
        let onError: OnError = RuleFile.enumValue("on_error", node["on_error"], diagnostics: &diagnostics)
            ?? entry.defaults.onError ?? .deny
        let writtenOnMissing: OnMissing? = RuleFile.enumValue("on_missing", node["on_missing"], diagnostics: &diagnostics)
        let writtenReducing: ReducingTreatment? = RuleFile.enumValue("reducing_orders", node["reducing_orders"],
                                                                      diagnostics: &diagnostics)
        var stop = false
        if let stopNode = node["stop"] {
            if let scalar = stopNode.scalar, case .bool(let value) = scalar.resolved {
                stop = value
            } else {
                diagnostics.append(LoaderDiagnostics.typeMismatch("stop", expected: "true or false", got: stopNode))
            }
        }
        var description: String?
        if let descriptionNode = node["description"], !descriptionNode.isNull {
            if let scalar = descriptionNode.scalar, case .string = scalar.resolved {
                let count = scalar.text.unicodeScalars.count
                if count > 200 {
                    diagnostics.append(Diagnostic(.error, .outOfRange,
                        "'description' must be at most 200 characters, got \(count)",
                        at: scalar.location, length: scalar.length))
                }
                description = scalar.text
            } else {
                diagnostics.append(LoaderDiagnostics.typeMismatch("description", expected: "a string", got: descriptionNode))
            }
        }
        var paramsMapping: YAMLNode.Mapping?
        if let paramsNode = node["params"], !paramsNode.isNull {
            if let mapping = paramsNode.mapping {
                paramsMapping = mapping
            } else {
                diagnostics.append(LoaderDiagnostics.typeMismatch("params", expected: "a mapping", got: paramsNode))
            }
        }
        guard let factory else { return nil }
        let info = factory.info
        var onMissing = writtenOnMissing ?? entry.defaults.onMissing ?? info.defaultOnMissing
        if info.defaultOnMissing == nil {
            if writtenOnMissing != nil, let key = node.keyScalar("on_missing") {
                diagnostics.append(Diagnostic(.warning, .onMissingIgnored,
                    "on_missing has no effect on type \(info.name): it has no required inputs",
                    at: key.location, length: key.length))
            }
            onMissing = nil
        }
        let reducing = writtenReducing ?? info.reducingOrders
        if writtenReducing == .exempt, let warning = info.warningWhenExempt, let key = node.keyScalar("reducing_orders") {
            diagnostics.append(Diagnostic(.warning, warning.code,
                warning.message.replacingOccurrences(of: "{id}", with: id?.rawValue ?? ""),
                at: key.location, length: key.length))
        }
        let paramsPlace = "params of type '\(info.name)'"
        var reader = ConfigReader(params: paramsMapping, place: paramsPlace)
        let config = factory.parseConfig(&reader)
        let base = reader.finish()
        diagnostics.append(contentsOf: base.diagnostics)
        let overrides = compileOverrides(node["overrides"], base: paramsMapping, baseParams: base.effective,
                                         factory: factory, ruleID: id, place: paramsPlace)
        guard let id, let config, diagnostics.errorCount == errorsBefore else { return nil }
        return ParsedEntry(id: id, factory: factory, mode: mode, onError: onError, onMissing: onMissing,
                           reducingOrders: reducing, stop: stop, description: description, config: config,
                           params: base.effective, overrides: overrides, declaredAt: node.location,
                           file: entry.file, root: entry.root)
    }
}
