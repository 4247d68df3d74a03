import YAMLKit

/// A pipeline entry that passed validation: everything needed to build its rules and its fingerprint object.
struct ParsedEntry {
    struct ParsedOverride {
        var index: Int
        var match: OverrideMatch
        var config: any Sendable
        var params: [(name: String, value: PlainValue)]
        var declaredAt: SourceLocation
    }

    var id: RuleID
    var factory: AnyRuleFactory
    var mode: RuleMode
    var onError: OnError
    var onMissing: OnMissing?
    var reducingOrders: ReducingTreatment
    var stop: Bool
    var description: String?
    var config: any Sendable
    var params: [(name: String, value: PlainValue)]
    var overrides: [ParsedOverride]
    var declaredAt: SourceLocation
    var file: String
    var root: String

    var key: RuleKey { RuleKey(id: id, type: factory.info.name) }
}
