import Wire

/// The seeded generator of bot.md §3.3: the same seed and parameters give byte-identical updates. One update per
/// configured symbol per step, symbols in configuration order.
public final class SyntheticSource: MarketDataSource {
    private struct SymbolState {
        var rng: SplitMix64
        var mid: Double
        var regime = 0.0
        var bidQty: [Int64: Int64] = [:]
        var askQty: [Int64: Int64] = [:]
        var spoofLeft = 0
        var spoofOnBid = true
    }

    public let parameters: SyntheticParameters
    public let symbols: [String]
    public let errorCount = 0
    public let isVirtualClock = true
    private let tick: Quantum
    private let lot: Quantum
    private var states: [SymbolState]
    private var step: Int64 = 0
    private var pending: [MarketUpdate] = []
    private let maxSteps: Int64?

    /// nil when `tickSize` or `lotSize` is neither an integer nor 1/N. `maxSteps` ends the data (tests, recording).
    public init?(symbols: [String], parameters: SyntheticParameters, maxSteps: Int64? = nil) {
        guard let tick = Quantum(parameters.tickSize), let lot = Quantum(parameters.lotSize) else { return nil }
        self.parameters = parameters
        self.symbols = symbols
        self.tick = tick
        self.lot = lot
        self.maxSteps = maxSteps
        states = symbols.indices.map { k in
            SymbolState(
                rng: SplitMix64(seed: parameters.seed &+ UInt64(k) &* 0x9E37_79B9_7F4A_7C15),
                mid: parameters.startPrice)
        }
    }

    public func next() -> MarketUpdate? {
        if pending.isEmpty {
            if let maxSteps, step >= maxSteps { return nil }
            let ts = parameters.startTsMs + step * parameters.stepMs
            pending = symbols.indices.reversed().map { advance(symbol: $0, ts: ts) }
            step += 1
        }
        return pending.popLast()
    }

    private func advance(symbol k: Int, ts: Int64) -> MarketUpdate {
        let p = parameters
        var s = states[k]
        s.regime = Math.clamp(0.98 * s.regime + 0.2 * s.rng.normal(), -1, 1)
        s.mid *= Math.exp((p.driftBps + p.volBps * s.rng.normal()) / 1e4)
        let spreadTicks: Int64 = s.rng.uniform() < p.wideSpreadProb ? Int64(p.wideSpreadTicks) : 1
        let bestBid = Int64(((s.mid - Double(spreadTicks) * p.tickSize / 2) / p.tickSize).rounded(.down))
        let bestAsk = bestBid + spreadTicks
        var newBids: [Int64: Int64] = [:]
        var newAsks: [Int64: Int64] = [:]
        var bids: [(Int64, Int64)] = []
        var asks: [(Int64, Int64)] = []
        for i in 0..<Int64(p.levels) {
            let price = bestBid - i
            let qty = levelQuantity(&s, previous: s.bidQty[price], mean: p.levelQtyMean * (1 + 0.5 * s.regime))
            newBids[price] = qty
            bids.append((price, qty))
        }
        for i in 0..<Int64(p.levels) {
            let price = bestAsk + i
            let qty = levelQuantity(&s, previous: s.askQty[price], mean: p.levelQtyMean * (1 - 0.5 * s.regime))
            newAsks[price] = qty
            asks.append((price, qty))
        }
        s.bidQty = newBids
        s.askQty = newAsks
        let n = s.rng.poisson(min(p.tradesPerStep, 30))
        let previousTs = step == 0 ? p.startTsMs - p.stepMs : ts - p.stepMs
        var trades: [MarketUpdate.Trade] = []
        for j in 0..<n {
            let isBuy = s.rng.uniform() < 0.5 + 0.3 * s.regime
            let lots = max(1, Int64((s.rng.exponential(mean: p.tradeQtyMean) / p.lotSize).rounded()))
            let tradeTs = previousTs + Int64(j + 1) * p.stepMs / Int64(n + 1)
            trades.append(
                MarketUpdate.Trade(
                    price: tick.value(isBuy ? bestAsk : bestBid), qty: lot.value(lots), side: isBuy ? .buy : .sell,
                    ts: tradeTs))
        }
        if s.spoofLeft > 0 { s.spoofLeft -= 1 }
        if s.rng.uniform() < p.spoofProb, s.spoofLeft == 0 {
            s.spoofOnBid = s.rng.uniform() < 0.5
            s.spoofLeft = p.spoofSteps
        }
        if s.spoofLeft > 0, p.levels > 1 {
            let extra = Int64((p.spoofQtyMult * p.levelQtyMean / p.lotSize).rounded())
            if s.spoofOnBid { bids[1].1 += extra } else { asks[1].1 += extra }
        }
        states[k] = s
        let book = OrderBook(
            bids: bids.map { OrderBook.Level(tick.value($0.0), lot.value($0.1)) },
            asks: asks.map { OrderBook.Level(tick.value($0.0), lot.value($0.1)) })
        return MarketUpdate(symbol: symbols[k], book: book, trades: trades, tsMs: ts, dataAgeMs: p.dataAgeMs)
    }

    /// Step 4: keep the quantity of a price already on the book when `u ≥ refresh_prob`, else draw a new one.
    private func levelQuantity(_ s: inout SymbolState, previous: Int64?, mean: Double) -> Int64 {
        if let previous, s.rng.uniform() >= parameters.refreshProb { return previous }
        return max(1, Int64((s.rng.exponential(mean: mean) / parameters.lotSize).rounded()))
    }
}
