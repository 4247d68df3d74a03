/// A rule's identity across reloads: state carries over, diffs and metrics key on `(id, type)`.
public struct RuleKey: Sendable, Hashable, CustomStringConvertible {
    public let id: RuleID
    public let type: RuleTypeName
    public init(id: RuleID, type: RuleTypeName) {
        self.id = id
        self.type = type
    }
    public var description: String { "\(id) (\(type))" }
}
