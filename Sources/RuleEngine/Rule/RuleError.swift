/// An internal failure of a rule: handled by the step's `on_error` policy (gates.md §1.5).
public struct RuleError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
        /// A reported value (measured, or an explain detail) is not finite.
        public static let nonFinite = Code("non_finite")
        /// Any other unexpected failure.
        public static let `internal` = Code("internal")
    }

    public var code: Code
    public var message: String
    public init(_ code: Code, _ message: String = "") {
        self.code = code
        self.message = message
    }
    public var description: String { message.isEmpty ? "rule_error:\(code)" : "rule_error:\(code): \(message)" }

    /// Throws `non_finite` unless every value is finite.
    public static func requireFinite(_ values: Double?...) throws(RuleError) {
        for case let v? in values where !v.isFinite { throw RuleError(.nonFinite, "a reported value is \(v)") }
    }
}
