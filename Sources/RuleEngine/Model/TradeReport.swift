/// A posttrade report as the engine sees it (http-api.md §5.1–§5.3): already classified and normalised by the host.
public struct TradeReport: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable { case success, failed, neither }
    public var symbol: Symbol?
    public var side: Side?
    public var outcome: Outcome
    public var isClose: Bool
    public var orderId: String?
    public var clientOrderId: String?
    /// Cumulative filled quantity of the order, when known.
    public var filled: Double?
    public var qty: Double?
    /// `average`, else `price`.
    public var fillPrice: Double?
    public var status: String?
    public var pnlUsdt: Double?

    public init(symbol: Symbol?, side: Side?, outcome: Outcome, isClose: Bool = false, orderId: String? = nil,
                clientOrderId: String? = nil, filled: Double? = nil, qty: Double? = nil, fillPrice: Double? = nil,
                status: String? = nil, pnlUsdt: Double? = nil) {
        self.symbol = symbol
        self.side = side
        self.outcome = outcome
        self.isClose = isClose
        self.orderId = orderId
        self.clientOrderId = clientOrderId
        self.filled = filled
        self.qty = qty
        self.fillPrice = fillPrice
        self.status = status
        self.pnlUsdt = pnlUsdt
    }
}
