public import YAMLKit

/// What `aurora rules` and the loader know about a rule type, besides how to build it.
public struct RuleTypeInfo: Sendable {
    /// Whether a param may appear in an override (gates.md "Overridable").
    public enum Overridable: Sendable, Hashable {
        case yes, no
        /// Only when the rule's `scope` param is `symbol` (the param acts on per-scope state).
        case onlyWithSymbolScope
    }

    public struct Param: Sendable {
        public var key: ConfigKeyInfo
        public var overridable: Overridable
        public init(_ key: ConfigKeyInfo, overridable: Overridable = .yes) {
            self.key = key
            self.overridable = overridable
        }
    }

    /// A load-time warning a type asks for (e.g. "no governance rule in enforce mode").
    public struct Warning: Sendable {
        public var code: DiagnosticCode
        public var message: String
        /// Whether `aurora test`, `eval` and `replay` report it too.
        public var reportedOffline: Bool
        public init(code: DiagnosticCode, message: String, reportedOffline: Bool) {
            self.code = code
            self.message = message
            self.reportedOffline = reportedOffline
        }
    }

    public var name: RuleTypeName
    public var summary: String
    public var params: [Param]
    /// Request paths the type reads (explain output lists them with their values).
    public var inputs: [String]
    /// The type's default `on_missing`; nil for a type without required inputs (it ignores `on_missing`).
    public var defaultOnMissing: OnMissing?
    public var reducingOrders: ReducingTreatment
    /// Reported when the rule set has no rule of this type in enforce mode.
    public var warningWhenNotEnforced: Warning?
    /// Reported (with the rule id in place of `{id}`) when an entry of this type writes `reducing_orders: exempt`.
    public var warningWhenExempt: Warning?

    public init(name: RuleTypeName, summary: String, params: [Param], inputs: [String],
                defaultOnMissing: OnMissing?, reducingOrders: ReducingTreatment,
                warningWhenNotEnforced: Warning? = nil, warningWhenExempt: Warning? = nil) {
        self.name = name
        self.summary = summary
        self.params = params
        self.inputs = inputs
        self.defaultOnMissing = defaultOnMissing
        self.reducingOrders = reducingOrders
        self.warningWhenNotEnforced = warningWhenNotEnforced
        self.warningWhenExempt = warningWhenExempt
    }

    public func param(_ name: String) -> Param? { params.first { $0.key.name == name } }
}
