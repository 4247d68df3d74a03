/// An order's status as the exchange reports it; `EXPIRED_IN_MATCH` is reported as `expired`.
public enum OrderStatus: String, Sendable, Hashable {
    case new = "NEW"
    case partiallyFilled = "PARTIALLY_FILLED"
    case filled = "FILLED"
    case canceled = "CANCELED"
    case expired = "EXPIRED"
    case rejected = "REJECTED"
    /// The order POST timed out or failed with 5xx: the order may or may not exist.
    case unknown = "UNKNOWN"

    public var isTerminal: Bool {
        switch self {
        case .filled, .canceled, .expired, .rejected: true
        case .new, .partiallyFilled, .unknown: false
        }
    }

    /// Binance's status word; nil for an unknown word.
    public init?(exchangeWord: String) {
        switch exchangeWord {
        case "NEW", "PENDING_NEW": self = .new
        case "PARTIALLY_FILLED": self = .partiallyFilled
        case "FILLED": self = .filled
        case "CANCELED", "PENDING_CANCEL": self = .canceled
        case "EXPIRED", "EXPIRED_IN_MATCH": self = .expired
        case "REJECTED": self = .rejected
        default: return nil
        }
    }
}

/// An exchange error: Binance's code as a string (`-2010`), or `TIMEOUT`, `CONNECT`, `HTTP_<status>`, `MALFORMED`.
public struct ExchangeError: Error, Sendable, Hashable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// What an adapter reports about an order (bot.md §8): cumulative for the whole order.
public struct OrderOutcome: Sendable, Hashable {
    public var status: OrderStatus
    /// Total filled quantity so far.
    public var filled: Double
    /// Average fill price; nil when nothing filled.
    public var avgPrice: Double?
    /// Fees on the filled quantity, USDT.
    public var feesUsdt: Double
    /// Exchange order id; nil if the exchange never accepted the order.
    public var oid: String?
    /// Set when `status` is `rejected`.
    public var error: ExchangeError?
    /// Submit to first exchange response, ms (0 in paper).
    public var latencyMs: Double

    public init(
        status: OrderStatus, filled: Double = 0, avgPrice: Double? = nil, feesUsdt: Double = 0, oid: String? = nil,
        error: ExchangeError? = nil, latencyMs: Double = 0
    ) {
        self.status = status
        self.filled = filled
        self.avgPrice = avgPrice
        self.feesUsdt = feesUsdt
        self.oid = oid
        self.error = error
        self.latencyMs = latencyMs
    }

    public static func rejected(_ code: String, _ message: String, latencyMs: Double = 0) -> OrderOutcome {
        OrderOutcome(status: .rejected, error: ExchangeError(code: code, message: message), latencyMs: latencyMs)
    }
}

/// An order that is resting (or whose status is unknown), as the run loop keeps it between updates.
public struct OpenOrder: Sendable, Hashable {
    public var ticket: OrderTicket
    /// Bot time of placement, ms.
    public var placedAtMs: Int64
    /// The last outcome reported (cumulative fill, oid, latency of the first response).
    public var outcome: OrderOutcome
    /// Paper model: quantity ahead of the order at its price.
    public var queueAhead: Double
    /// Filled notional so far (paper model), for the VWAP.
    public var filledNotional: Double

    public init(
        ticket: OrderTicket, placedAtMs: Int64, outcome: OrderOutcome, queueAhead: Double = 0,
        filledNotional: Double = 0
    ) {
        self.ticket = ticket
        self.placedAtMs = placedAtMs
        self.outcome = outcome
        self.queueAhead = queueAhead
        self.filledNotional = filledNotional
    }
}
