import Codec
import RuleEngine
import YAMLKit

extension RuleSetReloader.Report {
    /// `RULES.RELOADED` or `RULES.RELOAD_FAILED` (observability.md §3.5.5).
    var eventCode: String { succeeded ? "RULES.RELOADED" : "RULES.RELOAD_FAILED" }

    /// The event's `details`, `seq` first.
    func eventDetails(seq: UInt64) -> JSONObject {
        var d = JSONObject([("seq", .int(Int64(seq))), ("trigger", .string(trigger.rawValue))])
        switch outcome {
        case .failed(let active, let diagnostics, _):
            d.append("errors", .array(diagnostics.sorted.map(Self.diagnosticJSON)))
            d.append("kept_fingerprint", .string(active.identity.fingerprint))
        case .unchanged(let set):
            for (key, value) in Self.successFields(previous: set, current: set, diff: nil) { d.append(key, value) }
            d.append("needs_restart", .array(needsRestart.map { .string($0) }))
        case .reloaded(let previous, let current, let diff):
            for (key, value) in Self.successFields(previous: previous, current: current, diff: diff) {
                d.append(key, value)
            }
            d.append("needs_restart", .array(needsRestart.map { .string($0) }))
        }
        d.append("duration_ms", .double((durationMs * 1000).rounded() / 1000))
        return d
    }

    private static func successFields(previous: CompiledRuleSet, current: CompiledRuleSet,
                                      diff: RuleSetDiff?) -> [(String, JSONValue)] {
        [("changed", .bool(previous !== current)), ("ruleset", ReloadAnswer.rulesetJSON(current.identity)),
         ("previous_fingerprint", .string(previous.identity.fingerprint)),
         ("files", filesJSON(current.identity)), ("diff", diff?.json ?? RuleSetDiff.emptyJSON)]
    }

    /// `[{path, sha256}]` of every file of a rule set (rule-files.md §2.8).
    static func filesJSON(_ identity: RuleSetIdentity) -> JSONValue {
        .array(identity.files.map { .object(JSONObject([("path", .string($0.path)), ("sha256", .string($0.sha256))])) })
    }

    /// The diagnostic object of `aurora check --json`: `{file, line, col, severity, code, message, notes}`.
    static func diagnosticJSON(_ d: Diagnostic) -> JSONValue {
        .object(JSONObject([
            ("file", d.path.map { .string($0) } ?? .null),
            ("line", d.location.map { .int(Int64($0.line)) } ?? .null),
            ("col", d.location.map { .int(Int64($0.column)) } ?? .null),
            ("severity", .string(d.severity.rawValue)), ("code", .string(d.code.rawValue)),
            ("message", .string(d.message)), ("notes", .array(d.notes.map { .string($0) })),
        ]))
    }

    /// `POST /ops/reload`'s answer (http-api.md §6.5.7): 200 with the diff, or 422 with the diagnostics.
    var response: HTTPResponse {
        switch outcome {
        case .failed(_, let diagnostics, _):
            return .json(.unprocessableEntity, ReloadAnswer.failure(diagnostics).serialized())
        case .unchanged(let set):
            return .json(.ok, ReloadAnswer.success(previous: set, current: set, diff: nil, needsRestart: needsRestart,
                                                  durationMs: durationMs).serialized())
        case .reloaded(let previous, let current, let diff):
            return .json(.ok, ReloadAnswer.success(previous: previous, current: current, diff: diff,
                                                  needsRestart: needsRestart, durationMs: durationMs).serialized())
        }
    }

    /// `GET /ops/rules` `last_reload` (http-api.md §6.5.8).
    var lastReloadJSON: JSONValue {
        var errors: [JSONValue] = []
        if case .failed(_, let diagnostics, _) = outcome,
            case .object(let body) = ReloadAnswer.failure(diagnostics), case .array(let items)? = body["detail"] {
            errors = items
        }
        return .object(JSONObject([
            ("at", .string(RFC3339.milliseconds(at.ms))), ("trigger", .string(trigger.rawValue)),
            ("result", .string(succeeded ? "success" : "failure")), ("errors", .array(errors)),
        ]))
    }
}
