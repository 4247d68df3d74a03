/// The `POST /risk/set` values in force (gates.md §2.4): each replaces that numeric `risk_caps` param in every
/// `risk_caps` rule and override context until a reset. Persisted (observability.md §9 `risk_overrides`).
public struct RiskOverrides: Sendable, Hashable {
    /// The numeric `risk_caps` params, in the order of gates.md §9's params table (`notional_action` is a string and
    /// cannot be set at runtime).
    public enum Param: String, Sendable, Hashable, CaseIterable, Comparable {
        case ddDayPct = "dd_day_pct"
        case maxConcurrent = "max_concurrent"
        case sizeScale = "size_scale"
        case tradesPerMinute = "trades_per_minute"
        case tradesPerMinuteGlobal = "trades_per_minute_global"
        case priceCollarBps = "price_collar_bps"
        case maxOrderNotionalUsdt = "max_order_notional_usdt"
        case maxSymbolExposureUsdt = "max_symbol_exposure_usdt"
        case minOrderNotionalUsdt = "min_order_notional_usdt"

        public static func < (a: Param, b: Param) -> Bool { a.order < b.order }
        private var order: Int { Self.allCases.firstIndex(of: self)! }

        /// Integer params are written as JSON integers (state file, snapshots).
        public var isInteger: Bool {
            switch self {
            case .maxConcurrent, .tradesPerMinute, .tradesPerMinuteGlobal: true
            default: false
            }
        }

        /// The range `POST /risk/set` accepts (http-api.md §6.5.5), as text for messages.
        public var rangeText: String {
            switch self {
            case .ddDayPct: "≥ 0 and ≤ 100"
            case .maxConcurrent: "an integer ≥ 0 and ≤ 100000"
            case .sizeScale: "a number (clipped to [0, 1])"
            case .tradesPerMinute: "an integer ≥ 1 and ≤ 100000"
            case .tradesPerMinuteGlobal: "an integer ≥ 1 and ≤ 1000000"
            case .priceCollarBps: "> 0 and ≤ 100000"
            case .maxOrderNotionalUsdt, .maxSymbolExposureUsdt: "> 0 and ≤ 1e12"
            case .minOrderNotionalUsdt: "≥ 0 and ≤ 1e12"
            }
        }

        /// Whether `POST /risk/set` (and a state file) may hold `value` for this param. `size_scale` accepts any
        /// finite number: it is clipped by `normalised(_:)`.
        public func accepts(_ value: Double) -> Bool {
            guard value.isFinite else { return false }
            if isInteger && value.rounded(.towardZero) != value { return false }
            switch self {
            case .ddDayPct: return value >= 0 && value <= 100
            case .maxConcurrent: return value >= 0 && value <= 100_000
            case .sizeScale: return true
            case .tradesPerMinute: return value >= 1 && value <= 100_000
            case .tradesPerMinuteGlobal: return value >= 1 && value <= 1_000_000
            case .priceCollarBps: return value > 0 && value <= 100_000
            case .maxOrderNotionalUsdt, .maxSymbolExposureUsdt: return value > 0 && value <= 1e12
            case .minOrderNotionalUsdt: return value >= 0 && value <= 1e12
            }
        }

        /// The value stored for an accepted `value`: `size_scale` clipped to [0, 1], the rest unchanged.
        public func normalised(_ value: Double) -> Double {
            self == .sizeScale ? min(1, max(0, value)) : value
        }
    }

    /// A value `POST /risk/set` does not accept.
    public struct Rejection: Error, Sendable, Hashable, CustomStringConvertible {
        public var param: Param
        public var value: Double
        public var description: String { "'\(param.rawValue)' must be \(param.rangeText), got \(value)" }
    }

    private var values: [Param: Double] = [:]

    public init() {}

    /// Builds overrides from accepted values; throws for the first value out of range.
    public init(_ entries: [(Param, Double)]) throws(Rejection) {
        for (param, value) in entries { try set(param, value) }
    }

    public subscript(param: Param) -> Double? { values[param] }

    /// The value of `name` when it names an overridden param.
    public subscript(name: String) -> Double? { Param(rawValue: name).flatMap { values[$0] } }

    public var isEmpty: Bool { values.isEmpty }

    /// The overrides in table order.
    public var entries: [(param: Param, value: Double)] {
        Param.allCases.compactMap { param in values[param].map { (param, $0) } }
    }

    /// Sets one override (clipping `size_scale`); throws when `POST /risk/set` would refuse the value.
    public mutating func set(_ param: Param, _ value: Double) throws(Rejection) {
        guard param.accepts(value) else { throw Rejection(param: param, value: value) }
        values[param] = param.normalised(value)
    }

    public mutating func removeAll() { values = [:] }
}
