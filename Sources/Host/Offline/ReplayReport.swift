public import Codec
import RuleEngine

/// The output of `aurora replay` (rule-files.md §9.3): text or JSON.
public enum ReplayReport {
    public static func text(_ r: DecisionReplayer.Report, candidateFiles: [String]) -> String {
        var lines: [String] = []
        let window = r.firstMs.map { "\(RFC3339.seconds($0)) … \(RFC3339.seconds(r.lastMs ?? $0))" } ?? "(no decisions)"
        lines.append("replayed \(r.replayed) decisions \(window) from \(r.files) file\(r.files == 1 ? "" : "s"), \(r.runs) run\(r.runs == 1 ? "" : "s")")
        lines.append("recorded under \(r.fingerprints.count) rule set\(r.fingerprints.count == 1 ? "" : "s"): "
            + r.fingerprints.map { "\($0.0) (\($0.1))" }.joined(separator: ", "))
        if let c = r.candidate {
            lines.append("candidate \(c.name) \(c.fingerprint) (\(candidateFiles.joined(separator: ", ")))")
        }
        lines.append("")
        lines.append("                    recorded ALLOW   recorded DENY")
        lines.append("candidate ALLOW " + pad(r.allowAllow, 18) + pad(r.denyAllow, 16))
        lines.append("candidate DENY  " + pad(r.allowDeny, 18) + pad(r.denyDeny, 16)
            + (r.denyDenyReasonChanged > 0 ? "   (\(r.denyDenyReasonChanged) with a different reason)" : ""))
        for (title, groups, total) in [("ALLOW→DENY", r.allowToDeny, r.allowDeny), ("DENY→ALLOW", r.denyToAllow, r.denyAllow)] {
            lines.append("")
            let by = title == "ALLOW→DENY" ? "the candidate's deciding rule" : "the recorded deciding rule"
            lines.append("\(title) (\(total)), by \(by)")
            if groups.isEmpty {
                lines.append("  none")
                continue
            }
            lines.append("  rule             symbol       count")
            for g in groups {
                lines.append("  " + g.rule.padding(16) + " " + g.symbol.padding(12) + pad(g.count, 6))
                for e in g.examples {
                    lines.append("      \(e.ts) req_id \(e.reqID ?? "-") \(e.symbol): \(e.recordedReason) → \(e.candidateReason)")
                }
            }
        }
        lines.append("")
        lines.append("max_qty changed on \(r.maxQtyChanged) ALLOW→ALLOW decisions")
        lines.append("skipped \(r.unreadable + r.noInput + r.invalidInput) records: unreadable \(r.unreadable), no_input \(r.noInput), invalid_input \(r.invalidInput)")
        return lines.joined(separator: "\n")
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }

    public static func json(_ r: DecisionReplayer.Report, candidateFiles: [String]) -> JSONValue {
        func groups(_ list: [DecisionReplayer.Group]) -> JSONValue {
            .array(list.map { g in
                .object(JSONObject([("rule", .string(g.rule)), ("type", .string(g.type)), ("symbol", .string(g.symbol)),
                                    ("count", .int(Int64(g.count))),
                                    ("examples", .array(g.examples.map { e in
                                        .object(JSONObject([("ts", .int(e.ts)), ("req_id", e.reqID.map { .string($0) } ?? .null),
                                                            ("symbol", .string(e.symbol)),
                                                            ("recorded_reason", .string(e.recordedReason)),
                                                            ("candidate_reason", .string(e.candidateReason))]))
                                    }))]))
            })
        }
        return .object(JSONObject([
            ("candidate", .object(JSONObject([("name", .string(r.candidate?.name ?? "")),
                                              ("fingerprint", .string(r.candidate?.fingerprint ?? "")),
                                              ("files", .array(candidateFiles.map { .string($0) }))]))),
            ("recorded", .object(JSONObject([("runs", .int(Int64(r.runs))),
                                             ("fingerprints", .object(JSONObject(r.fingerprints.map { ($0.0, .int(Int64($0.1))) })))]))),
            ("window", .object(JSONObject([("from", r.firstMs.map { .string(RFC3339.seconds($0)) } ?? .null),
                                           ("to", r.lastMs.map { .string(RFC3339.seconds($0)) } ?? .null)]))),
            ("totals", .object(JSONObject([
                ("replayed", .int(Int64(r.replayed))), ("allow_allow", .int(Int64(r.allowAllow))),
                ("allow_deny", .int(Int64(r.allowDeny))), ("deny_allow", .int(Int64(r.denyAllow))),
                ("deny_deny", .int(Int64(r.denyDeny))), ("deny_deny_reason_changed", .int(Int64(r.denyDenyReasonChanged))),
                ("max_qty_changed", .int(Int64(r.maxQtyChanged))),
            ]))),
            ("allow_to_deny", groups(r.allowToDeny)), ("deny_to_allow", groups(r.denyToAllow)),
            ("skipped", .object(JSONObject([("unreadable", .int(Int64(r.unreadable))), ("no_input", .int(Int64(r.noInput))),
                                            ("invalid_input", .int(Int64(r.invalidInput)))]))),
        ]))
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
