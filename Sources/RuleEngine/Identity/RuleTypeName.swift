/// The name a rule type is registered under, written as `type:` in rule files (`latency`, `risk_caps`).
public struct RuleTypeName: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (a: RuleTypeName, b: RuleTypeName) -> Bool { a.rawValue < b.rawValue }
}
