public import RuleEngine
import Foundation

/// Rule sets written inline in tests: the YAML goes to a temporary file and through the real loader.
public enum InlineRuleSet {
    public struct LoadFailure: Error, CustomStringConvertible {
        public let rendered: String
        public var description: String { rendered }
    }

    /// Loads `yaml` (a complete rule file) with `registry`; `previous` carries rule state as a reload would.
    public static func load(_ yaml: String, registry: RuleRegistry, previous: CompiledRuleSet? = nil,
                            name: String = "rules.yaml") throws(LoadFailure) -> CompiledRuleSet {
        let directory = TemporaryDirectory()
        let file = directory.write(name, yaml)
        let result = RuleSetLoader(registry: registry).load(files: [file], previous: previous,
                                                            options: .init(offline: true))
        guard let set = result.ruleSet else { throw LoadFailure(rendered: result.rendered) }
        return set
    }

    /// The rendered diagnostics of loading `yaml` (empty when it loads without any), with the temporary path
    /// replaced by `name` so expectations can be pinned.
    public static func diagnostics(_ yaml: String, registry: RuleRegistry, name: String = "rules.yaml") -> String {
        let directory = TemporaryDirectory()
        let file = directory.write(name, yaml)
        let result = RuleSetLoader(registry: registry).load(files: [file], options: .init(offline: true))
        return result.rendered.replacingOccurrences(of: file, with: name)
    }

    /// A one-rule file: `type` with `params` (inline YAML mapping text) and optional extra entry keys.
    public static func single(_ type: String, id: String? = nil, params: String = "{}", extra: String = "") -> String {
        """
        version: 1
        name: test
        pipeline:
          - id: \(id ?? type)
            type: \(type)
            params: \(params)
        \(extra.isEmpty ? "" : extra.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        """
    }
}
