import Codec
import RuleEngine
import Synchronization

extension HealthGuardGate: StatusReporting {
    /// `{"scope": "global"|"symbol", "scopes": {"<key>": snapshot}, "state": snapshot, "worst": phase}`: the
    /// per-scope snapshots of `GET /ops/state` (keys sorted), their aggregate (http-api.md §6.4: `cooloff_until`
    /// max, including the manual cooloff even without any scope; `halted` any; `samples`, `warns_5m` sums; `p95_ms`
    /// max over the scopes that have one) and the worst state for `/readiness` (`disarmed` > `halted` > `cooloff` >
    /// `ok`). Param keys are this instance's params.
    func status(now: WallTime, shared: SharedState) -> JSONValue {
        let armed = shared.armed
        return store.store.withLock { store in
            let entries = store.scopes.entries.sorted { $0.key < $1.key }
            var scopes = JSONObject()
            var cooloffEnd = store.manualCooloffUntil
            var halted = false, samples = 0, warns = 0
            var p95: Double?
            var worst = HealthGuardState.Scope().phase(now: now.ms, manual: store.manualCooloffUntil)
            for (key, scope) in entries {
                scopes.append(key, snapshot(of: scope, manual: store.manualCooloffUntil, now: now.ms, armed: armed))
                cooloffEnd = max(cooloffEnd, scope.cooloffEnd(manual: store.manualCooloffUntil))
                halted = halted || scope.halted
                samples += scope.samples.count
                warns += scope.recentWarns(now: now.ms, horizonS: config.warnHorizonS)
                if let last = scope.lastP95 { p95 = max(p95 ?? last, last) }
                let phase = scope.phase(now: now.ms, manual: store.manualCooloffUntil)
                if Self.severity(phase) > Self.severity(worst) { worst = phase }
            }
            if !armed { worst = .disarmed }
            let aggregate = snapshotObject(armed: armed, cooloffEnd: cooloffEnd, halted: halted, samples: samples,
                                           warns: warns, p95: p95)
            return .object(JSONObject([("scope", .string(config.scope.rawValue)), ("scopes", .object(scopes)),
                                       ("state", aggregate), ("worst", .string(worst.rawValue))]))
        }
    }

    /// One scope's snapshot (http-api.md §6.4), keys in the documented order.
    func snapshot(of scope: HealthGuardState.Scope, manual: Int64, now: Int64, armed: Bool) -> JSONValue {
        snapshotObject(armed: armed, cooloffEnd: scope.cooloffEnd(manual: manual), halted: scope.halted,
                       samples: scope.samples.count, warns: scope.recentWarns(now: now, horizonS: config.warnHorizonS),
                       p95: scope.lastP95)
    }

    private func snapshotObject(armed: Bool, cooloffEnd: Int64, halted: Bool, samples: Int, warns: Int,
                                p95: Double?) -> JSONValue {
        .object(JSONObject([
            ("armed", .bool(armed)), ("cooloff_until", .double(Double(cooloffEnd) / 1000)), ("halted", .bool(halted)),
            ("samples", .int(Int64(samples))), ("warns_5m", .int(Int64(warns))),
            ("threshold_ms", .double(config.thresholdMs)), ("window_sec", .int(Int64(config.windowS))),
            ("base_cooloff_sec", .int(Int64(config.cooloffS))), ("halt_threshold_repeats", .int(Int64(config.haltRepeats))),
            ("min_samples", .int(Int64(config.minSamples))), ("p95_ms", p95.map { .double($0) } ?? .null),
        ]))
    }

    private static func severity(_ phase: HealthGuardState.Scope.Phase) -> Int {
        switch phase {
        case .ok: 0
        case .cooloff: 1
        case .halted: 2
        case .disarmed: 3
        }
    }
}
