import AuroraTesting
import Codec
import RuleEngine
import Rules
import Testing

/// gates.md §11: boundary table A1–A7, on_missing, shadow, posttrade and commit hooks, reload carry-over, ranges.
@Suite struct AntiChurnGateTests {
    let registry = RuleRegistry.standard()
    let btc = Symbol(canonicalizing: "BTCUSDT")!
    static let table = """
        {cooldown_after_close_ms: 10000, min_open_interval_ms: 2000, min_position_hold_ms: 5000,
         opposite_side_block: true, max_lock_ms: 3600000}
        """

    func load(_ params: String = table, extra: String = "", previous: CompiledRuleSet? = nil) throws
        -> CompiledRuleSet
    {
        try InlineRuleSet.load(InlineRuleSet.single("anti_churn", params: params, extra: extra), registry: registry,
                               previous: previous)
    }

    func decide(_ set: CompiledRuleSet, _ shared: SharedState, at now: Int64, side: String? = "buy",
                _ configure: (inout PretradeInput) -> Void = { _ in }) -> Decision {
        set.evaluate(.fixture(now: now, shared: shared) {
            $0.order.side = side
            configure(&$0)
        })
    }

    /// Books a posttrade report and tells the rules, as the host does (http-api.md §5.4).
    @discardableResult
    func posttrade(_ set: CompiledRuleSet, _ shared: SharedState, at now: Int64, side: Side, filled: Double,
                   close: Bool = false, oid: String) -> [Decision.Event] {
        let report = TradeReport(symbol: btc, side: side, outcome: .success, isClose: close, orderId: oid,
                                 filled: filled, fillPrice: 60000)
        _ = shared.apply(report, now: WallTime(ms: now))
        return set.observe(report, accountMode: "testnet", shared: shared, now: WallTime(ms: now))
    }

    @Test("A1: an allowed open starts the minimum open interval")
    func openInterval() throws {
        let set = try load()
        let shared = SharedState()
        decide(set, shared, at: 0).commit()
        let early = decide(set, shared, at: 1999)
        #expect(early.reason.rawValue == "open_rate_limit" && !early.hard && early.cooldownMs == 1)
        #expect(early.reasons == ["open_rate_limit"])
        #expect(early.events.map(\.event.code) == ["RULE.DENY", "OPEN.RATE_LIMIT"])
        #expect(early.events[1].event.details == ["ms_left": 1, "interval_ms": 2000, "rule": "anti_churn"])
        #expect(decide(set, shared, at: 2000).allow)
    }

    @Test("A2: symbols are canonicalised; other symbols are independent", arguments: [
        ("binance:btc/usdt", false), ("ETHUSDT", true),
    ])
    func canonical(symbol: String, allowed: Bool) throws {
        let set = try load()
        let shared = SharedState()
        decide(set, shared, at: 0).commit()
        #expect(decide(set, shared, at: 1000) { $0.order.symbol = symbol }.allow == allowed)
    }

    @Test("A3: inside the hold the lock's longer remaining time is the cooldown", arguments: [
        (Int64(4999), "sell", "position_min_hold_active", Int64(3_595_001)),
        (5000, "sell", "opposite_side_block", 3_595_000),
        (5000, "SHORT", "opposite_side_block", 3_595_000),
        (5000, "buy", nil, 0),
    ] as [(Int64, String, String?, Int64)])
    func holdAndLock(at now: Int64, side: String, reason: String?, cooldown: Int64) throws {
        let set = try load()
        let shared = SharedState()
        posttrade(set, shared, at: 0, side: .buy, filled: 0.01, oid: "A")
        let d = decide(set, shared, at: now, side: side)
        #expect(d.allow == (reason == nil))
        if let reason {
            #expect(d.reason.rawValue == reason && d.cooldownMs == cooldown && !d.hard)
        }
    }

    @Test("A3: the events of the hold and the lock")
    func lockEvents() throws {
        let set = try load()
        let shared = SharedState()
        posttrade(set, shared, at: 0, side: .buy, filled: 0.01, oid: "A")
        let hold = decide(set, shared, at: 4999, side: "sell")
        #expect(hold.events[1].event.code == "POSITION.MIN_HOLD")
        #expect(hold.events[1].event.details == [
            "position_side": "buy", "age_ms": 4999, "min_hold_ms": 5000, "rule": "anti_churn",
        ])
        #expect(hold.trace.steps[0].measured == 1 && hold.trace.steps[0].threshold == 5000)
        let block = decide(set, shared, at: 5000, side: "sell")
        #expect(block.events[1].event.details == ["position_side": "buy", "age_ms": 5000, "rule": "anti_churn"])
        #expect(block.trace.steps[0].measured == 5000 && block.trace.steps[0].threshold == 3_600_000)
    }

    @Test("A3b: without the opposite-side block the hold alone decides", arguments: [
        (Int64(4999), false, Int64(1)), (5000, true, 0),
    ])
    func holdOnly(at now: Int64, allowed: Bool, cooldown: Int64) throws {
        let set = try load("""
            {cooldown_after_close_ms: 10000, min_open_interval_ms: 2000, min_position_hold_ms: 5000,
             opposite_side_block: false, max_lock_ms: 3600000}
            """)
        let shared = SharedState()
        posttrade(set, shared, at: 0, side: .buy, filled: 0.01, oid: "A")
        let d = decide(set, shared, at: now, side: "sell")
        #expect(d.allow == allowed && d.cooldownMs == cooldown)
        if !allowed { #expect(d.reason.rawValue == "position_min_hold_active") }
    }

    @Test("A4: an order that reduces the position is exempt")
    func reducingExempt() throws {
        let set = try load()
        let shared = SharedState()
        posttrade(set, shared, at: 0, side: .buy, filled: 0.01, oid: "A")
        let d = decide(set, shared, at: 100, side: "sell") { $0.order.reduceOnly = true }
        #expect(d.allow && d.trace.steps[0].verdict == .skip)
        #expect(d.diagnostics == ["reducing_order_exempt:anti_churn"])
        d.commit()
        #expect(decide(set, shared, at: 200, side: "buy").allow)
    }

    @Test("A5: an opposite order after max_lock_ms passes with position_lock_expired; same side has no note")
    func lockExpiry() throws {
        let set = try load()
        let shared = SharedState()
        posttrade(set, shared, at: 0, side: .buy, filled: 0.01, oid: "A")
        let sell = decide(set, shared, at: 3_600_000, side: "sell")
        #expect(sell.allow && sell.diagnostics == ["position_lock_expired:BTCUSDT"])
        let buy = decide(set, shared, at: 3_600_000, side: "buy")
        #expect(buy.allow && buy.diagnostics.isEmpty)
    }

    @Test("A6: a close starts the cooldown and emits AURORA.COOL_OFF")
    func closeCooldown() throws {
        let set = try load()
        let shared = SharedState()
        let events = posttrade(set, shared, at: 0, side: .sell, filled: 0.01, close: true, oid: "A")
        #expect(events.map(\.event.code) == ["AURORA.COOL_OFF"])
        #expect(events[0].event.details == ["until_ms": 10000, "cooldown_ms": 10000, "rule": "anti_churn"])
        let early = decide(set, shared, at: 9999)
        #expect(early.reason.rawValue == "cooldown_after_close_active" && early.cooldownMs == 1)
        #expect(early.events[1].event.details == ["remaining_ms": 1, "until_ms": 10000, "rule": "anti_churn"])
        #expect(decide(set, shared, at: 10000).allow)
    }

    @Test("A7: the cooldown is the largest remaining time over every failing check")
    func largestRemaining() throws {
        let set = try load()
        let shared = SharedState()
        posttrade(set, shared, at: 0, side: .buy, filled: 0.02, oid: "A")
        posttrade(set, shared, at: 50, side: .sell, filled: 0.01, close: true, oid: "B")
        #expect(shared.position(for: btc)?.qty == 0.01)
        let d = decide(set, shared, at: 100, side: "sell")
        #expect(d.reason.rawValue == "cooldown_after_close_active")
        #expect(d.cooldownMs == 3_599_900)
        #expect(d.trace.steps[0].measured == 9950 && d.trace.steps[0].threshold == 10000)
    }

    @Test("no symbol skips by default; an invalid one is invalid_input", arguments: [
        (nil, "missing_input:order.symbol"), ("???", "invalid_input:order.symbol"),
    ] as [(String?, String)])
    func missingSymbol(symbol: String?, code: String) throws {
        let d = decide(try load(), SharedState(), at: 0) { $0.order.symbol = symbol }
        #expect(d.allow && d.diagnostics == [code])
    }

    @Test("an absent side with a position and a lock check is missing_input:order.side")
    func missingSide() throws {
        let set = try load(extra: "on_missing: deny")
        let shared = SharedState()
        posttrade(set, shared, at: 0, side: .buy, filled: 0.01, oid: "A")
        let d = decide(set, shared, at: 100000, side: nil)
        #expect(d.reason.rawValue == "missing_input:order.side" && d.hard)
        #expect(decide(set, SharedState(), at: 0, side: nil).allow)
    }

    @Test("a shadow rule keeps close cooldowns but records no open stamps and emits no type events")
    func shadow() throws {
        let set = try load(extra: "mode: shadow")
        let shared = SharedState()
        decide(set, shared, at: 0).commit()
        #expect(decide(set, shared, at: 1).reasons.isEmpty)
        let events = posttrade(set, shared, at: 10, side: .sell, filled: 0.01, close: true, oid: "A")
        #expect(events.isEmpty)
        let d = decide(set, shared, at: 20)
        #expect(d.allow && d.reasons == ["shadow:cooldown_after_close_active"])
        #expect(d.events.map(\.event.code) == ["RULE.SHADOW_DENY"])
    }

    @Test("a failed close starts no cooldown")
    func failedClose() throws {
        let set = try load()
        let report = TradeReport(symbol: btc, side: .sell, outcome: .failed, isClose: true)
        #expect(set.observe(report, accountMode: "testnet", shared: SharedState(), now: WallTime(ms: 0)).isEmpty)
        #expect(decide(set, SharedState(), at: 1).allow)
    }

    @Test("a reload keeps cooldowns and open stamps by reference")
    func reloadCarries() throws {
        let old = try load()
        let shared = SharedState()
        decide(old, shared, at: 0).commit()
        let new = try load(previous: old)
        #expect(new.states.values.first === old.states.values.first)
        #expect(decide(new, shared, at: 1000).reason.rawValue == "open_rate_limit")
        let state = try #require(new.states.values.first?.snapshot())
        #expect(state == ["cooldowns": [], "last_open_allow_ms": ["BTCUSDT": 0]])
    }

    @Test("param ranges are checked at load", arguments: [
        ("{cooldown_after_close_ms: -1}", "'cooldown_after_close_ms' must be ≥ 0 and ≤ 86400000, got -1"),
        ("{min_open_interval_ms: 86400001}", "'min_open_interval_ms' must be ≥ 0 and ≤ 86400000, got 86400001"),
        ("{min_position_hold_ms: -5}", "'min_position_hold_ms' must be ≥ 0 and ≤ 86400000, got -5"),
        ("{max_lock_ms: 0}", "'max_lock_ms' must be ≥ 1 and ≤ 604800000, got 0"),
    ])
    func ranges(params: String, message: String) {
        let text = InlineRuleSet.diagnostics(InlineRuleSet.single("anti_churn", params: params), registry: registry)
        #expect(text.contains("error: \(message) ["), "\(text)")
    }
}
