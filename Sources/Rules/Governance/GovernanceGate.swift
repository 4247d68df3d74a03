import Codec
import RuleEngine

/// `governance` (gates.md §10): the process-wide trading state, per-symbol data-quality blocks, the daily drawdown
/// latch, a volatility limit, and (posttrade) the reject storm.
struct GovernanceGate: Rule {
    enum OnDailyDrawdown: String, Sendable, CaseIterable {
        case deny, reduce, halt
    }

    struct Config: Sendable {
        var dqCooldownS: Double
        var dailyDdLimitPct: Double?
        var onDailyDd: OnDailyDrawdown
        var volGuardStdBps: Double?
        var rejectStormPct: Double?
        var rejectStormWindowS: Double
        var rejectStormMinOrders: Int64

        /// gates.md §1.9: seconds compared with times are `round(x × 1000)` ms, half away from zero.
        var dqCooldownMs: Int64 { Int64((dqCooldownS * 1000).rounded()) }
        var rejectStormWindowMs: Int64 { Int64((rejectStormWindowS * 1000).rounded()) }
    }

    let id: RuleID
    let config: Config
    let governance: GovernanceState

    var state: (any RuleState)? { governance }

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        let now = context.now.ms
        let dq = context.input.market.dq ?? PretradeInput.DataQuality()
        let symbol = context.symbol
        let trading = context.tradingAtStart.state

        // Step 0: DQ evidence, computed now and stored only once the rule has decided without an error.
        let flagCode: String? = dq.staleBook ? "DQ_EVENT.STALE_BOOK" : (dq.crossedBook ? "DQ_EVENT.CROSSED_BOOK" : nil)
        let old = symbol.flatMap { governance.block(for: $0) }
        var block = old
        var blockStarted = false
        if let flagCode, symbol != nil, config.dqCooldownS > 0 {
            let until = max(old?.untilMs ?? Int64.min, now + config.dqCooldownMs)
            blockStarted = !(old.map { $0.code == flagCode && now < $0.untilMs } ?? false)
            block = GovernanceState.Block(untilMs: until, code: flagCode)
        }
        var details = Explain(trading: trading, dq: dq, block: block, pnl: context.input.market.pnlTodayPct,
                              vol: context.input.market.volStdBps, reducing: context.isReducing)
        var events: [RuleEvent] = []
        if blockStarted, let block {
            events.append(RuleEvent(code: block.code, level: "WARNING", details: [
                "flag": .string(block.code == "DQ_EVENT.STALE_BOOK" ? "stale_book" : "crossed_book"),
                "until_ms": .int(block.untilMs), "dq_cooldown_s": .double(config.dqCooldownS),
                "rule": .string(id.rawValue),
            ]))
        }

        let verdict = try decide(context, dq: dq, block: block, flagCode: flagCode, trading: trading,
                                 details: &details, events: events)
        if let symbol, let block, block != old { governance.setBlock(block, for: symbol) }
        return verdict
    }

    /// Steps 1–7 (gates.md §10).
    private func decide(_ context: RuleContext, dq: PretradeInput.DataQuality, block: GovernanceState.Block?,
                        flagCode: String?, trading: TradingState, details: inout Explain,
                        events: [RuleEvent]) throws(RuleError) -> Verdict {
        let now = context.now.ms
        func deny(_ code: String, _ detail: String, cooldownMs: Int64 = 0, measured: Double? = nil,
                  threshold: Double? = nil, extra: [RuleEvent] = [], latch: TradingLatch? = nil) -> Verdict {
            let evidence = Evidence(measured: measured, threshold: threshold, events: events + extra, latch: latch,
                                    deferredDetails: { [details] in details.object })
            return .deny(Denial(code: ReasonCode(code), entries: [code, detail], hard: true, cooldownMs: cooldownMs,
                                evidence: evidence))
        }
        if trading == .halted { return deny("AURORA.HALT", "killswitch_active") }
        if trading == .reducing && !context.isReducing { return deny("AURORA.REDUCING", "reduce_only_required") }
        if context.isReducing { return .pass(Evidence(events: events, deferredDetails: { [details] in details.object })) }

        let blockMs = Double(config.dqCooldownMs)
        if let flagCode {
            let remaining = block.map { max(0, $0.untilMs - now) } ?? 0
            return deny(flagCode, flagCode == "DQ_EVENT.STALE_BOOK" ? "stale_book" : "crossed_book",
                        cooldownMs: remaining, measured: Double(remaining), threshold: blockMs)
        }
        if let block, now < block.untilMs {
            let remaining = block.untilMs - now
            return deny(block.code, block.code == "DQ_EVENT.STALE_BOOK" ? "stale_book" : "crossed_book",
                        cooldownMs: remaining, measured: Double(remaining), threshold: blockMs)
        }
        if dq.abnormalSpread {
            let event = RuleEvent(code: "DQ_EVENT.ABNORMAL_SPREAD", level: "WARNING",
                                  details: ["flag": "abnormal_spread", "rule": .string(id.rawValue)])
            return deny("DQ_EVENT.ABNORMAL_SPREAD", "abnormal_spread", extra: [event])
        }
        if let limit = config.dailyDdLimitPct {
            guard let pnl = context.input.market.pnlTodayPct else { return .missing(MissingInput("market.pnl_today_pct")) }
            let loss = -pnl
            try RuleError.requireFinite(loss)
            if loss >= limit {
                var latch: TradingLatch?
                if context.mode == .enforce, let target = config.onDailyDd.target {
                    latch = TradingLatch(target: target, reason: "daily drawdown: loss \(Format.fixed(loss, 2))% >= limit \(Format.fixed(limit, 2))%",
                                         source: .dailyDrawdown)
                    details.latched = (from: trading, to: target)
                }
                let event = RuleEvent(code: "RISK.DENY.DRAWDOWN", level: "WARNING", details: [
                    "pnl_today_pct": .double(pnl), "limit_pct": .double(limit),
                    "on_daily_dd": .string(config.onDailyDd.rawValue), "rule": .string(id.rawValue),
                ])
                return deny("RISK.DENY.DRAWDOWN", "daily_dd", measured: loss, threshold: limit, extra: [event],
                            latch: latch)
            }
        }
        if let limit = config.volGuardStdBps {
            guard let vol = context.input.market.volStdBps else { return .missing(MissingInput("market.vol_std_bps")) }
            try RuleError.requireFinite(vol)
            guard vol >= 0 else { return .missing(.invalid("market.vol_std_bps")) }
            if vol > limit {
                let event = RuleEvent(code: "VOLATILITY_GUARD_TRIP", level: "WARNING", details: [
                    "vol_std_bps": .double(vol), "limit_bps": .double(limit), "rule": .string(id.rawValue),
                ])
                return deny("VOLATILITY_GUARD_TRIP", "volatility_limit", measured: vol, threshold: limit,
                            extra: [event])
            }
        }
        return .pass(Evidence(events: events, deferredDetails: { [details] in details.object }))
    }

    /// The values of the "Explain details" (gates.md §10), captured during evaluation; the object is built only
    /// when explain reads it. `latched` is filled in when this request latches.
    struct Explain: Sendable {
        var trading: TradingState
        var dq: PretradeInput.DataQuality
        var block: GovernanceState.Block?
        var pnl: Double?
        var vol: Double?
        var reducing: Bool
        var latched: (from: TradingState, to: TradingState)?

        var object: JSONObject {
            [
                "trading_state": .string(trading.rawValue),
                "dq_flags": ["stale_book": .bool(dq.staleBook), "crossed_book": .bool(dq.crossedBook),
                             "abnormal_spread": .bool(dq.abnormalSpread)],
                "dq_block": block.map { ["code": .string($0.code), "until_ms": .int($0.untilMs)] } ?? .null,
                "pnl_today_pct": pnl.map { .double($0) } ?? .null,
                "vol_std_bps": vol.map { .double($0) } ?? .null,
                "reduce_only_exempt": .bool(reducing),
                "latched": latched.map { .object(["from": .string($0.from.rawValue), "to": .string($0.to.rawValue)]) }
                    ?? .null,
            ]
        }
    }
}

extension GovernanceGate.OnDailyDrawdown {
    /// The trading state a breach latches, nil for `deny`.
    var target: TradingState? {
        switch self {
        case .deny: nil
        case .reduce: .reducing
        case .halt: .halted
        }
    }
}
