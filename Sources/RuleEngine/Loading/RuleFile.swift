import YAMLKit

/// One rule file's top level, checked against rule-files.md §2.1; entries are compiled later by the loader.
struct RuleFile {
    struct Defaults {
        var mode: RuleMode?
        var onError: OnError?
        var onMissing: OnMissing?
    }

    let path: String
    var name: String?
    var includes: [(path: String, scalar: YAMLNode.Scalar)] = []
    var defaults = Defaults()
    var entries: [YAMLNode.Mapping] = []
    var entryNodes: [YAMLNode] = []

    static let topLevelKeys = ["version", "name", "include", "defaults", "pipeline"]
    static let defaultsKeys = ["mode", "on_error", "on_missing"]

    /// Reads the top level, appending every problem to `diagnostics`.
    init(path: String, root: YAMLNode, diagnostics: inout Diagnostics) {
        self.path = path
        guard let top = root.mapping else {
            diagnostics.append(Diagnostic(.error, .typeMismatch, "the rule file must be a mapping, got \(root.kindDescription)",
                                          at: root.location, length: root.length))
            return
        }
        for entry in top.entries where !Self.topLevelKeys.contains(entry.key.text) {
            diagnostics.append(LoaderDiagnostics.unknownKey(entry.key, place: "the top level", valid: Self.topLevelKeys,
                                                            hints: ["rules": "the list of rules is called 'pipeline'"]))
        }
        if let version = top["version"] {
            if let scalar = version.scalar, case .integer(let n) = scalar.resolved {
                if n != 1 {
                    diagnostics.append(Diagnostic(.error, .unsupportedVersion,
                                                  "unsupported rule file version \(n): this build reads version 1",
                                                  at: scalar.location, length: scalar.length))
                }
            } else {
                diagnostics.append(LoaderDiagnostics.typeMismatch("version", expected: "an integer", got: version))
            }
        } else {
            diagnostics.append(LoaderDiagnostics.missingKey("version", place: "the top level", at: top.location))
        }
        if let nameNode = top["name"] {
            if let scalar = nameNode.scalar, case .string(let text) = scalar.resolved {
                if RuleID.isValid(text) {
                    name = text
                } else {
                    diagnostics.append(Diagnostic(.error, .invalidName,
                        "invalid rule set name '\(text)': use 1–63 characters a–z, 0–9, '_', '.', '-', starting with a letter",
                        at: scalar.location, length: scalar.length))
                }
            } else {
                diagnostics.append(LoaderDiagnostics.typeMismatch("name", expected: "a string", got: nameNode))
            }
        } else {
            diagnostics.append(LoaderDiagnostics.missingKey("name", place: "the top level", at: top.location))
        }
        if let include = top["include"], !include.isNull {
            if let list = include.sequence {
                for item in list.items {
                    if let scalar = item.scalar, case .string(let text) = scalar.resolved {
                        includes.append((text, scalar))
                    } else {
                        diagnostics.append(LoaderDiagnostics.typeMismatch("include", expected: "a list of strings", got: item))
                    }
                }
            } else {
                diagnostics.append(LoaderDiagnostics.typeMismatch("include", expected: "a list", got: include))
            }
        }
        if let defaultsNode = top["defaults"], !defaultsNode.isNull {
            if let mapping = defaultsNode.mapping {
                for entry in mapping.entries where !Self.defaultsKeys.contains(entry.key.text) {
                    var hints: [String: String] = [:]
                    if entry.key.text == "reducing_orders" { hints["reducing_orders"] = "reducing_orders is not allowed in defaults: write it on the entry" }
                    diagnostics.append(LoaderDiagnostics.unknownKey(entry.key, place: "defaults", valid: Self.defaultsKeys, hints: hints))
                }
                defaults.mode = Self.enumValue("mode", mapping["mode"], diagnostics: &diagnostics)
                defaults.onError = Self.enumValue("on_error", mapping["on_error"], diagnostics: &diagnostics)
                defaults.onMissing = Self.enumValue("on_missing", mapping["on_missing"], diagnostics: &diagnostics)
            } else {
                diagnostics.append(LoaderDiagnostics.typeMismatch("defaults", expected: "a mapping", got: defaultsNode))
            }
        }
        if let pipeline = top["pipeline"], !pipeline.isNull {
            if let list = pipeline.sequence {
                for item in list.items {
                    if let mapping = item.mapping {
                        entries.append(mapping)
                    } else {
                        diagnostics.append(LoaderDiagnostics.typeMismatch("pipeline", expected: "a list of mappings (one per rule)", got: item))
                    }
                }
            } else {
                diagnostics.append(LoaderDiagnostics.typeMismatch("pipeline", expected: "a list", got: pipeline))
            }
        } else if top["include"] == nil || top["include"]?.isNull == true {
            diagnostics.append(Diagnostic(.error, .emptyFile, "'\(path)' has neither 'pipeline' nor 'include'",
                                          at: top.location))
        }
    }

    /// Reads an enumeration value (`mode: shadow`), reporting a wrong type or an unknown value.
    static func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _ node: YAMLNode?,
                                                              diagnostics: inout Diagnostics) -> E?
    where E.RawValue == String {
        guard let node else { return nil }
        let allowed = E.allCases.map(\.rawValue)
        guard let scalar = node.scalar, case .string(let text) = scalar.resolved else {
            diagnostics.append(LoaderDiagnostics.typeMismatch(key, expected: "one of \(allowed.joined(separator: ", "))", got: node))
            return nil
        }
        guard let value = E(rawValue: text) else {
            diagnostics.append(LoaderDiagnostics.invalidValue(key, scalar, allowed: allowed))
            return nil
        }
        return value
    }
}
