public import YAMLKit

/// One entry of the compiled pipeline: a rule with its policies, its override instances and where it was declared.
public struct PipelineStep: Sendable {
    /// An override instance: the base params merged with the override's, built as its own rule.
    public struct Override: Sendable {
        public var index: Int
        public var match: OverrideMatch
        public var rule: any Rule
        public var declaredAt: SourceLocation
        public var params: [(name: String, value: PlainValue)]
    }

    public var key: RuleKey
    public var mode: RuleMode
    public var onError: OnError
    /// nil for a type without required inputs.
    public var onMissing: OnMissing?
    public var reducingOrders: ReducingTreatment
    public var stop: Bool
    public var base: any Rule
    public var overrides: [Override]
    public var declaredAt: SourceLocation
    /// The root rule file this entry was reached from (itself, or the file that includes it).
    public var root: String
    public var description: String?
    /// Every effective base param, in the type's table order.
    public var params: [(name: String, value: PlainValue)]
    public var info: RuleTypeInfo

    /// The instance that applies to a request: the first matching override, else the base.
    public func select(symbol: Symbol?, accountMode: String) -> (rule: any Rule, override: Override?) {
        for candidate in overrides where candidate.match.matches(symbol: symbol, accountMode: accountMode) {
            return (candidate.rule, candidate)
        }
        return (base, nil)
    }
}
