import Codec
import RuleEngine
import Testing
import YAMLKit

/// gates.md §2.4 and http-api.md §6.5.4–§6.5.5: runtime risk overrides, their ranges, the snapshot and RISK.UPDATE.
@Suite struct RiskOverridesTests {
    /// The default.yaml risk_caps params (rule-files.md §5) in table order, as `PipelineStep.params` holds them.
    let base: [(name: String, value: PlainValue)] = [
        ("dd_day_pct", .number(10)), ("max_concurrent", .integer(10)), ("size_scale", .number(1)),
        ("trades_per_minute", .integer(10)), ("trades_per_minute_global", .integer(30)),
        ("price_collar_bps", .number(100)), ("max_order_notional_usdt", .number(1000)),
        ("max_symbol_exposure_usdt", .null), ("notional_action", .string("clip")),
        ("min_order_notional_usdt", .number(5)),
    ]

    @Test("the snapshot applies overrides, drops nulls and keeps table order")
    func snapshot() throws {
        let shared = SharedState()
        _ = try shared.setRisk([(.maxConcurrent, 3), (.sizeScale, 0.2)], reset: false, reason: nil, base: base)
        let (risk, overrides) = shared.riskSnapshot(base: base)
        #expect(risk.keys == ["dd_day_pct", "max_concurrent", "size_scale", "trades_per_minute",
                              "trades_per_minute_global", "price_collar_bps", "max_order_notional_usdt",
                              "notional_action", "min_order_notional_usdt"])
        #expect(risk["max_concurrent"] == .int(3))
        #expect(risk["size_scale"] == .double(0.2))
        #expect(overrides == ["max_concurrent", "size_scale"])
    }

    @Test("RISK.UPDATE lists only changed effective values, size_scale clipped")
    func changed() throws {
        let shared = SharedState()
        let first = try shared.setRisk([(.sizeScale, 5), (.ddDayPct, 0)], reset: false, reason: "calm", base: base)
        // size_scale 5 clips to 1.0, its current effective value: not listed.
        #expect(first.changed == ["dd_day_pct": [10.0, 0.0]])
        #expect(first.overridesChanged)
        #expect(first.event.code == "RISK.UPDATE")
        #expect(first.event.details.keys == ["risk", "changed", "reason", "reset"])
        #expect(first.event.details["reason"] == "calm")
        let second = try shared.setRisk([(.sizeScale, 0.2)], reset: true, reason: nil, base: base)
        #expect(second.changed == ["dd_day_pct": [0.0, 10.0], "size_scale": [1.0, 0.2]])
        #expect(shared.riskOverrides.entries.map(\.param) == [.sizeScale])
        let nothing = try shared.setRisk([], reset: false, reason: nil, base: base)
        #expect(nothing.changed.isEmpty && !nothing.overridesChanged)
    }

    @Test("values POST /risk/set refuses change nothing", arguments: [
        (RiskOverrides.Param.ddDayPct, -0.1, "'dd_day_pct' must be ≥ 0 and ≤ 100, got -0.1"),
        (.maxConcurrent, 1.5, "'max_concurrent' must be an integer ≥ 0 and ≤ 100000, got 1.5"),
        (.tradesPerMinute, 0, "'trades_per_minute' must be an integer ≥ 1 and ≤ 100000, got 0.0"),
        (.tradesPerMinuteGlobal, 1_000_001, "'trades_per_minute_global' must be an integer ≥ 1 and ≤ 1000000, got 1000001.0"),
        (.priceCollarBps, 0, "'price_collar_bps' must be > 0 and ≤ 100000, got 0.0"),
        (.sizeScale, .infinity, "'size_scale' must be a number (clipped to [0, 1]), got inf"),
    ])
    func rejected(param: RiskOverrides.Param, value: Double, message: String) {
        let shared = SharedState()
        let error = #expect(throws: RiskOverrides.Rejection.self) {
            _ = try shared.setRisk([(.sizeScale, 0.5), (param, value)], reset: false, reason: nil, base: base)
        }
        #expect(error?.description == message)
        #expect(shared.riskOverrides.isEmpty)
    }

    @Test("zero is accepted for dd_day_pct, max_concurrent and min_order_notional_usdt",
          arguments: [RiskOverrides.Param.ddDayPct, .maxConcurrent, .minOrderNotionalUsdt])
    func zeroAccepted(param: RiskOverrides.Param) {
        #expect(param.accepts(0))
    }
}
