public import Wire

extension MarketUpdate {
    /// One trade; `side` is the aggressor (taker) side: a `sell` trade hit the bids.
    public struct Trade: Sendable, Hashable {
        public var price: Double
        public var qty: Double
        public var side: OrderSide
        public var ts: Int64

        public init(price: Double, qty: Double, side: OrderSide, ts: Int64) {
            self.price = price
            self.qty = qty
            self.side = side
            self.ts = ts
        }
    }
}
