import AuroraTesting
import Codec
import RuleEngine
import Rules
import Testing

/// gates.md §9: boundary table R1–R8, quotas, approval stamps, runtime overrides, reload carry-over, param ranges.
/// Expected numbers were computed independently with python3 (IEEE doubles, same order of operations), e.g.
/// `python3 -c 'print(repr(max(0, 2000 - 0.03*60000) / 60000))'` → 0.0033333333333333335.
@Suite struct RiskCapsGateTests {
    let registry = RuleRegistry.standard()
    static let t0: Int64 = 1_767_605_400_000
    let btc = Symbol(canonicalizing: "BTCUSDT")!

    func load(_ params: String, extra: String = "", previous: CompiledRuleSet? = nil) throws -> CompiledRuleSet {
        try InlineRuleSet.load(InlineRuleSet.single("risk_caps", params: params, extra: extra), registry: registry,
                               previous: previous)
    }

    func decide(_ set: CompiledRuleSet, _ shared: SharedState = SharedState(), at now: Int64 = t0,
                _ configure: (inout PretradeInput) -> Void = { _ in }) -> Decision {
        set.evaluate(.fixture(now: now, shared: shared, configure))
    }

    func book(long qty: Double) -> SharedState {
        var values = SharedState.Values()
        values.positions[btc] = Position(qty: qty, sinceMs: 0, lastFillPrice: 60000, averageEntryPrice: 60000)
        return SharedState(values)
    }

    @Test("R1: daily loss is inclusive, concurrency is ≥", arguments: [
        (-10.0, Int64(0), "risk_dd_day_cap"), (-9.99, 0, nil), (0, 10, "risk_max_concurrent"), (0, 9, nil),
    ] as [(Double, Int64, String?)])
    func lossAndConcurrency(pnl: Double, open: Int64, reason: String?) throws {
        let set = try load("{dd_day_pct: 10, max_concurrent: 10}")
        let d = decide(set) {
            $0.market.pnlTodayPct = pnl
            $0.market.openPositions = open
        }
        #expect(d.allow == (reason == nil))
        if let reason {
            #expect(d.reason.rawValue == reason && d.hard && d.reasons == [reason] && d.cooldownMs == 0)
        }
    }

    @Test("R1: a daily-loss deny carries the original service's ctx keys in observability.risk")
    func ddContext() throws {
        let set = try load("{dd_day_pct: 10}")
        let d = decide(set) { $0.market.pnlTodayPct = -12 }
        let risk = try #require(d.sections["risk"])
        #expect(risk["ctx"] == ["size_scale": 1.0, "base_notional": 600.0, "scaled_notional": 600.0,
                                "dd_cap_pct": 10.0, "dd_used_pct": 12.0, "pnl_today_pct": -12.0])
        #expect(risk["cfg"] == ["dd_day_pct": 10.0, "size_scale": 1.0, "notional_action": "clip",
                                "min_order_notional_usdt": 0.0])
        #expect(d.trace.steps[0].measured == 12 && d.trace.steps[0].threshold == 10)
    }

    @Test("R2: a runtime size_scale 0.2 gives max_qty 0.4 and risk_scale 0.2")
    func runtimeScale() throws {
        let set = try load("{}")
        let shared = SharedState()
        shared.update { try! $0.riskOverrides.set(.sizeScale, 0.2) }
        let d = decide(set, shared) { $0.order.qty = 2.0 }
        #expect(d.allow && d.maxQty == 0.4 && d.riskScale == 0.2)
        #expect(d.trace.steps[0].details["overridden"] == ["size_scale"])
    }

    @Test("R2: size_scale 0 denies ordinary orders; a reducing order passes with max_qty min(qty, |position|)")
    func zeroScale() throws {
        let set = try load("{size_scale: 0}")
        let any = decide(set)
        #expect(any.reason.rawValue == "risk_size_scale_zero" && any.hard && any.riskScale == 0)
        let exit = decide(set, book(long: 2.0)) {
            $0.order.side = "sell"
            $0.order.qty = 2.0
            $0.order.reduceOnly = true
        }
        #expect(exit.allow && exit.maxQty == 2.0 && exit.riskScale == 1.0)
        #expect(exit.diagnostics == ["risk_reduce_only_exempt"])
        let flat = decide(set) {
            $0.order.side = "sell"
            $0.order.qty = 2.0
            $0.order.reduceOnly = true
        }
        #expect(flat.reason.rawValue == "risk_size_scale_zero")
    }

    @Test("a reducing order larger than the position is capped at the position")
    func reducingCap() throws {
        let set = try load("{max_order_notional_usdt: 1}")
        let d = decide(set, book(long: 0.5)) {
            $0.order.side = "sell"
            $0.order.qty = 2.0
            $0.order.reduceOnly = true
        }
        #expect(d.allow && d.maxQty == 0.5)
    }

    @Test("R3: the order notional cap clips, or denies with notional_action deny")
    func orderNotional() throws {
        let clip = decide(try load("{max_order_notional_usdt: 1000}")) { $0.order.qty = 0.05 }
        #expect(clip.allow && clip.maxQty == 0.016666666666666666)
        #expect(clip.diagnostics == ["risk_qty_capped:order_notional"])
        #expect(clip.trace.steps[0].measured == 1000 && clip.trace.steps[0].threshold == 1000)
        let deny = decide(try load("{max_order_notional_usdt: 1000, notional_action: deny}")) { $0.order.qty = 0.05 }
        #expect(deny.reason.rawValue == "risk_order_notional_cap")
        #expect(deny.reasons == ["risk_order_notional_cap:3000.00>1000.00"])
    }

    @Test("R4: exposure headroom caps an adding order; an opposite order is not capped below qty; exhausted denies")
    func symbolExposure() throws {
        let set = try load("{max_symbol_exposure_usdt: 2000}")
        let buy = decide(set, book(long: 0.03))
        #expect(buy.allow && buy.maxQty == 0.0033333333333333335)
        #expect(buy.quotas.symbolExposureLeftUsdt == 200)
        #expect(buy.diagnostics == ["risk_qty_capped:symbol_exposure"])
        let sell = decide(set, book(long: 0.03)) { $0.order.side = "sell" }
        #expect(sell.allow && sell.maxQty == 0.01)
        let full = decide(set, book(long: 0.04))
        #expect(full.reason.rawValue == "risk_symbol_exposure_cap")
        #expect(full.reasons == ["risk_symbol_exposure_cap:2400.00>=2000.00"])
    }

    @Test("exposure deny after a flip names the exposure after the order (python3: (0.05-0.03)*60000)")
    func exposureDenyOpposite() throws {
        let set = try load("{max_symbol_exposure_usdt: 1000, notional_action: deny}")
        let d = decide(set, book(long: 0.03)) {
            $0.order.side = "sell"
            $0.order.qty = 0.05
        }
        #expect(d.reasons == ["risk_symbol_exposure_cap:1200.00>1000.00"])
    }

    @Test("the smaller of two caps is named; order_notional when equal", arguments: [
        ("{max_order_notional_usdt: 300, max_symbol_exposure_usdt: 500}", "risk_qty_capped:order_notional"),
        ("{max_order_notional_usdt: 500, max_symbol_exposure_usdt: 300}", "risk_qty_capped:symbol_exposure"),
        ("{max_order_notional_usdt: 300, max_symbol_exposure_usdt: 300}", "risk_qty_capped:order_notional"),
    ])
    func cappedNote(params: String, note: String) throws {
        let d = decide(try load(params))
        #expect(d.allow && d.diagnostics == [note])
        #expect(d.maxQty == 300.0 / 60000)
    }

    @Test("R5: ten approvals in a minute deny the eleventh with the time until the oldest expires")
    func ratePerSymbol() throws {
        let set = try load("{trades_per_minute: 10}")
        let shared = SharedState()
        for i in 0..<10 {
            let d = decide(set, shared, at: Self.t0 + Int64(i) * 1000)
            #expect(d.allow && d.quotas.tradesPerMinuteLeft == Int64(9 - i))
            d.commit()
        }
        let denied = decide(set, shared, at: Self.t0 + 9500)
        #expect(denied.reason.rawValue == "risk_trades_per_minute" && denied.hard)
        #expect(denied.reasons == ["risk_trades_per_minute:10>=10"])
        #expect(denied.cooldownMs == 50500)
        #expect(denied.quotas.tradesPerMinuteLeft == 0)
        #expect(decide(set, shared, at: Self.t0 + 60000).allow)
        #expect(decide(set, shared, at: Self.t0 + 9500) { $0.order.symbol = "ETHUSDT" }.allow)
    }

    @Test("the per-symbol rate deny reports the larger remaining time when the global limit also fails")
    func rateCooldownMax() throws {
        let set = try load("{trades_per_minute: 1, trades_per_minute_global: 2}")
        let shared = SharedState()
        decide(set, shared, at: Self.t0) { $0.order.symbol = "ETHUSDT" }.commit()
        decide(set, shared, at: Self.t0 + 5000).commit()
        let d = decide(set, shared, at: Self.t0 + 6000)
        #expect(d.reasons == ["risk_trades_per_minute:1>=1"])
        // symbol: 5000 + 60000 − 6000 = 59000; global (k = 1): 0 + 60000 − 6000 = 54000.
        #expect(d.cooldownMs == 59000)
        let other = decide(set, shared, at: Self.t0 + 6000) { $0.order.symbol = "SOLUSDT" }
        #expect(other.reasons == ["risk_trades_per_minute_global:2>=2"] && other.cooldownMs == 54000)
    }

    @Test("shadow rules, reducing orders and denied decisions stamp nothing")
    func noStamps() throws {
        let shadow = try load("{trades_per_minute: 1}", extra: "mode: shadow")
        let shared = book(long: 1)
        for i in 0..<3 { decide(shadow, shared, at: Self.t0 + Int64(i)).commit() }
        #expect(decide(shadow, shared, at: Self.t0 + 5).reasons.isEmpty)
        let enforce = try load("{trades_per_minute: 1}")
        for i in 0..<3 {
            decide(enforce, shared, at: Self.t0 + Int64(i)) {
                $0.order.side = "sell"
                $0.order.reduceOnly = true
            }.commit()
        }
        #expect(decide(enforce, shared, at: Self.t0 + 5).allow)
    }

    @Test("R6: the collar is strict and needs a mid with a limit price", arguments: [
        (60600.0, 60000.0, nil, nil),
        (60700, 60000, "risk_price_collar", "risk_price_collar:116.7>100.0"),
        (nil, 60000, nil, nil),
        (60600, nil, "missing_input:market.mid", "missing_input:market.mid"),
    ] as [(Double?, Double?, String?, String?)])
    func collar(price: Double?, mid: Double?, reason: String?, entry: String?) throws {
        let set = try load("{price_collar_bps: 100}")
        let d = decide(set) {
            $0.order.price = price
            $0.market.mid = mid
        }
        #expect(d.allow == (reason == nil))
        if let reason, let entry { #expect(d.reason.rawValue == reason && d.reasons == [entry] && d.hard) }
    }

    @Test("R6: the minimum notional refuses 0.00008 × 60000 (4.800000000000001 < 5)")
    func minimumNotional() throws {
        let d = decide(try load("{min_order_notional_usdt: 5}")) { $0.order.qty = 0.00008 }
        #expect(d.reason.rawValue == "risk_notional_too_small" && d.reasons == ["risk_notional_too_small"])
        #expect(d.trace.steps[0].measured == 4.800000000000001)
    }

    @Test("a notional exactly at the minimum passes (python3: 0.0001*50000 → 5.0)")
    func minimumNotionalBoundary() throws {
        let d = decide(try load("{min_order_notional_usdt: 5}")) {
            $0.order.qty = 0.0001
            $0.order.price = 50000
        }
        #expect(d.allow && d.trace.steps[0].measured == 5.0)
    }

    @Test("R7: an input missing under on_missing skip still scales by size_scale")
    func skipStillScales() throws {
        let set = try load("{size_scale: 0.5, dd_day_pct: 10}", extra: "on_missing: skip")
        let d = decide(set) { $0.order.qty = 1.0 }
        #expect(d.allow && d.trace.steps[0].verdict == .skip)
        #expect(d.diagnostics == ["missing_input:market.pnl_today_pct"])
        #expect(d.maxQty == 0.5 && d.riskScale == 0.5)
    }

    @Test("R8: a crossed book used as the mid is invalid_input:market.best_ask")
    func crossedMid() throws {
        let d = decide(try load("{price_collar_bps: 100}")) {
            $0.market.bestBid = 60010
            $0.market.bestAsk = 60000
        }
        #expect(d.reason.rawValue == "invalid_input:market.best_ask" && d.hard)
    }

    @Test("sub-check 8 inputs in table order: qty, price reference, symbol, side", arguments: [
        ("{max_order_notional_usdt: 1000}", "qty", "missing_input:order.qty"),
        ("{max_order_notional_usdt: 1000}", "qty0", "invalid_input:order.qty"),
        ("{max_order_notional_usdt: 1000}", "price", "missing_input:order.price"),
        ("{max_order_notional_usdt: 1000}", "crossed", "invalid_input:market.best_ask"),
        ("{max_symbol_exposure_usdt: 1000}", "symbol", "missing_input:order.symbol"),
        ("{max_symbol_exposure_usdt: 1000}", "badsymbol", "invalid_input:order.symbol"),
        ("{max_symbol_exposure_usdt: 1000}", "side", "missing_input:order.side"),
        ("{trades_per_minute: 5}", "symbol", "missing_input:order.symbol"),
    ])
    func notionalInputs(params: String, remove: String, code: String) throws {
        let d = decide(try load(params)) {
            switch remove {
            case "qty": $0.order.qty = nil
            case "qty0": $0.order.qty = 0
            case "price": $0.order.price = nil
            case "crossed":
                $0.order.price = nil
                $0.market.bestBid = 2
                $0.market.bestAsk = 1
            case "symbol": $0.order.symbol = nil
            case "badsymbol": $0.order.symbol = "???"
            default: $0.order.side = nil
            }
        }
        #expect(d.reason.rawValue == code && d.hard)
    }

    @Test("without a price the notional / qty gives the price reference")
    func notionalPriceRef() throws {
        let d = decide(try load("{max_order_notional_usdt: 300}")) {
            $0.order.price = nil
            $0.order.notional = 600
        }
        #expect(d.allow && d.maxQty == 0.005)
    }

    @Test("without notional caps qty may be absent: max_qty 0")
    func noQty() throws {
        let d = decide(try load("{}")) { $0.order.qty = nil }
        #expect(d.allow && d.maxQty == 0)
        #expect(d.quotas == Quotas.unlimited)
    }

    @Test("a reload keeps the approval stamps")
    func reloadCarries() throws {
        let old = try load("{trades_per_minute: 1}")
        let shared = SharedState()
        decide(old, shared).commit()
        let new = try load("{trades_per_minute: 1, size_scale: 0.5}", previous: old)
        #expect(new.states.values.first === old.states.values.first)
        #expect(decide(new, shared, at: Self.t0 + 1).reason.rawValue == "risk_trades_per_minute")
    }

    @Test("a runtime override replaces a cap in every override context")
    func runtimeOverrideBeatsFileOverride() throws {
        let set = try load("{max_concurrent: 10}",
                           extra: "overrides:\n  - match: {symbols: [BTCUSDT]}\n    params: {max_concurrent: 50}")
        let shared = SharedState()
        #expect(decide(set, shared) { $0.market.openPositions = 20 }.allow)
        shared.update { try! $0.riskOverrides.set(.maxConcurrent, 0) }
        #expect(decide(set, shared) { $0.market.openPositions = 0 }.reason.rawValue == "risk_max_concurrent")
    }

    @Test("param ranges are checked at load", arguments: [
        ("{size_scale: 1.5}", "'size_scale' must be ≥ 0 and ≤ 1, got 1.5"),
        ("{dd_day_pct: 0}", "'dd_day_pct' must be > 0 and ≤ 100, got 0"),
        ("{max_concurrent: 0}", "'max_concurrent' must be ≥ 1 and ≤ 100000, got 0"),
        ("{trades_per_minute_global: 1000001}", "'trades_per_minute_global' must be ≥ 1 and ≤ 1000000, got 1000001"),
        ("{price_collar_bps: 0}", "'price_collar_bps' must be > 0 and ≤ 100000, got 0"),
        ("{max_order_notional_usdt: 2e12}", "'max_order_notional_usdt' must be > 0 and ≤ 1e12, got 2e12"),
        ("{min_order_notional_usdt: -1}", "'min_order_notional_usdt' must be ≥ 0 and ≤ 1e12, got -1"),
        ("{notional_action: cap}", "'notional_action' must be one of clip, deny, got 'cap'"),
    ])
    func ranges(params: String, message: String) {
        let text = InlineRuleSet.diagnostics(InlineRuleSet.single("risk_caps", params: params), registry: registry)
        #expect(text.contains("error: \(message) ["), "\(text)")
    }

    @Test("trades_per_minute_global cannot be overridden per symbol")
    func globalNotOverridable() {
        let text = InlineRuleSet.diagnostics(InlineRuleSet.single(
            "risk_caps", params: "{}",
            extra: "overrides:\n  - match: {symbols: [BTCUSDT]}\n    params: {trades_per_minute_global: 5}"),
            registry: registry)
        #expect(text.contains("error: 'trades_per_minute_global' of type risk_caps cannot be overridden per symbol or account mode [param-not-overridable]"), "\(text)")
    }
}
