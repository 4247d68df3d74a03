import AuroraTesting
import Codec
import RuleEngine
import Rules
import Testing

/// gates.md §10: boundary table G1–G7, param ranges, on_missing / on_error / shadow paths, reload carry-over.
@Suite struct GovernanceGateTests {
    let registry = RuleRegistry.standard()
    static let t0: Int64 = 1_767_605_400_000
    let btc = Symbol(canonicalizing: "BTCUSDT")!

    func load(_ params: String = "{dq_cooldown_s: 60}", extra: String = "",
              previous: CompiledRuleSet? = nil) throws -> CompiledRuleSet {
        try InlineRuleSet.load(InlineRuleSet.single("governance", params: params, extra: extra), registry: registry,
                               previous: previous)
    }

    func request(_ set: CompiledRuleSet, _ shared: SharedState, at now: Int64 = t0,
                 _ configure: (inout PretradeInput) -> Void = { _ in }) -> Decision {
        set.evaluate(.fixture(now: now, shared: shared, configure))
    }

    func longBTC() -> SharedState {
        var values = SharedState.Values()
        values.positions[btc] = Position(qty: 0.01, sinceMs: 0, lastFillPrice: 60000, averageEntryPrice: 60000)
        return SharedState(values)
    }

    @Test("G1: HALTED denies every order, reducing ones too", arguments: [false, true])
    func halted(reduceOnly: Bool) throws {
        let set = try load()
        let shared = longBTC()
        _ = shared.halt(reason: nil, now: WallTime(ms: 1))
        let d = request(set, shared) {
            $0.order.side = "sell"
            $0.order.reduceOnly = reduceOnly
        }
        #expect(!d.allow && d.hard && d.cooldownMs == 0)
        #expect(d.reason.rawValue == "AURORA.HALT")
        #expect(d.reasons == ["AURORA.HALT", "killswitch_active"])
    }

    @Test("G2: REDUCING admits only orders that reduce exposure", arguments: [
        ("BTCUSDT", "buy", false, false), ("BTCUSDT", "sell", true, true), ("BTCUSDT", "buy", true, false),
        ("ETHUSDT", "sell", true, false),
    ])
    func reducing(symbol: String, side: String, reduceOnly: Bool, allowed: Bool) throws {
        let set = try load()
        let shared = longBTC()
        _ = shared.reduce(reason: nil, now: WallTime(ms: 1))
        let d = request(set, shared) {
            $0.order.symbol = symbol
            $0.order.side = side
            $0.order.reduceOnly = reduceOnly
        }
        #expect(d.allow == allowed)
        if !allowed {
            #expect(d.reason.rawValue == "AURORA.REDUCING" && d.hard)
            #expect(d.reasons == ["AURORA.REDUCING", "reduce_only_required"])
        }
    }

    @Test("G3: a stale book blocks its symbol for dq_cooldown_s; other symbols pass")
    func staleBlock() throws {
        let set = try load()
        let shared = SharedState()
        let first = request(set, shared) { $0.market.dq = .init(staleBook: true) }
        #expect(first.reason.rawValue == "DQ_EVENT.STALE_BOOK" && first.hard)
        #expect(first.reasons == ["DQ_EVENT.STALE_BOOK", "stale_book"])
        #expect(first.cooldownMs == 60000)
        #expect(first.events.map(\.event.code) == ["RULE.DENY", "DQ_EVENT.STALE_BOOK"])
        #expect(first.events[1].event.details == [
            "flag": "stale_book", "until_ms": .int(Self.t0 + 60000), "dq_cooldown_s": 60.0, "rule": "governance",
        ])
        #expect(first.trace.steps[0].measured == 60000 && first.trace.steps[0].threshold == 60000)
        let during = request(set, shared, at: Self.t0 + 59999)
        #expect(during.reason.rawValue == "DQ_EVENT.STALE_BOOK" && during.cooldownMs == 1)
        #expect(during.events.map(\.event.code) == ["RULE.DENY"])
        let other = request(set, shared, at: Self.t0 + 1) { $0.order.symbol = "ETHUSDT" }
        #expect(other.allow)
        let after = request(set, shared, at: Self.t0 + 60000)
        #expect(after.allow)
    }

    @Test("a crossed book blocks with its own code; stale wins when both are set", arguments: [
        (false, true, "DQ_EVENT.CROSSED_BOOK", "crossed_book"), (true, true, "DQ_EVENT.STALE_BOOK", "stale_book"),
    ])
    func crossed(stale: Bool, crossed: Bool, code: String, detail: String) throws {
        let set = try load()
        let d = request(set, SharedState()) { $0.market.dq = .init(staleBook: stale, crossedBook: crossed) }
        #expect(d.reasons == [code, detail])
    }

    @Test("a repeated flag during a block extends it without a second DQ event")
    func extendBlock() throws {
        let set = try load()
        let shared = SharedState()
        _ = request(set, shared) { $0.market.dq = .init(staleBook: true) }
        let again = request(set, shared, at: Self.t0 + 1000) { $0.market.dq = .init(staleBook: true) }
        #expect(again.cooldownMs == 60000)
        #expect(again.events.map(\.event.code) == ["RULE.DENY"])
    }

    @Test("without a valid symbol or with dq_cooldown_s 0 a flag denies that request only, cooldown 0",
          arguments: [("{dq_cooldown_s: 60}", "???"), ("{dq_cooldown_s: 0}", "BTCUSDT")])
    func noBlock(params: String, symbol: String) throws {
        let set = try load(params)
        let shared = SharedState()
        let d = request(set, shared) {
            $0.order.symbol = symbol
            $0.market.dq = .init(crossedBook: true)
        }
        #expect(d.reason.rawValue == "DQ_EVENT.CROSSED_BOOK" && d.cooldownMs == 0)
        #expect(request(set, shared, at: Self.t0 + 1) { $0.order.symbol = symbol }.allow)
    }

    @Test("G4: abnormal spread denies that request only, with its event")
    func abnormalSpread() throws {
        let set = try load()
        let shared = SharedState()
        let d = request(set, shared) { $0.market.dq = .init(abnormalSpread: true) }
        #expect(d.reasons == ["DQ_EVENT.ABNORMAL_SPREAD", "abnormal_spread"])
        #expect(d.cooldownMs == 0 && d.hard)
        #expect(d.events.map(\.event.code) == ["RULE.DENY", "DQ_EVENT.ABNORMAL_SPREAD"])
        #expect(request(set, shared, at: Self.t0 + 1).allow)
    }

    @Test("G4: volatility limit is strict", arguments: [(300.0, true), (300.5, false)])
    func volatility(vol: Double, allowed: Bool) throws {
        let set = try load("{vol_guard_std_bps: 300}")
        let d = request(set, SharedState()) { $0.market.volStdBps = vol }
        #expect(d.allow == allowed)
        if !allowed {
            #expect(d.reasons == ["VOLATILITY_GUARD_TRIP", "volatility_limit"])
            #expect(d.events.map(\.event.code) == ["RULE.DENY", "VOLATILITY_GUARD_TRIP"])
            #expect(d.trace.steps[0].measured == 300.5 && d.trace.steps[0].threshold == 300)
        }
    }

    @Test("G5: a loss of the limit or more denies and latches REDUCING from the next request")
    func drawdownLatch() throws {
        let set = try load("{daily_dd_limit_pct: 10, on_daily_dd: reduce}")
        let shared = SharedState()
        #expect(request(set, shared) { $0.market.pnlTodayPct = -9.99 }.allow)
        let breach = request(set, shared, at: Self.t0 + 1) { $0.market.pnlTodayPct = -10 }
        #expect(breach.reason.rawValue == "RISK.DENY.DRAWDOWN" && breach.hard)
        #expect(breach.reasons == ["RISK.DENY.DRAWDOWN", "daily_dd"])
        #expect(breach.events.map(\.event.code) == ["RULE.DENY", "RISK.DENY.DRAWDOWN", "GOVERNANCE.STATE"])
        #expect(breach.events[1].event.details == [
            "pnl_today_pct": -10.0, "limit_pct": 10.0, "on_daily_dd": "reduce", "rule": "governance",
        ])
        #expect(breach.latched?.current == .reducing)
        #expect(shared.trading.state == .reducing && shared.trading.source == .dailyDrawdown)
        let next = request(set, shared, at: Self.t0 + 2) { $0.market.pnlTodayPct = 0 }
        #expect(next.reason.rawValue == "AURORA.REDUCING")
        _ = shared.resume(reason: "reviewed", to: .active, now: WallTime(ms: Self.t0 + 3))
        #expect(request(set, shared, at: Self.t0 + 4) { $0.market.pnlTodayPct = 0 }.allow)
    }

    @Test("explain details name the latch and the DQ block; the ops/state snapshot lists blocks")
    func explainAndSnapshot() throws {
        let set = try load("{daily_dd_limit_pct: 10}")
        let shared = SharedState()
        let d = request(set, shared) { $0.market.pnlTodayPct = -10 }
        #expect(d.trace.steps[0].details["latched"] == ["from": "ACTIVE", "to": "REDUCING"])
        #expect(d.trace.steps[0].details["trading_state"] == "ACTIVE")
        _ = shared.resume(reason: "ok", to: .active, now: WallTime(ms: 1))
        _ = request(set, shared) { $0.market.dq = .init(crossedBook: true) }
        let state = try #require(set.states.values.first?.snapshot())
        #expect(state["dq_blocks"] == [["symbol": "BTCUSDT", "code": "DQ_EVENT.CROSSED_BOOK",
                                        "until_ms": .int(Self.t0 + 60000)]])
    }

    @Test("on_daily_dd decides the latch: halt → HALTED with AURORA.HALT; deny → no latch", arguments: [
        ("halt", TradingState.halted), ("deny", TradingState.active),
    ])
    func drawdownTargets(action: String, expected: TradingState) throws {
        let set = try load("{daily_dd_limit_pct: 10, on_daily_dd: \(action)}")
        let shared = SharedState()
        let d = request(set, shared) { $0.market.pnlTodayPct = -12 }
        #expect(d.reason.rawValue == "RISK.DENY.DRAWDOWN")
        #expect(shared.trading.state == expected)
        #expect(d.events.contains { $0.event.code == "AURORA.HALT" } == (expected == .halted))
    }

    @Test("two governance rules latching in one request apply the most restrictive target as one change")
    func twoLatches() throws {
        let yaml = """
            version: 1
            name: test
            pipeline:
              - {id: g1, type: governance, params: {daily_dd_limit_pct: 10, on_daily_dd: reduce}}
              - {id: g2, type: governance, params: {daily_dd_limit_pct: 5, on_daily_dd: halt}}
            """
        let set = try InlineRuleSet.load(yaml, registry: registry)
        let shared = SharedState()
        let d = request(set, shared) { $0.market.pnlTodayPct = -11 }
        #expect(shared.trading.state == .halted)
        #expect(d.events.filter { $0.event.code == "GOVERNANCE.STATE" }.count == 1)
        #expect(d.events.first { $0.event.code == "GOVERNANCE.STATE" }?.event.details["from"] == "ACTIVE")
    }

    @Test("a shadow rule never latches and emits only RULE.SHADOW_DENY")
    func shadowNeverLatches() throws {
        let set = try load("{daily_dd_limit_pct: 10, on_daily_dd: halt}", extra: "mode: shadow")
        let shared = SharedState()
        let d = request(set, shared) { $0.market.pnlTodayPct = -50 }
        #expect(d.allow)
        #expect(d.reasons == ["shadow:RISK.DENY.DRAWDOWN", "shadow:daily_dd"])
        #expect(d.events.map(\.event.code) == ["RULE.SHADOW_DENY"])
        #expect(shared.trading.state == .active)
    }

    @Test("a reducing order skips DQ, drawdown and volatility checks")
    func reducingExempt() throws {
        let set = try load("{daily_dd_limit_pct: 10, vol_guard_std_bps: 300}")
        let d = request(set, longBTC()) {
            $0.order.side = "sell"
            $0.order.reduceOnly = true
            $0.market.dq = .init(staleBook: true, abnormalSpread: true)
        }
        #expect(d.allow)
        #expect(d.trace.steps[0].details["reduce_only_exempt"] == true)
    }

    @Test("set checks require their inputs; a negative volatility is invalid", arguments: [
        ("{daily_dd_limit_pct: 10}", nil, nil, "missing_input:market.pnl_today_pct"),
        ("{vol_guard_std_bps: 300}", nil, nil, "missing_input:market.vol_std_bps"),
        ("{vol_guard_std_bps: 300}", nil, -1.0, "invalid_input:market.vol_std_bps"),
    ] as [(String, Double?, Double?, String)])
    func missing(params: String, pnl: Double?, vol: Double?, code: String) throws {
        let deny = request(try load(params), SharedState()) {
            $0.market.pnlTodayPct = pnl
            $0.market.volStdBps = vol
        }
        #expect(deny.reason.rawValue == code && deny.hard)
        let skip = request(try load(params, extra: "on_missing: skip"), SharedState()) {
            $0.market.pnlTodayPct = pnl
            $0.market.volStdBps = vol
        }
        #expect(skip.allow && skip.diagnostics == [code])
    }

    @Test("a non-finite loss is rule_error:non_finite and latches nothing")
    func nonFinite() throws {
        let set = try load("{daily_dd_limit_pct: 10, on_daily_dd: halt}")
        let shared = SharedState()
        let d = request(set, shared) { $0.market.pnlTodayPct = -.infinity }
        #expect(d.reason.rawValue == "rule_error:non_finite")
        #expect(shared.trading.state == .active)
    }

    func report(_ ok: Bool) -> TradeReport {
        TradeReport(symbol: btc, side: .buy, outcome: ok ? .success : .failed, filled: ok ? 0.001 : nil,
                    fillPrice: ok ? 60000 : nil)
    }

    @Test("G6: 5 failed of 10 reports halt on the 10th, even a success; 4 of 10 do not", arguments: [
        ([false, false, false, false, false, true, true, true, true, true], TradingState.halted),
        ([true, true, true, true, true, false, false, false, false, false], .halted),
        ([false, false, false, false, true, true, true, true, true, true], .active),
    ])
    func rejectStorm(outcomes: [Bool], expected: TradingState) throws {
        let set = try load("{}")
        let shared = SharedState()
        var events: [String] = []
        for (index, ok) in outcomes.enumerated() {
            let now = WallTime(ms: Self.t0 + Int64(index) * 1000)
            if index == 9 { #expect(shared.trading.state == .active) }
            events = set.observe(report(ok), accountMode: "testnet", shared: shared, now: now).map(\.event.code)
        }
        #expect(shared.trading.state == expected)
        if expected == .halted {
            #expect(shared.trading.source == .rejectStorm)
            #expect(events == ["GOVERNANCE.STATE", "AURORA.HALT"])
        }
    }

    @Test("the storm trips on the 10th report with rate and total on AURORA.HALT, then the window is cleared")
    func rejectStormEvents() throws {
        let set = try load("{}")
        let shared = SharedState()
        var last: [Decision.Event] = []
        for index in 0..<10 {
            last = set.observe(report(index % 2 == 0), accountMode: "testnet", shared: shared,
                               now: WallTime(ms: Self.t0 + Int64(index)))
        }
        let halt = try #require(last.last?.event)
        #expect(halt.details["reject_rate"] == 0.5 && halt.details["window_total"] == 10)
        #expect(halt.details["source"] == "reject_storm")
        let state = try #require(set.states.values.first?.snapshot())
        #expect(state["reject_window"] == ["total": 0, "rejects": 0, "rate": nil, "window_s": 300])
    }

    @Test("reports older than the window no longer count (t ≤ now − window is dropped)")
    func windowExpiry() throws {
        let set = try load("{reject_storm_window_s: 10, reject_storm_min_orders: 2}")
        let shared = SharedState()
        _ = set.observe(report(false), accountMode: "testnet", shared: shared, now: WallTime(ms: 0))
        _ = set.observe(report(true), accountMode: "testnet", shared: shared, now: WallTime(ms: 10000))
        #expect(shared.trading.state == .active)
        _ = set.observe(report(false), accountMode: "testnet", shared: shared, now: WallTime(ms: 10001))
        #expect(shared.trading.state == .halted)
    }

    @Test("G7: while HALTED a trip only clears the window: no change, no event")
    func stormWhileHalted() throws {
        let set = try load("{}")
        let shared = SharedState()
        _ = shared.halt(reason: "manual", now: WallTime(ms: 1))
        var all: [String] = []
        for index in 0..<10 {
            all += set.observe(report(false), accountMode: "testnet", shared: shared,
                               now: WallTime(ms: Self.t0 + Int64(index))).map(\.event.code)
        }
        #expect(all.isEmpty)
        #expect(shared.trading.source == .ops && shared.trading.reason == "manual")
        let state = try #require(set.states.values.first?.snapshot())
        #expect(state["reject_window"]?["total"] == 0)
    }

    @Test("shadow rules and neither reports do not feed the reject window")
    func stormShadowAndNeither() throws {
        let shadow = try load("{reject_storm_min_orders: 1}", extra: "mode: shadow")
        let enforce = try load("{reject_storm_min_orders: 1}")
        let shared = SharedState()
        _ = shadow.observe(report(false), accountMode: "testnet", shared: shared, now: WallTime(ms: 1))
        _ = enforce.observe(TradeReport(symbol: nil, side: nil, outcome: .neither), accountMode: "testnet",
                            shared: shared, now: WallTime(ms: 2))
        #expect(shared.trading.state == .active)
        _ = enforce.observe(report(false), accountMode: "testnet", shared: shared, now: WallTime(ms: 3))
        #expect(shared.trading.state == .halted)
    }

    @Test("a reload keeps the DQ blocks and the reject window")
    func reloadCarries() throws {
        let old = try load()
        let shared = SharedState()
        _ = request(old, shared) { $0.market.dq = .init(staleBook: true) }
        let new = try load("{dq_cooldown_s: 30}", previous: old)
        #expect(new.states.values.first === old.states.values.first)
        #expect(request(new, shared, at: Self.t0 + 1000).reason.rawValue == "DQ_EVENT.STALE_BOOK")
    }

    @Test("param ranges are checked at load", arguments: [
        ("{dq_cooldown_s: -1}", "'dq_cooldown_s' must be ≥ 0 and ≤ 86400, got -1"),
        ("{daily_dd_limit_pct: 0}", "'daily_dd_limit_pct' must be > 0 and ≤ 100, got 0"),
        ("{vol_guard_std_bps: 100001}", "'vol_guard_std_bps' must be > 0 and ≤ 100000, got 100001"),
        ("{reject_storm_pct: 0}", "'reject_storm_pct' must be > 0 and ≤ 1, got 0"),
        ("{reject_storm_window_s: 0.5}", "'reject_storm_window_s' must be ≥ 1 and ≤ 86400, got 0.5"),
        ("{reject_storm_min_orders: 0}", "'reject_storm_min_orders' must be ≥ 1 and ≤ 100000, got 0"),
        ("{on_daily_dd: latch}", "'on_daily_dd' must be one of deny, reduce, halt, got 'latch'"),
    ])
    func ranges(params: String, message: String) {
        let text = InlineRuleSet.diagnostics(InlineRuleSet.single("governance", params: params), registry: registry)
        #expect(text.contains("error: \(message) ["), "\(text)")
    }

    @Test("drawdown and reject-storm params cannot be overridden per symbol")
    func notOverridable() {
        let text = InlineRuleSet.diagnostics(InlineRuleSet.single(
            "governance", params: "{}",
            extra: "overrides:\n  - match: {symbols: [BTCUSDT]}\n    params: {daily_dd_limit_pct: 5}"), registry: registry)
        #expect(text.contains("error: 'daily_dd_limit_pct' of type governance cannot be overridden per symbol or account mode [param-not-overridable]"), "\(text)")
    }
}
