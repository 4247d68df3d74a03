import YAMLKit

/// A type-erased `RuleFactory`, as the registry stores it.
struct AnyRuleFactory: Sendable {
    let info: RuleTypeInfo
    private let parse: @Sendable (inout ConfigReader) -> (any Sendable)?
    private let make: @Sendable (RuleID, any Sendable, (any RuleState)?) -> any Rule

    init<F: RuleFactory>(_ factory: F) {
        info = F.info
        parse = { reader in factory.parseConfig(&reader) }
        make = { id, config, state in
            // The config always comes from `parse` of the same factory.
            factory.makeRule(id: id, config: config as! F.Config, carrying: state)
        }
    }

    func parseConfig(_ reader: inout ConfigReader) -> (any Sendable)? { parse(&reader) }
    func makeRule(id: RuleID, config: any Sendable, carrying state: (any RuleState)?) -> any Rule {
        make(id, config, state)
    }
}
