/// The rule types a loader can build, by name. Explicit: the executable registers the standard list; tests register
/// fakes. Registering a name twice is an error.
public struct RuleRegistry: Sendable {
    public struct DuplicateType: Error, Sendable, CustomStringConvertible {
        public let name: RuleTypeName
        public var description: String { "rule type '\(name)' is registered twice" }
    }

    private var factories: [RuleTypeName: AnyRuleFactory] = [:]

    public init() {}

    public mutating func register<F: RuleFactory>(_ factory: F) throws(DuplicateType) {
        guard factories[F.info.name] == nil else { throw DuplicateType(name: F.info.name) }
        factories[F.info.name] = AnyRuleFactory(factory)
    }

    /// Every registered type, sorted by name.
    public var catalog: [RuleTypeInfo] { factories.values.map(\.info).sorted { $0.name < $1.name } }
    public var typeNames: [String] { factories.keys.map(\.rawValue).sorted() }

    func factory(named name: String) -> AnyRuleFactory? { factories[RuleTypeName(name)] }
}
