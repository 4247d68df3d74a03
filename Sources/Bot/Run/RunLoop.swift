import Codec
import Wire

/// The tick loop of bot.md §5, on the bot's one thread: market data → signals → gate → exchange → posttrade.
final class RunLoop {
    /// Everything the loop talks to, built by `WiseScalp`.
    struct Parts {
        var config: BotConfiguration
        var source: any MarketDataSource
        var exchange: any ExchangeAdapter
        var gate: GateClient
        var outbox: PosttradeOutbox
        var events: BotEventLog
        var recorder: ReplayRecorder?
        var stop: StopSignal
        var runID: String
        /// `YYYYmmddHHMMSSmmm` of the run start, for client order ids.
        var cidStamp: String
        /// Quantity filters per symbol and order type (paper or Binance).
        var filters: (String, OrderType) -> PaperExchange.Filters
        var exchangeName: String
        var dryRun: Bool
        var warn: (String) -> Void
        var progress: ((String) -> Void)?
        /// True when the exchange reports the symbol flat (after a `-2022`); nil when it cannot tell.
        var exchangeFlat: ((String) -> Bool)?
    }

    let parts: Parts
    var config: BotConfiguration { parts.config }
    let strategy: Strategy
    let limits: LocalLimits
    var states: [String: SymbolState] = [:]
    var summary = RunSummary()
    var counter = 0
    var fatal = false
    var suspended = false
    var nowMs: Int64 = 0
    var firstTs: Int64?
    var progress: ProgressLine?
    /// Realised pnl by bot time, for `pnl_today_pct`.
    var realisedToday: [(Int64, Double)] = []

    init(parts: Parts) {
        self.parts = parts
        strategy = Strategy(settings: parts.config.strategy)
        limits = LocalLimits(
            tradesPerMinute: parts.config.tradesPerMinuteLimit,
            maxSymbolExposureUsdt: parts.config.maxSymbolExposureUsdt)
        for symbol in parts.config.symbols {
            states[symbol] = SymbolState(engine: SignalEngine(settings: parts.config.signals))
        }
        progress = parts.progress.map { ProgressLine(write: $0) }
        let c = parts.config
        summary.runID = parts.runID
        summary.mode = c.mode.rawValue
        summary.dryRun = c.dryRun
        summary.exchange = parts.exchangeName
        summary.venue = c.market.rawValue
        summary.testnet = c.testnet
        summary.source = c.source.rawValue
        summary.seed = c.source == .synthetic ? c.synthetic.seed : nil
        summary.symbols = c.symbols
    }

    /// Runs until a limit, the end of data, a stop request or a fatal error; then ends the run (§5) and returns
    /// the summary.
    func run() -> RunSummary {
        var anchorNs: Int64?
        while true {
            if parts.stop.isRequested {
                summary.endedBy = "signal"
                break
            }
            if config.maxTicks > 0, summary.ticks >= config.maxTicks {
                summary.endedBy = "max_ticks"
                break
            }
            guard let update = parts.source.next() else {
                summary.endedBy = parts.stop.isRequested ? "signal" : "end_of_data"
                break
            }
            let now = parts.source.isVirtualClock ? update.tsMs : WallClock.nowMs()
            let first = firstTs ?? now
            firstTs = first
            if config.durationMs > 0, now - first >= config.durationMs {
                summary.endedBy = "duration"
                break
            }
            if parts.source.isVirtualClock, config.speed > 0 {
                let anchor = anchorNs ?? MonotonicClock.nowNs()
                anchorNs = anchor
                let due = anchor + Int64(Double(now - first) * 1e6 / config.speed)
                Sleep.until(monotonicNs: due, stop: parts.stop)
                if parts.stop.isRequested { continue }
            }
            nowMs = now
            summary.ticks += 1
            process(update, handoverNs: MonotonicClock.nowNs())
            if fatal {
                summary.endedBy = "fatal"
                break
            }
            if var line = progress, let state = states[update.symbol], let s = state.lastSignals {
                line.update(
                    ProgressLine.render(
                        tick: summary.ticks, symbol: update.symbol, mid: s.mid, spreadBps: s.spreadBps, score: s.score,
                        position: state.position.qty, summary: summary),
                    nowNs: MonotonicClock.nowNs())
                progress = line
            }
        }
        progress?.erase()
        end()
        return summary
    }

    /// One update of one symbol, steps 1–5 of §5.
    func process(_ update: MarketUpdate, handoverNs: Int64) {
        guard var state = states[update.symbol] else { return }
        parts.recorder?.record(update)
        let signals = state.engine.update(update)
        state.lastUpdate = update
        if let signals { state.lastSignals = signals }
        states[update.symbol] = state
        parts.outbox.retry()
        if var working = state.working {
            advance(&working, update: update)
            if fatal || states[update.symbol]?.working != nil { return }
        }
        guard let signals else {
            summary.skips["no_book", default: 0] += 1
            return
        }
        state = states[update.symbol]!
        if !state.position.isFlat {
            var reversal = state.reversalCount
            let fired = strategy.exit(
                position: state.position, mid: signals.mid, score: signals.score, nowMs: nowMs,
                reversalCount: &reversal)
            states[update.symbol]?.reversalCount = reversal
            guard let reason = state.exitReason ?? fired else { return }
            states[update.symbol]?.exitReason = reason
            guard !parts.outbox.isFull else { return }
            let side: OrderSide = state.position.qty > 0 ? .sell : .buy
            decide(
                update: update, signals: signals, side: side, qty: abs(state.position.qty), type: .market,
                reduceOnly: true, reason: reason, handoverNs: handoverNs)
            return
        }
        let side: OrderSide
        switch strategy.entry(score: signals.score, updates: state.engine.updates) {
        case .skip(let why):
            summary.skips[why, default: 0] += 1
            return
        case .buy: side = .buy
        case .sell: side = .sell
        }
        if let skip = entrySkip(state: state, update: update, side: side) {
            summary.skips[skip, default: 0] += 1
            return
        }
        decide(
            update: update, signals: signals, side: side, qty: config.orderSize, type: config.orderType,
            reduceOnly: false, reason: "entry", handoverNs: handoverNs)
    }

    /// The skips between the signal and the gate (§5 step 5), in order.
    private func entrySkip(state: SymbolState, update: MarketUpdate, side: OrderSide) -> String? {
        if side == .sell, config.market == .spot { return "spot_no_short" }
        if nowMs < state.entriesPausedUntilMs { return "cooldown" }
        if !parts.outbox.isEmpty { return "posttrade_backlog" }
        if suspended { return "exchange_suspended" }
        if let walk = BookWalk.slippage(update.book, side: side, qty: config.orderSize)?.walk, walk.isShort {
            return "insufficient_depth"
        }
        return limits.skip(
            entryTimes: state.entryTimes, nowMs: nowMs, position: state.position.qty, entryQty: config.orderSize,
            mid: update.book.mid ?? 0)
    }
}

/// Sleeping on the monotonic clock in short slices, so a stop request is noticed.
enum Sleep {
    static func until(monotonicNs due: Int64, stop: StopSignal) {
        while !stop.isRequested {
            let left = due - MonotonicClock.nowNs()
            if left <= 0 { return }
            milliseconds(Double(min(left, 50_000_000)) / 1e6)
        }
    }

    static func milliseconds(_ ms: Double) {
        guard ms > 0 else { return }
        _ = usleepShim(UInt32(ms * 1000))
    }
}
