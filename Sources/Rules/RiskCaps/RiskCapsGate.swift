import Codec
import RuleEngine

/// `risk_caps` (gates.md §9): size scale, daily loss, concurrency, approval rate, price collar, order notional,
/// symbol exposure and minimum notional. Reducing orders (gates.md §2.6) meet only the collar.
struct RiskCapsGate: Rule {
    let config: Config
    let book: RiskBook
    /// `observability.risk.cfg` of `config`, built once: requests without runtime overrides reuse it.
    let baseCfg: JSONObject

    init(config: Config, book: RiskBook) {
        self.config = config
        self.book = book
        baseCfg = config.cfg
    }

    var state: (any RuleState)? { book }

    /// The values one evaluation computes: explain details, quotas, trace values.
    struct Run: Sendable {
        var config: Config
        var overridden: [String]
        /// `observability.risk.cfg` of `config`.
        var cfg: JSONObject
        /// The counted approval stamps, per symbol and global, read once per evaluation.
        var symbolStamps: [Int64]?
        var globalStamps: [Int64]?
        var mid: Double?
        var dev: Double?
        var priceRef: Double?
        var priceRefSource: String?
        var scaled: Double?
        var capOrder: Double?
        var capExp: Double?
        var qtyCap: Double?
        var cSymbol: Int?
        var cGlobal: Int?
        var position: Position?
        var ctx: JSONObject = [:]
    }

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        let (effective, overridden) = config.effective(context.shared.riskOverrides)
        var run = Run(config: effective, overridden: overridden, cfg: overridden.isEmpty ? baseCfg : effective.cfg)
        run.position = context.symbol.flatMap { context.shared.position(for: $0) }
        let base = context.derived.notionalUsdt ?? 0
        run.ctx = ["size_scale": .double(effective.sizeScale), "base_notional": .double(base),
                   "scaled_notional": .double(base * effective.sizeScale)]
        if let symbol = context.symbol, effective.tradesPerMinute != nil {
            let stamps = book.symbolStamps(symbol, now: context.now.ms)
            run.symbolStamps = stamps
            run.cSymbol = stamps.count
        }
        if effective.tradesPerMinuteGlobal != nil {
            let stamps = book.globalStamps(now: context.now.ms)
            run.globalStamps = stamps
            run.cGlobal = stamps.count
        }
        return try decide(context, &run)
    }

    private func decide(_ context: RuleContext, _ run: inout Run) throws(RuleError) -> Verdict {
        let c = run.config
        let input = context.input

        // 1. Collar.
        if let collar = c.priceCollarBps, let price = input.order.price {
            let mid: Double
            switch Self.mid(input.market) {
            case .missing(let missing): return .missing(missing)
            case .value(let m): mid = m
            }
            let dev = abs(price - mid) * 10000 / mid
            try RuleError.requireFinite(dev, mid)
            run.mid = mid
            run.dev = dev
            if dev > collar {
                return try deny(run, context, "risk_price_collar",
                            entry: "risk_price_collar:\(Format.fixed(dev, 1))>\(Format.fixed(collar, 1))",
                            measured: dev, threshold: collar)
            }
        }
        // 2. Reducing orders pass here with a cap of min(qty, |position|).
        if context.isReducing {
            let cap = context.derived.qty.map { min($0, abs(run.position?.qty ?? 0)) } ?? 0
            run.qtyCap = cap
            if let ref = context.derived.priceRef.value { run.priceRef = ref }
            return try pass(run, context, notes: ["risk_reduce_only_exempt"])
        }
        // 3. Scale.
        if c.sizeScale <= 0 {
            return try deny(run, context, "risk_size_scale_zero", measured: c.sizeScale, threshold: 0)
        }
        // 4. Daily loss (inclusive).
        if let limit = c.ddDayPct {
            guard let pnl = input.market.pnlTodayPct else { return .missing(MissingInput("market.pnl_today_pct")) }
            let loss = -pnl
            try RuleError.requireFinite(loss)
            if loss >= limit {
                run.ctx.append("dd_cap_pct", .double(limit))
                run.ctx.append("dd_used_pct", .double(loss))
                run.ctx.append("pnl_today_pct", .double(pnl))
                return try deny(run, context, "risk_dd_day_cap", measured: loss, threshold: limit)
            }
        }
        // 5. Concurrency.
        if let limit = c.maxConcurrent {
            guard let open = input.market.openPositions else { return .missing(MissingInput("market.open_positions")) }
            guard open >= 0 else { return .missing(.invalid("market.open_positions")) }
            if open >= limit {
                run.ctx.append("open_positions", .int(open))
                run.ctx.append("max_concurrent", .int(limit))
                return try deny(run, context, "risk_max_concurrent", measured: Double(open), threshold: Double(limit))
            }
        }
        // 6–7. Approval rate, per symbol then global.
        if let verdict = try rate(context, &run) { return verdict }
        // 8–10. Notional, exposure and minimum.
        return try notional(context, &run)
    }

    private func rate(_ context: RuleContext, _ run: inout Run) throws(RuleError) -> Verdict? {
        let c = run.config
        let now = context.now.ms
        var symbolDeny: (count: Int, limit: Int64, cooldown: Int64)?
        if let limit = c.tradesPerMinute {
            switch context.derived.symbol {
            case .absent: return .missing(MissingInput("order.symbol"))
            case .invalid(let path): return .missing(.invalid(path))
            case .valid(let symbol, _):
                let stamps = run.symbolStamps ?? book.symbolStamps(symbol, now: now)
                if stamps.count >= Int(limit) { symbolDeny = (stamps.count, limit, Self.cooldown(stamps, limit, now)) }
            }
        }
        var globalDeny: (count: Int, limit: Int64, cooldown: Int64)?
        if let limit = c.tradesPerMinuteGlobal {
            let stamps = run.globalStamps ?? book.globalStamps(now: now)
            if stamps.count >= Int(limit) { globalDeny = (stamps.count, limit, Self.cooldown(stamps, limit, now)) }
        }
        if let s = symbolDeny {
            return try deny(run, context, "risk_trades_per_minute", entry: "risk_trades_per_minute:\(s.count)>=\(s.limit)",
                        measured: Double(s.count), threshold: Double(s.limit),
                        cooldownMs: max(s.cooldown, globalDeny?.cooldown ?? 0))
        }
        if let g = globalDeny {
            return try deny(run, context, "risk_trades_per_minute_global",
                        entry: "risk_trades_per_minute_global:\(g.count)>=\(g.limit)",
                        measured: Double(g.count), threshold: Double(g.limit), cooldownMs: g.cooldown)
        }
        return nil
    }

    /// `t_k + 60000 − now`, `k = c − limit + 1` over the counted stamps `t_1 ≤ … ≤ t_c` (gates.md §9).
    static func cooldown(_ stamps: [Int64], _ limit: Int64, _ now: Int64) -> Int64 {
        let k = stamps.count - Int(limit) + 1
        return max(0, stamps[k - 1] + RiskBook.windowMs - now)
    }

    /// The mid of gates.md §9: `market.mid`, else the mid of an uncrossed bid/ask pair.
    enum Mid {
        case value(Double)
        case missing(MissingInput)
    }

    static func mid(_ market: PretradeInput.Market) -> Mid {
        if let mid = market.mid { return .value(mid) }
        guard let bid = market.bestBid, let ask = market.bestAsk else { return .missing(MissingInput("market.mid")) }
        guard bid <= ask else { return .missing(.invalid("market.best_ask")) }
        return .value((bid + ask) / 2)
    }
}
