import Codec
import Wire

/// Market data by REST polling (bot.md §3.4): depth and aggTrades per symbol, symbols in configuration order,
/// one round per `poll_ms`. A timeout, 5xx or malformed answer loses that symbol's update for the period.
final class BinancePollingSource: MarketDataSource {
    let isVirtualClock = false
    private(set) var errorCount = 0
    private let rest: BinanceREST
    private let symbols: [String]
    private let levels: Int
    private let pollMs: Int64
    private let stop: StopSignal
    private var lastTradeID: [String: Int64] = [:]
    private var queue: [MarketUpdate] = []
    private var nextRoundNs: Int64 = 0
    private var lastSyncNs: Int64?

    init(
        rest: BinanceREST, market: BotConfiguration.Market, symbols: [String], levels: Int, pollMs: Int64,
        stop: StopSignal
    ) {
        self.rest = rest
        self.symbols = symbols
        self.levels = levels
        self.pollMs = pollMs
        self.stop = stop
    }

    func next() -> MarketUpdate? {
        while queue.isEmpty {
            if stop.isRequested { return nil }
            Sleep.until(monotonicNs: nextRoundNs, stop: stop)
            if stop.isRequested { return nil }
            nextRoundNs = MonotonicClock.nowNs() + pollMs * 1_000_000
            if lastSyncNs.map({ MonotonicClock.nowNs() - $0 > 600_000_000_000 }) ?? true {
                rest.syncTime()
                lastSyncNs = MonotonicClock.nowNs()
            }
            for symbol in symbols {
                if let update = poll(symbol) { queue.append(update) } else { errorCount += 1 }
            }
        }
        return queue.removeFirst()
    }

    private func poll(_ symbol: String) -> MarketUpdate? {
        let limit = rest.endpoints.depthLimit(levels: levels)
        let sent = MonotonicClock.nowNs()
        guard case .success(let depth) = rest.get(rest.endpoints.depth, [("symbol", symbol), ("limit", String(limit))])
        else { return nil }
        let halfRoundTrip = Double(MonotonicClock.nowNs() - sent) / 2e6
        let receivedMs = WallClock.nowMs() + rest.offsetMs
        guard let bids = Self.levels(depth["bids"]), let asks = Self.levels(depth["asks"]) else { return nil }
        var params = [("symbol", symbol)]
        if let last = lastTradeID[symbol] {
            params += [("fromId", String(last + 1)), ("limit", "1000")]
        } else {
            params.append(("limit", "100"))
        }
        guard case .success(let tradesBody) = rest.get(rest.endpoints.aggTrades, params),
            let items = tradesBody.arrayValue
        else { return nil }
        let bookTime = depth["T"]?.intValue
        let ts = bookTime ?? receivedMs
        var trades: [MarketUpdate.Trade] = []
        for item in items {
            guard let id = item["a"]?.intValue, let p = item["p"]?.decimal, let q = item["q"]?.decimal,
                let t = item["T"]?.intValue, let maker = item["m"]?.boolValue
            else { return nil }
            let isFirstPoll = lastTradeID[symbol] == nil
            lastTradeID[symbol] = max(lastTradeID[symbol] ?? id, id)
            if isFirstPoll && t > ts { continue }
            trades.append(MarketUpdate.Trade(price: p, qty: q, side: maker ? .sell : .buy, ts: min(t, ts)))
        }
        var age = halfRoundTrip
        if let bookTime { age = max(age, Double(receivedMs - bookTime)) }
        return MarketUpdate(
            symbol: symbol, book: OrderBook(bids: bids, asks: asks), trades: trades, tsMs: ts, recvTsMs: receivedMs,
            dataAgeMs: age, bookID: depth["lastUpdateId"]?.intValue)
    }

    private static func levels(_ value: JSONValue?) -> [OrderBook.Level]? {
        guard let items = value?.arrayValue else { return nil }
        var out: [OrderBook.Level] = []
        for item in items {
            guard let pair = item.arrayValue, pair.count >= 2, let p = pair[0].decimal, let q = pair[1].decimal else {
                return nil
            }
            out.append(OrderBook.Level(p, q))
        }
        return out
    }
}
