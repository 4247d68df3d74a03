import RuleEngine
import YAMLKit

extension HealthGuardGate {
    struct Factory: RuleFactory {
        static let thresholdMs = ConfigKey<Double>(
            "threshold_ms", default: 30, unit: "ms", range: "> 0 and ≤ 600000",
            help: "warn when the p95 of the window is above this (strict: equal passes)",
            isValid: { $0 > 0 && $0 <= 600_000 })
        static let windowS = ConfigKey<Int>(
            "window_s", default: 60, unit: "s", range: "≥ 1 and ≤ 3600",
            help: "samples older than this are dropped from the p95 window",
            isValid: { $0 >= 1 && $0 <= 3600 })
        static let cooloffS = ConfigKey<Int>(
            "cooloff_s", default: 120, unit: "s", range: "≥ 0 and ≤ 86400",
            help: "how long a first warn denies with latency_cooloff",
            isValid: { $0 >= 0 && $0 <= 86_400 })
        static let haltRepeats = ConfigKey<Int>(
            "halt_repeats", default: 2, unit: "warns", range: "≥ 1 and ≤ 100",
            help: "this many warns within warn_horizon_s latch latency_halt until POST /ops/reset",
            isValid: { $0 >= 1 && $0 <= 100 })
        static let warnHorizonS = ConfigKey<Int>(
            "warn_horizon_s", default: 300, unit: "s", range: "≥ 1 and ≤ 86400",
            help: "warns older than this no longer count toward halt_repeats",
            isValid: { $0 >= 1 && $0 <= 86_400 })
        static let minSamples = ConfigKey<Int>(
            "min_samples", default: 20, unit: "samples", range: "≥ 1 and ≤ max_samples",
            help: "no p95 is computed (nothing can trip) with fewer samples in the window",
            isValid: { $0 >= 1 })
        static let maxSamples = ConfigKey<Int>(
            "max_samples", default: 10_000, unit: "samples", range: "≥ 1 and ≤ 1000000",
            help: "the oldest samples beyond this are dropped",
            isValid: { $0 >= 1 && $0 <= 1_000_000 })
        static let scope = ConfigKey<String>(
            "scope", default: "global", allowed: Config.ScopeKind.allCases.map(\.rawValue),
            help: "one sample window for every request (global) or one per canonical symbol (symbol)")

        static let info = RuleTypeInfo(
            name: "health_guard", summary: "p95 latency escalation: cooloff → halt",
            params: [.init(thresholdMs.info, overridable: .onlyWithSymbolScope), .init(windowS.info, overridable: .no),
                     .init(cooloffS.info, overridable: .onlyWithSymbolScope),
                     .init(haltRepeats.info, overridable: .onlyWithSymbolScope),
                     .init(warnHorizonS.info, overridable: .no),
                     .init(minSamples.info, overridable: .onlyWithSymbolScope),
                     .init(maxSamples.info, overridable: .no), .init(scope.info, overridable: .no)],
            inputs: ["market.latency_ms", "order.symbol"], defaultOnMissing: nil, reducingOrders: .exempt,
            warningWhenNotEnforced: .init(
                code: .missingHealthGuard,
                message: "no health_guard rule in enforce mode: POST /aurora/disarm and POST /ops/cooloff will have no effect",
                reportedOffline: true))

        func parseConfig(_ params: inout ConfigReader) -> Config? {
            let thresholdMs = params.read(Self.thresholdMs)
            let windowS = params.read(Self.windowS)
            let cooloffS = params.read(Self.cooloffS)
            let haltRepeats = params.read(Self.haltRepeats)
            let warnHorizonS = params.read(Self.warnHorizonS)
            let minSamples = params.read(Self.minSamples)
            let maxSamples = params.read(Self.maxSamples)
            let scope = Config.ScopeKind(rawValue: params.read(Self.scope)) ?? .global
            if minSamples > maxSamples {
                params.reject("min_samples", code: .paramConflict,
                              "'min_samples' (\(minSamples)) cannot exceed 'max_samples' (\(maxSamples)): no p95 would ever be computed")
            }
            guard !params.diagnostics.hasErrors else { return nil }
            return Config(thresholdMs: thresholdMs, windowS: windowS, cooloffS: cooloffS, haltRepeats: haltRepeats,
                          warnHorizonS: warnHorizonS, minSamples: minSamples, maxSamples: maxSamples, scope: scope)
        }

        /// Reuses the carried state unless `scope` changed (gates.md §4: a change of scope resets the state).
        func makeRule(id: RuleID, config: Config, carrying state: (any RuleState)?) -> any Rule {
            let carried = (state as? HealthGuardState).flatMap { $0.scope == config.scope ? $0 : nil }
            return HealthGuardGate(id: id, config: config, store: carried ?? HealthGuardState(scope: config.scope))
        }
    }
}
