import Codec
import Foundation
import Glibc
import RuleEngine
import Wire

extension Host {
    /// `logging.session_dir` with `<run_id>` replaced (default `logs/<run_id>`), without a trailing slash.
    static func sessionDirectory(_ template: String?, runID: String) -> String {
        var path = (template ?? "logs/<run_id>").replacingOccurrences(of: "<run_id>", with: runID)
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// `HEALTH.ERROR` for a state file refused at start (observability.md §3.5.1).
    static func stateFileError(path: String, _ problem: StateFile.Problem) -> JSONObject {
        let code = problem.kind == .unreadable ? EIO : EINVAL
        return JSONObject([("component", .string("state_file")), ("file", .string(path)),
                           ("errno", .int(Int64(code))), ("error", .string(problem.message))])
    }

    /// A finished reload (rule-files.md §6.2): `RULES.RELOADED` or `RULES.RELOAD_FAILED` (src `rules` after SIGHUP,
    /// `ops` after `POST /ops/reload`), the reload metrics, and the text form on the server log (stderr).
    static func record(_ report: RuleSetReloader.Report, environment env: APIEnvironment) {
        let seq = env.service.identity.nextSeq()
        let source: EventSource = report.trigger == .ops ? .ops : .rules
        if let record = env.events.record(report.eventCode, details: report.eventDetails(seq: seq), src: source,
                                          nowMs: report.at.ms) {
            env.committer.writeNow([record], background: report.trigger != .ops)
        }
        env.metrics.reload(success: report.succeeded, atMs: report.at.ms)
        FileHandle.standardError.write(Data(("aurora: " + report.text + "\n").utf8))
    }

    /// The persisted state as loaded (observability.md §9 keys), for `AURORA.STARTUP.OK.details.state`.
    func stateJSON() -> JSONValue {
        let v = shared.snapshot
        let t = v.trading
        let killSwitch = JSONObject([
            ("latched", .bool(t.latched)), ("since", t.sinceMs.map { .string(RFC3339.milliseconds($0)) } ?? .null),
            ("reason", t.reason.map { .string($0) } ?? .null), ("source", t.source.map { .string($0.rawValue) } ?? .null),
        ])
        var overrides = JSONObject()
        for (param, value) in v.riskOverrides.entries {
            overrides.append(param.rawValue, param.isInteger ? .int(Int64(value)) : .double(value))
        }
        let positions: [JSONValue] = shared.positions.map { entry in
            .object(JSONObject([("symbol", .string(entry.symbol.rawValue)), ("qty", .double(entry.position.qty)),
                                ("avg_price", .double(entry.position.averageEntryPrice)),
                                ("last_fill_price", .double(entry.position.lastFillPrice)),
                                ("since_ms", .int(entry.position.sinceMs))]))
        }
        let daily = shared.daily(at: WallTime(ms: startedAtMs))
        return .object(JSONObject([
            ("trading_state", .string(t.state.rawValue)), ("kill_switch", .object(killSwitch)), ("armed", .bool(v.armed)),
            ("risk_overrides", .object(overrides)), ("positions", .array(positions)),
            ("daily", .object(JSONObject([("day", .string(daily.day.isEmpty ? DailyPnl.utcDay(WallTime(ms: startedAtMs)) : daily.day)),
                                          ("realised_pnl_usdt", .double(daily.realisedPnlUsdt))]))),
        ]))
    }
}
