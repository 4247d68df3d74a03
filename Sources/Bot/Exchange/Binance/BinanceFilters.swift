import Codec

/// One symbol's exchange filters (bot.md §8.2), from `exchangeInfo`.
struct BinanceFilters: Sendable, Hashable {
    var tickSize = 0.01
    var limitStep = 0.001
    var limitMinQty = 0.001
    var marketStep = 0.001
    var marketMinQty = 0.001
    var minNotional = 5.0

    /// The filters of every symbol in an `exchangeInfo` body.
    static func parse(_ info: JSONValue, market: BotConfiguration.Market) -> [String: BinanceFilters] {
        var out: [String: BinanceFilters] = [:]
        for entry in info["symbols"]?.arrayValue ?? [] {
            guard let symbol = entry["symbol"]?.stringValue else { continue }
            var f = BinanceFilters()
            var spotNotional: Double?
            var spotMinNotional: Double?
            for filter in entry["filters"]?.arrayValue ?? [] {
                switch filter["filterType"]?.stringValue {
                case "PRICE_FILTER": f.tickSize = filter["tickSize"]?.decimal ?? f.tickSize
                case "LOT_SIZE":
                    f.limitStep = filter["stepSize"]?.decimal ?? f.limitStep
                    f.limitMinQty = filter["minQty"]?.decimal ?? f.limitMinQty
                case "MARKET_LOT_SIZE":
                    f.marketStep = filter["stepSize"]?.decimal ?? f.marketStep
                    f.marketMinQty = filter["minQty"]?.decimal ?? f.marketMinQty
                case "MIN_NOTIONAL":
                    if market == .futures {
                        f.minNotional = filter["notional"]?.decimal ?? f.minNotional
                    } else {
                        spotMinNotional = filter["minNotional"]?.decimal
                    }
                case "NOTIONAL": spotNotional = filter["minNotional"]?.decimal
                default: break
                }
            }
            if market == .spot, let notional = spotNotional ?? spotMinNotional { f.minNotional = notional }
            if f.marketStep <= 0 { f.marketStep = f.limitStep }
            out[symbol] = f
        }
        return out
    }

    func quantity(for type: OrderType) -> PaperExchange.Filters {
        type == .limit
            ? PaperExchange.Filters(qtyStep: limitStep, minQty: limitMinQty, minNotional: minNotional)
            : PaperExchange.Filters(qtyStep: marketStep, minQty: marketMinQty, minNotional: minNotional)
    }
}
