/// The inputs http-api.md §4.2 derives once per request, before any rule runs.
public struct DerivedInputs: Sendable {
    /// Where the request's symbol came from and whether it canonicalised (gates.md §1.1).
    public enum SymbolInput: Sendable, Hashable {
        case absent
        case invalid(path: String)
        case valid(Symbol, path: String)

        public var symbol: Symbol? {
            if case .valid(let s, _) = self { return s }
            return nil
        }
    }

    /// The price reference: `order.price`, else `market.mid`, else the mid of an uncrossed bid/ask pair.
    public enum PriceRef: Sendable, Hashable {
        case absent
        /// `best_bid > best_ask`: never averaged; rules that need a price report `invalid_input:market.best_ask`.
        case crossed
        case value(Double, source: String)

        public var value: Double? {
            if case .value(let v, _) = self { return v }
            return nil
        }
    }

    public var symbol: SymbolInput
    public var side: Side?
    public var qty: Double?
    public var priceRef: PriceRef
    public var notionalUsdt: Double?
    public var reduceOnly: Bool
    public var accountMode: String

    public init(_ input: PretradeInput, defaultMode: String) {
        if let text = input.order.symbol {
            symbol = Symbol(canonicalizing: text).map { .valid($0, path: "order.symbol") } ?? .invalid(path: "order.symbol")
        } else if let text = input.market.symbol {
            symbol = Symbol(canonicalizing: text).map { .valid($0, path: "market.symbol") } ?? .invalid(path: "market.symbol")
        } else {
            symbol = .absent
        }
        side = input.order.side.flatMap(Side.init(canonicalizing:))
        qty = input.order.qty
        if let price = input.order.price {
            priceRef = .value(price, source: "order.price")
        } else if let mid = input.market.mid {
            priceRef = .value(mid, source: "market.mid")
        } else if let bid = input.market.bestBid, let ask = input.market.bestAsk {
            priceRef = bid <= ask ? .value((bid + ask) / 2, source: "market.best_bid_ask") : .crossed
        } else {
            priceRef = .absent
        }
        if let n = input.order.baseNotional {
            notionalUsdt = n
        } else if let n = input.order.notional {
            notionalUsdt = n
        } else if let q = qty, let p = priceRef.value {
            notionalUsdt = q * p
        } else {
            notionalUsdt = nil
        }
        reduceOnly = input.order.reduceOnly ?? false
        let mode = input.account.mode?.trimmedLowercased()
        accountMode = (mode?.isEmpty == false ? mode : nil) ?? defaultMode
    }
}
