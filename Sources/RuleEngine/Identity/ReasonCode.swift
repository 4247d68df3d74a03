/// The `reason` string of a deny (`latency_guard`, `spread_bps_too_wide:80.1`, `missing_input:market.latency_ms`).
public struct ReasonCode: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// The reason of an allowed decision.
    public static let ok: ReasonCode = "ok"
    /// The hard deny that replaces a decision whose records could not be written.
    public static let logUnavailable: ReasonCode = "log_unavailable"
}
