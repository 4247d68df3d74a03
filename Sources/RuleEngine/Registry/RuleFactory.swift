public import YAMLKit

/// Builds the rules of one type: a plugin registered by name in a `RuleRegistry`.
public protocol RuleFactory: Sendable {
    associatedtype Config: Sendable

    /// Name, params, inputs and policies of the type; `info.name` is the `type:` of rule files.
    static var info: RuleTypeInfo { get }

    /// Reads and validates the params once, at load, reporting every problem through `params` (read every param
    /// of `info.params`, in table order). Returns nil when any param is invalid.
    func parseConfig(_ params: inout ConfigReader) -> Config?

    /// Builds the rule. `state` is the state of the rule with the same `(id, type)` in the previous rule set, or the
    /// state of the entry's base rule when building an override: reuse it (by reference) unless the type documents
    /// a reset for this change.
    func makeRule(id: RuleID, config: Config, carrying state: (any RuleState)?) -> any Rule
}

extension RuleFactory {
    public static var typeName: RuleTypeName { info.name }
}
