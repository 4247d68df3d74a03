/// Per-symbol signal state, updated once per update (bot.md §4). A plain value: no I/O, no clock but the update's.
public struct SignalEngine: Sendable {
    private struct TrapPair: Sendable {
        var ts: Int64
        var inputs: TrapInputs
        var trades: Int
    }

    public let settings: SignalSettings
    private var mids: [Double] = []
    private var fast: EMA
    private var slow: EMA
    private var lastMid: Double?
    private var windowTrades: [MarketUpdate.Trade] = []
    private var previousBook: OrderBook?
    private var pairs: [TrapPair] = []
    private var scores: [Double] = []
    private var bookChangedAt: Int64?
    private var lastBookID: Int64?
    /// Updates seen with a two-sided book.
    public private(set) var updates = 0

    public init(settings: SignalSettings) {
        self.settings = settings
        fast = EMA(span: settings.emaFast)
        slow = EMA(span: settings.emaSlow)
    }

    /// Folds in `update` (bot time `update.tsMs`); nil when a side of the book is empty (skip `no_book`).
    public mutating func update(_ update: MarketUpdate) -> Signals? {
        let book = update.book
        guard let mid = book.mid, let bid = book.bestBid, let ask = book.bestAsk else { return nil }
        let now = update.tsMs
        updates += 1

        windowTrades.append(contentsOf: update.trades)
        windowTrades.removeAll { $0.ts <= now - settings.tradeWindowMs || $0.ts > now }
        let obi = Imbalance.obi(book, levels: settings.levels)
        let tfi = Imbalance.tfi(windowTrades)
        let score = Imbalance.score(obi: obi, tfi: tfi, wObi: settings.wObi, wTfi: settings.wTfi)

        if let lastMid, lastMid > 0 {
            let r = Math.log(mid / lastMid)
            fast.add(r)
            slow.add(r)
        }
        lastMid = mid
        mids.append(mid)
        if mids.count > settings.volWindow { mids.removeFirst(mids.count - settings.volWindow) }
        scores.append(score)
        if scores.count > settings.sprtWindow { scores.removeFirst(scores.count - settings.sprtWindow) }

        var cancel: [Double]?
        var add: [Double]?
        var tradeCount: Int64?
        var bookChanged = true
        if let previousBook {
            bookChanged = update.bookID.map { $0 != lastBookID } ?? (previousBook != book)
            pairs.append(
                TrapPair(
                    ts: now,
                    inputs: TrapInputs(
                        previous: previousBook, current: book, trades: update.trades,
                        levels: settings.levels),
                    trades: update.trades.count))
            pairs.removeAll { $0.ts <= now - settings.trapWindowMs }
            var c = [Double](repeating: 0, count: settings.levels)
            var a = c
            var n = 0
            for pair in pairs {
                for i in 0..<settings.levels {
                    c[i] += pair.inputs.cancelDeltas[i]
                    a[i] += pair.inputs.addDeltas[i]
                }
                n += pair.trades
            }
            cancel = c
            add = a
            tradeCount = Int64(n)
        }
        if bookChanged || bookChangedAt == nil { bookChangedAt = now }
        previousBook = book
        lastBookID = update.bookID

        let spread = (ask - bid) / mid * 1e4
        var aBps: Double?
        var bBps: Double?
        if let d = Volatility.dispersionBps(mids, current: mid) {
            let v = Math.clamp(d, settings.volFloorBps, settings.volCapBps)
            bBps = settings.tpMult * v
            aBps = settings.slMult * v
        }
        var regime: String?
        if let f = fast.value, let s = slow.value {
            let sum = Double(Math.sign(f) + Math.sign(s)) / 2
            regime = sum > 0 ? "trend_pos" : (sum < 0 ? "trend_neg" : "normal")
        }
        let unchangedFor = now - (bookChangedAt ?? now)
        return Signals(
            mid: mid, bestBid: bid, bestAsk: ask, spreadBps: spread, microPrice: Imbalance.microPrice(book) ?? mid,
            obi: obi, tfi: tfi, score: score, volStdBps: Volatility.stdBps(mids), aBps: aBps, bBps: bBps,
            modeRegime: regime, sprtSamples: scores, trapCancelDeltas: cancel, trapAddDeltas: add,
            trapTradesCnt: tradeCount,
            staleBook: update.dataAgeMs > Double(settings.staleAfterMs) || unchangedFor > settings.staleAfterMs,
            crossedBook: bid >= ask, abnormalSpread: spread > settings.abnormalSpreadBps)
    }
}
