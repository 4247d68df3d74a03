public import Wire

/// `LIMIT` or `MARKET`.
public enum OrderType: String, Sendable, Hashable {
    case limit = "LIMIT"
    case market = "MARKET"
}

/// The position an order opens or closes.
public enum PositionSide: String, Sendable, Hashable {
    case long, short
}

/// An order as the bot hands it to an exchange adapter (bot.md §8): quantity and price already capped and rounded.
public struct OrderTicket: Sendable, Hashable {
    public var symbol: String
    public var side: OrderSide
    public var type: OrderType
    public var qty: Double
    /// Limit price; nil for market orders.
    public var price: Double?
    public var reduceOnly: Bool
    /// Client order id, `ws-<run start>-<n>`.
    public var cid: String

    public init(
        symbol: String, side: OrderSide, type: OrderType, qty: Double, price: Double? = nil, reduceOnly: Bool,
        cid: String
    ) {
        self.symbol = symbol
        self.side = side
        self.type = type
        self.qty = qty
        self.price = price
        self.reduceOnly = reduceOnly
        self.cid = cid
    }
}
