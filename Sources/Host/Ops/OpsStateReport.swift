import Codec
import RuleEngine

/// `GET /ops/state` (http-api.md §6.5.9), keys in the documented order: the trading state and kill switch, the
/// per-rule state of governance, health_guard and anti_churn rules, the risk book, the log and the state file.
enum OpsStateReport {
    static func body(_ ops: OpsService, now: WallTime) -> JSONValue {
        let env = ops.env
        let shared = env.service.shared
        let set = env.service.store.current
        let trading = shared.trading
        let killSwitch = JSONObject([
            ("latched", .bool(trading.latched)),
            ("since", trading.sinceMs.map { .string(RFC3339.milliseconds($0)) } ?? .null),
            ("reason", trading.reason.map { .string($0) } ?? .null),
            ("source", trading.source.map { .string($0.rawValue) } ?? .null),
        ])
        var governance = JSONObject()
        var healthGuard = JSONObject()
        var antiChurn = JSONObject()
        for step in set.steps {
            let id = step.key.id.rawValue
            switch step.key.type.rawValue {
            case "governance": governance.append(id, step.base.state?.snapshot() ?? .object([:]))
            case "anti_churn": antiChurn.append(id, step.base.state?.snapshot() ?? .object([:]))
            case "health_guard":
                let status = (step.base as? any StatusReporting)?.status(now: now, shared: shared)
                healthGuard.append(id, .object(JSONObject([("scope", status?["scope"] ?? .null),
                                                           ("scopes", status?["scopes"] ?? .object([:]))])))
            default: break
            }
        }
        let failed = env.committer.sink.failedStreams.sorted()
        let log = JSONObject([
            ("writable", .bool(failed.isEmpty)),
            ("last_error", failed.isEmpty ? .null
                : .string("writing " + failed.map(\.fileName).joined(separator: ", ") + " failed")),
            ("session_dir", .string(ops.sessionDirectory)),
        ])
        let stateFile = JSONObject([
            ("status", .string(env.state?.status ?? "fresh")),
            ("last_write", env.state?.persister.lastWriteMs.map { .string(RFC3339.milliseconds($0)) } ?? .null),
        ])
        return .object(JSONObject([
            ("status", .string("ok")), ("trading_state", .string(trading.state.rawValue)),
            ("kill_switch", .object(killSwitch)), ("enforced", .bool(ops.actions.enforced)),
            ("governance", .object(governance)), ("health_guard", .object(healthGuard)),
            ("risk", risk(shared, set: set, now: now)), ("anti_churn", .object(antiChurn)), ("log", .object(log)),
            ("state_file", .object(stateFile)), ("ruleset", ReloadAnswer.rulesetJSON(set.identity)),
        ]))
    }

    private static func risk(_ shared: SharedState, set: CompiledRuleSet, now: WallTime) -> JSONValue {
        var overrides = JSONObject()
        for (param, value) in shared.riskOverrides.entries {
            overrides.append(param.rawValue, param.isInteger ? .int(Int64(value)) : .double(value))
        }
        let positions: [JSONValue] = shared.positions.map { entry in
            let p = entry.position
            return .object(JSONObject([
                ("symbol", .string(entry.symbol.rawValue)), ("side", p.side.map { .string($0.rawValue) } ?? .null),
                ("qty", .double(p.qty)), ("avg_price", .double(p.averageEntryPrice)),
                ("exposure_usdt", .double(p.exposureUsdt)), ("since_ms", .int(p.sinceMs)),
            ]))
        }
        let daily = shared.daily(at: now)
        let dailyJSON = JSONObject([("day", .string(daily.day.isEmpty ? DailyPnl.utcDay(now) : daily.day)),
                                    ("realised_pnl_usdt", .double(daily.realisedPnlUsdt))])
        let stamps = set.steps.first { $0.key.type == OperatorActions.riskCaps }?.base.state?.snapshot()
        func recent(_ value: JSONValue?) -> Int64 {
            Int64((value?.arrayValue ?? []).count { ($0.intValue ?? .min) > now.ms - 60_000 })
        }
        var perSymbol = JSONObject()
        for (symbol, list) in stamps?["per_symbol"]?.objectValue ?? JSONObject() { perSymbol.append(symbol, .int(recent(list))) }
        let trades = JSONObject([("global", .int(recent(stamps?["global"]))), ("per_symbol", .object(perSymbol))])
        return .object(JSONObject([("overrides", .object(overrides)), ("positions", .array(positions)),
                                   ("daily", .object(dailyJSON)), ("trades_last_minute", .object(trades))]))
    }
}
