import AuroraTesting
import Codec
import RuleEngine
import Rules
import Testing

/// gates.md §4: boundary table H1–H6 (defaults, scope global, requests 100 ms apart), the state machine step by step
/// with explicit `now` values, operator actions, scopes, reload carry-over and the params' load-time rules.
@Suite struct HealthGuardGateTests {
    static let t0: Int64 = 1_735_689_600_000
    let registry = RuleRegistry.standard()

    /// One health_guard rule set and the process-wide state it reads.
    struct Guard {
        var set: CompiledRuleSet
        let shared: SharedState

        init(params: String = "{}", extra: String = "", shared: SharedState = SharedState()) throws {
            set = try InlineRuleSet.load(InlineRuleSet.single("health_guard", params: params, extra: extra),
                                         registry: RuleRegistry.standard())
            self.shared = shared
        }

        func send(_ latency: Double?, at t: Int64, symbol: String? = "BTCUSDT", reduceOnly: Bool? = nil,
                  side: String = "buy") -> Decision {
            set.evaluate(.fixture(now: HealthGuardGateTests.t0 + t, shared: shared) {
                $0.market.latencyMs = latency
                $0.order.symbol = symbol
                $0.order.reduceOnly = reduceOnly
                $0.order.side = side
            })
        }

        /// Sends `count` requests 100 ms apart starting at `t`; returns the decisions.
        func burst(_ latency: Double, count: Int, from t: Int64, symbol: String? = "BTCUSDT") -> [Decision] {
            (0..<count).map { send(latency, at: t + Int64($0) * 100, symbol: symbol) }
        }

        func status(at t: Int64) -> JSONValue {
            (set.steps[0].base as! any StatusReporting).status(now: WallTime(ms: HealthGuardGateTests.t0 + t), shared: shared)
        }

        func apply(_ command: OperatorCommand, at t: Int64) -> [Decision.Event]? {
            set.apply(command, now: WallTime(ms: HealthGuardGateTests.t0 + t))
        }
    }

    func codes(_ d: Decision) -> [String] { d.events.map(\.event.code) }

    @Test("H1: the 20th slow sample trips a 120 s cooloff (soft, cooldown-type); the 19 before pass") func h1() throws {
        let g = try Guard()
        let first = g.burst(31, count: 19, from: 0)
        #expect(first.allSatisfy { $0.allow })
        #expect(first.allSatisfy { $0.trace.steps[0].measured == nil })
        let d = g.send(31, at: 1900)
        #expect(!d.allow)
        #expect(d.reason.rawValue == "latency_cooloff")
        #expect(d.reasons == ["latency_cooloff"])
        #expect(!d.hard)
        #expect(d.cooldownMs == 120_000)
        #expect(d.trace.steps[0].measured == 31)
        #expect(d.trace.steps[0].threshold == 30)
        #expect(codes(d) == ["RULE.DENY", "HEALTH.LATENCY_P95_HIGH", "AURORA.ESCALATION"])
        #expect(d.events[1].event.details == JSONObject([("p95_ms", .double(31)), ("threshold", .double(30)),
                                                          ("samples", .int(20)), ("scope", .string("*"))]))
        let escalation = d.events[2].event.details
        #expect(escalation["rule"] == .string("health_guard"))
        #expect(escalation["from"] == .string("ok") && escalation["to"] == .string("cooloff"))
        #expect(escalation["state"]?["cooloff_until"] == .double(Double(Self.t0 + 1900 + 120_000) / 1000))
        #expect(escalation["state"]?["samples"] == .int(0))
        #expect(d.trace.steps[0].details == JSONObject([
            ("scope_key", .string("*")), ("samples", .int(20)), ("p95", .double(31)), ("warned", .bool(true)),
            ("state_before", .string("ok")), ("state_after", .string("cooloff")),
            ("cooloff_until_ms", .int(Self.t0 + 1900 + 120_000)),
        ]))
        // Inside the cooloff: denied with the remaining time, no further escalation event.
        let later = g.send(1, at: 2000)
        #expect(later.reason.rawValue == "latency_cooloff")
        #expect(later.cooldownMs == 119_900)
        #expect(codes(later) == ["RULE.DENY"])
    }

    @Test("H2: a p95 equal to the threshold never trips (strict >)") func h2() throws {
        let g = try Guard()
        let decisions = g.burst(30.0, count: 20, from: 0)
        #expect(decisions.allSatisfy { $0.allow })
        #expect(decisions[19].trace.steps[0].measured == 30)
    }

    @Test("H3: one outlier in twenty gives p95 15.95 and passes; two give 300 and trip") func h3() throws {
        let one = try Guard()
        _ = one.burst(1, count: 19, from: 0)
        let passed = one.send(300, at: 1900)
        #expect(passed.allow)
        #expect(passed.trace.steps[0].measured == 15.950000000000212)
        let two = try Guard()
        _ = two.burst(1, count: 18, from: 0)
        #expect(two.send(300, at: 1800).allow)
        let denied = two.send(300, at: 1900)
        #expect(denied.reason.rawValue == "latency_cooloff")
        #expect(denied.cooldownMs == 120_000)
    }

    @Test("H4: the cooloff ends at exactly +120000 ms and the samples were cleared") func h4() throws {
        let g = try Guard()
        _ = g.burst(31, count: 20, from: 0)
        #expect(g.send(1, at: 1900 + 119_999).reason.rawValue == "latency_cooloff")
        let d = g.send(1, at: 1900 + 120_000)
        #expect(d.allow)
        #expect(d.trace.steps[0].details["samples"] == .int(2))
    }

    @Test("H5: fresh slow samples during the cooloff halt (hard, no cooldown) until POST /ops/reset") func h5() throws {
        let g = try Guard()
        _ = g.burst(31, count: 20, from: 0)
        let during = g.burst(31, count: 20, from: 2000)
        #expect(during.prefix(19).allSatisfy { $0.reason.rawValue == "latency_cooloff" })
        let halted = during[19]
        #expect(halted.reason.rawValue == "latency_halt")
        #expect(halted.hard)
        #expect(halted.cooldownMs == 0)
        #expect(codes(halted) == ["RULE.DENY", "HEALTH.LATENCY_P95_HIGH", "AURORA.ESCALATION"])
        #expect(halted.events[2].event.details["from"] == .string("cooloff"))
        #expect(halted.events[2].event.details["to"] == .string("halted"))
        // Latched: long after the cooloff, still halted.
        #expect(g.send(1, at: 1_000_000).reason.rawValue == "latency_halt")
        #expect(g.apply(.reset, at: 1_000_100)?.isEmpty == true)
        let after = g.send(1, at: 1_000_200)
        #expect(after.allow)
        #expect(after.trace.steps[0].details["samples"] == .int(1))
    }

    @Test("H6: disarmed denies hard, also while halted; the armed flag is read from shared state") func h6Disarm() throws {
        let shared = SharedState()
        let g = try Guard(params: "{halt_repeats: 1}", shared: shared)
        shared.update { $0.armed = false }
        let d = g.send(1, at: 0)
        #expect(d.reason.rawValue == "latency_disarmed")
        #expect(d.hard)
        #expect(d.cooldownMs == 0)
        _ = g.burst(31, count: 20, from: 100)
        #expect(g.send(1, at: 5000).reason.rawValue == "latency_disarmed")
        shared.update { $0.armed = true }
        #expect(g.send(1, at: 5100).reason.rawValue == "latency_halt")
    }

    @Test("H6: a manual cooloff denies with the remaining time (soft) and emits only AURORA.COOL_OFF") func h6Manual() throws {
        let g = try Guard()
        let events = try #require(g.apply(.cooloff(seconds: 60), at: 0))
        #expect(events.map(\.event.code) == ["AURORA.COOL_OFF"])
        #expect(events[0].event.details == JSONObject([("until", .double(Double(Self.t0 + 60_000) / 1000)),
                                                        ("sec", .int(60))]))
        let d = g.send(1, at: 59_999)
        #expect(d.reason.rawValue == "latency_cooloff")
        #expect(d.cooldownMs == 1)
        #expect(!d.hard)
        #expect(codes(d) == ["RULE.DENY"])
        #expect(g.send(1, at: 60_000).allow)
    }

    @Test("a manual cooloff never shortens one in force, and sec ≤ 0 changes nothing") func manualMax() throws {
        let g = try Guard()
        _ = g.apply(.cooloff(seconds: 60), at: 0)
        let shorter = try #require(g.apply(.cooloff(seconds: 10), at: 1000))
        #expect(shorter[0].event.details["until"] == .double(Double(Self.t0 + 60_000) / 1000))
        let none = try #require(g.apply(.cooloff(seconds: 0), at: 2000))
        #expect(none[0].event.details["until"] == .double(Double(Self.t0 + 60_000) / 1000))
        #expect(none[0].event.details["sec"] == .int(0))
        let fresh = try Guard()
        #expect(try #require(fresh.apply(.cooloff(seconds: -5), at: 0))[0].event.details["until"] == .double(0))
        #expect(fresh.send(1, at: 1).allow)
    }

    @Test("a warn during a manual cooloff halts (cooloff → halted)") func warnDuringManual() throws {
        let g = try Guard(params: "{halt_repeats: 5}")
        _ = g.apply(.cooloff(seconds: 600), at: 0)
        let d = g.burst(31, count: 20, from: 100)[19]
        #expect(d.reason.rawValue == "latency_halt")
        #expect(d.events[2].event.details["from"] == .string("cooloff"))
    }

    @Test("halt_repeats warns within the horizon halt even after the cooloff ended (ok → halted)") func repeatsHalt() throws {
        let g = try Guard(params: "{cooloff_s: 1, min_samples: 2}")
        #expect(g.burst(31, count: 2, from: 0)[1].reason.rawValue == "latency_cooloff")
        let d = g.burst(31, count: 2, from: 10_000)[1]
        #expect(d.reason.rawValue == "latency_halt")
        #expect(d.events[2].event.details["from"] == .string("ok"))
        #expect(d.events[2].event.details["to"] == .string("halted"))
    }

    @Test("a warn older than warn_horizon_s no longer counts; one exactly that old still does",
          arguments: [(300_100 as Int64, "latency_halt"), (300_101, "latency_cooloff")])
    func horizon(second: Int64, reason: String) throws {
        let g = try Guard(params: "{cooloff_s: 1, min_samples: 2}")
        _ = g.burst(31, count: 2, from: 0)  // the warn at t = 100
        let d = g.burst(31, count: 2, from: second - 100)[1]
        #expect(d.reason.rawValue == reason)
    }

    @Test("halt_repeats 1: the first warn halts directly") func haltRepeatsOne() throws {
        let g = try Guard(params: "{halt_repeats: 1, min_samples: 1}")
        let d = g.send(31, at: 0)
        #expect(d.reason.rawValue == "latency_halt")
        #expect(d.events.map(\.event.code) == ["RULE.DENY", "HEALTH.LATENCY_P95_HIGH", "AURORA.ESCALATION"])
    }

    @Test("cooloff_s 0: a single warn records a warn but denies nothing") func zeroCooloff() throws {
        let g = try Guard(params: "{cooloff_s: 0, min_samples: 1}")
        let d = g.send(31, at: 0)
        #expect(d.allow)
        #expect(d.trace.steps[0].details["warned"] == .bool(true))
        #expect(g.send(31, at: 100).reason.rawValue == "latency_halt")
    }

    @Test("a sample exactly window_s old is kept; one older is dropped", arguments: [(1000 as Int64, false), (1001, true)])
    func window(second: Int64, allowed: Bool) throws {
        let g = try Guard(params: "{window_s: 1, min_samples: 2}")
        #expect(g.send(31, at: 0).allow)
        #expect(g.send(31, at: second).allow == allowed)
    }

    @Test("max_samples drops the oldest samples") func maxSamples() throws {
        let g = try Guard(params: "{min_samples: 3, max_samples: 3}")
        let decisions = g.burst(1, count: 5, from: 0)
        #expect(decisions[4].trace.steps[0].details["samples"] == .int(3))
    }

    @Test("a request without latency records nothing, is still enforced, and reports the last p95") func noLatency() throws {
        let g = try Guard()
        _ = g.burst(1, count: 20, from: 0)
        let passing = g.send(nil, at: 2000)
        #expect(passing.allow)
        #expect(passing.trace.steps[0].measured == 1)
        #expect(passing.trace.steps[0].details["samples"] == .int(20))
        #expect(passing.trace.steps[0].details["p95"] == .null)
        _ = g.burst(31, count: 20, from: 3000)
        let denied = g.send(nil, at: 6000)
        #expect(denied.reason.rawValue == "latency_cooloff")
        #expect(denied.trace.steps[0].measured == nil)
    }

    @Test("shadow mode evolves the same state but never blocks and emits only RULE.SHADOW_DENY") func shadow() throws {
        let g = try Guard(extra: "mode: shadow")
        _ = g.burst(31, count: 19, from: 0)
        let d = g.send(31, at: 1900)
        #expect(d.allow)
        #expect(d.trace.steps[0].verdict == .shadowDeny)
        #expect(d.reasons == ["shadow:latency_cooloff"])
        #expect(codes(d) == ["RULE.SHADOW_DENY"])
        #expect(g.send(1, at: 2000).trace.steps[0].verdict == .shadowDeny)
    }

    @Test("a reducing order is exempt: no sample, and neither cooloff, halt nor disarm blocks it") func reducing() throws {
        var values = SharedState.Values()
        values.positions[Symbol(canonicalizing: "BTCUSDT")!] = Position(qty: 1, sinceMs: 0, lastFillPrice: 60000,
                                                                        averageEntryPrice: 60000)
        values.armed = false
        let g = try Guard(params: "{min_samples: 1, halt_repeats: 1}", shared: SharedState(values))
        let d = g.send(31, at: 0, reduceOnly: true, side: "sell")
        #expect(d.allow)
        #expect(d.diagnostics == ["reducing_order_exempt:health_guard"])
        g.shared.update { $0.armed = true }
        #expect(g.send(1, at: 100).allow)
    }

    @Test("scope symbol: each symbol has its own window; no valid symbol uses '*'") func symbolScope() throws {
        let g = try Guard(params: "{scope: symbol, min_samples: 2}")
        _ = g.burst(31, count: 2, from: 0, symbol: "ETHUSDT")
        #expect(g.send(1, at: 300, symbol: "ETHUSDT").reason.rawValue == "latency_cooloff")
        #expect(g.send(1, at: 300, symbol: "BTCUSDT").allow)
        let star = g.burst(31, count: 2, from: 400, symbol: nil)[1]
        #expect(star.reason.rawValue == "latency_cooloff")
        #expect(star.events[1].event.details["scope"] == .string("*"))
        #expect(g.send(1, at: 600, symbol: "not a symbol!").reason.rawValue == "latency_cooloff")
        let status = g.status(at: 700)
        #expect(status["scope"] == .string("symbol"))
        #expect(status["scopes"]?.objectValue?.keys == ["*", "BTCUSDT", "ETHUSDT"])
        #expect(status["worst"] == .string("cooloff"))
    }

    @Test("the manual cooloff applies to every scope, also symbols first seen after the call") func manualAllScopes() throws {
        let g = try Guard(params: "{scope: symbol}")
        _ = g.apply(.cooloff(seconds: 10), at: 0)
        #expect(g.send(1, at: 1, symbol: "SOLUSDT").reason.rawValue == "latency_cooloff")
        #expect(g.status(at: 2)["state"]?["cooloff_until"] == .double(Double(Self.t0 + 10_000) / 1000))
    }

    @Test("POST /ops/reset clears samples, warns, cooloffs, halt and the last p95 in every scope") func reset() throws {
        let g = try Guard(params: "{scope: symbol, min_samples: 2, halt_repeats: 1}")
        _ = g.burst(31, count: 2, from: 0, symbol: "ETHUSDT")
        _ = g.burst(1, count: 2, from: 0, symbol: "BTCUSDT")
        _ = g.apply(.cooloff(seconds: 60), at: 300)
        _ = g.apply(.reset, at: 400)
        let status = g.status(at: 500)
        #expect(status["state"] == [
            "armed": true, "cooloff_until": 0.0, "halted": false, "samples": 0, "warns_5m": 0, "threshold_ms": 30.0,
            "window_sec": 60, "base_cooloff_sec": 120, "halt_threshold_repeats": 1, "min_samples": 2, "p95_ms": nil,
        ])
        #expect(g.send(1, at: 600, symbol: "ETHUSDT").allow)
        // Two fresh samples are needed before anything can trip again.
        #expect(g.send(31, at: 700, symbol: "ETHUSDT").allow)
    }

    @Test("the status snapshot has the documented keys in order, aggregated over scopes") func statusSnapshot() throws {
        let g = try Guard()
        _ = g.burst(31, count: 20, from: 0)
        _ = g.burst(1, count: 3, from: 2000)
        let status = g.status(at: 2300)
        #expect(status["state"] == [
            "armed": true, "cooloff_until": .double(Double(Self.t0 + 1900 + 120_000) / 1000), "halted": false,
            "samples": 3, "warns_5m": 1, "threshold_ms": 30.0, "window_sec": 60, "base_cooloff_sec": 120,
            "halt_threshold_repeats": 2, "min_samples": 20, "p95_ms": 31.0,
        ])
        #expect(status["worst"] == .string("cooloff"))
        g.shared.update { $0.armed = false }
        #expect(g.status(at: 2300)["worst"] == .string("disarmed"))
    }

    @Test("reload keeps the state by reference; a changed scope resets it") func reload() throws {
        var g = try Guard()
        _ = g.burst(31, count: 20, from: 0)
        let old = g.set
        g.set = try InlineRuleSet.load(InlineRuleSet.single("health_guard", params: "{threshold_ms: 50}"),
                                       registry: registry, previous: old)
        #expect(g.set.states.values.first === old.states.values.first)
        #expect(g.send(1, at: 2000).reason.rawValue == "latency_cooloff")
        g.set = try InlineRuleSet.load(InlineRuleSet.single("health_guard", params: "{scope: symbol}"),
                                       registry: registry, previous: g.set)
        #expect(g.set.states.values.first !== old.states.values.first)
        #expect(g.send(1, at: 2100).allow)
    }

    @Test("an off rule keeps the state it took over for its successor") func offKeepsState() throws {
        var g = try Guard()
        _ = g.burst(31, count: 20, from: 0)
        g.set = try InlineRuleSet.load(InlineRuleSet.single("health_guard", extra: "mode: off"), registry: registry,
                                       previous: g.set)
        g.set = try InlineRuleSet.load(InlineRuleSet.single("health_guard"), registry: registry, previous: g.set)
        #expect(g.send(1, at: 2000).reason.rawValue == "latency_cooloff")
    }

    @Test("params outside their ranges are refused at load", arguments: [
        ("{threshold_ms: 0}", "'threshold_ms' must be > 0 and ≤ 600000, got 0"),
        ("{window_s: 0}", "'window_s' must be ≥ 1 and ≤ 3600, got 0"),
        ("{window_s: 3601}", "'window_s' must be ≥ 1 and ≤ 3600, got 3601"),
        ("{cooloff_s: -1}", "'cooloff_s' must be ≥ 0 and ≤ 86400, got -1"),
        ("{halt_repeats: 101}", "'halt_repeats' must be ≥ 1 and ≤ 100, got 101"),
        ("{warn_horizon_s: 0}", "'warn_horizon_s' must be ≥ 1 and ≤ 86400, got 0"),
        ("{min_samples: 0}", "'min_samples' must be ≥ 1 and ≤ max_samples, got 0"),
        ("{max_samples: 1000001}", "'max_samples' must be ≥ 1 and ≤ 1000000, got 1000001"),
    ])
    func ranges(params: String, message: String) {
        let text = InlineRuleSet.diagnostics(InlineRuleSet.single("health_guard", params: params), registry: registry)
        #expect(text.contains("error: \(message) [out-of-range]"))
    }

    @Test("scope is global or symbol; min_samples above max_samples is a param conflict") func crossParams() {
        let scope = InlineRuleSet.diagnostics(InlineRuleSet.single("health_guard", params: "{scope: account}"),
                                              registry: registry)
        #expect(scope.contains("error: 'scope' must be one of global, symbol, got 'account' [invalid-value]"))
        let conflict = InlineRuleSet.diagnostics(
            InlineRuleSet.single("health_guard", params: "{min_samples: 30, max_samples: 20}"), registry: registry)
        #expect(conflict.contains(
            "error: 'min_samples' (30) cannot exceed 'max_samples' (20): no p95 would ever be computed [param-conflict]"))
    }

    @Test("per-scope params are overridable only with scope: symbol; window params never",
          arguments: [("global", "threshold_ms", true), ("symbol", "threshold_ms", false), ("symbol", "cooloff_s", false),
                      ("symbol", "window_s", true), ("symbol", "max_samples", true), ("global", "min_samples", true)])
    func overridability(scope: String, param: String, refused: Bool) {
        let yaml = InlineRuleSet.single("health_guard", params: "{scope: \(scope)}", extra: """
            overrides:
              - match: {symbols: [BTCUSDT]}
                params: {\(param): 10}
            """)
        let text = InlineRuleSet.diagnostics(yaml, registry: registry)
        let message = "error: '\(param)' of type health_guard cannot be overridden per symbol or account mode [param-not-overridable]"
        #expect(text.contains(message) == refused)
    }

    @Test("on_missing has no effect on health_guard: the loader warns") func onMissingIgnored() {
        let text = InlineRuleSet.diagnostics(InlineRuleSet.single("health_guard", extra: "on_missing: skip"),
                                             registry: registry)
        #expect(text.contains("warning: on_missing has no effect on type health_guard: it has no required inputs [on-missing-ignored]"))
    }
}
