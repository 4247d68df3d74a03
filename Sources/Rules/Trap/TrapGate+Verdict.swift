import Codec
import RuleEngine

extension TrapGate {
    /// The verdict, strings, trace values, explain details, events and the `observability.trap` section.
    func verdict(_ o: TrapMath.Outcome, tradesCount: Int64) -> Verdict {
        let p = config.math
        var notes: [String] = []
        if o.flat { notes.append("trap_flat_history") }
        if !o.warm && (o.zCondition || o.conflictCondition) { notes.append("trap_warmup:\(o.nHistory)/\(p.minHistory)") }
        let section: JSONValue = .object(JSONObject([
            ("trap_z", .double(o.trapZ)), ("cancel_rate", .double(o.cancelRate)), ("repl_rate", .double(o.replRate)),
            ("n_trades", .int(tradesCount)), ("trap_score", .double(o.trapScore)),
        ]))
        var evidence = Evidence(measured: o.trapZ, threshold: p.zThreshold, notes: notes, details: details(o),
                                sections: [(key: "trap", value: section)])
        guard o.zFlag || o.conflictFlag || o.scoreFlag else { return .pass(evidence) }

        let scoreEntry = "trap_guard_score:\(Format.fixed(o.trapScore, 2))>\(Format.fixed(p.scoreThreshold, 2))"
        var entries: [String] = []
        if o.zFlag || o.conflictFlag {
            entries.append(o.zFlag ? "trap_guard:z=\(Format.fixed(o.trapZ, 2))" : "trap_guard:conflict")
            evidence.events.append(RuleEvent(code: "POLICY.TRAP_BLOCK", level: "WARNING", details: JSONObject([
                ("trap_z", .double(o.trapZ)), ("cancel_rate", .double(o.cancelRate)), ("repl_rate", .double(o.replRate)),
                ("n_trades", .int(tradesCount)),
            ])))
        } else {
            evidence.measured = o.trapScore
            evidence.threshold = p.scoreThreshold
        }
        if o.scoreFlag {
            entries.append(scoreEntry)
            evidence.events.append(RuleEvent(code: "POLICY.TRAP_GUARD", level: "WARNING", details: JSONObject([
                ("trap_score", .double(o.trapScore)), ("threshold", .double(p.scoreThreshold)),
            ])))
        }
        let code: ReasonCode = o.zFlag || o.conflictFlag ? "trap_guard" : "trap_guard_score"
        return .deny(Denial(code: code, entries: entries, hard: false, evidence: evidence))
    }

    private func details(_ o: TrapMath.Outcome) -> JSONObject {
        JSONObject([
            ("cancel_sum", .double(o.cancelSum)), ("add_sum", .double(o.addSum)), ("cancel_rate", .double(o.cancelRate)),
            ("repl_rate", .double(o.replRate)), ("trap_raw", .double(o.trapRaw)), ("n_history", .int(Int64(o.nHistory))),
            ("p10", .double(o.p10)), ("p50", .double(o.p50)), ("p90", .double(o.p90)), ("trap_z", .double(o.trapZ)),
            ("p_cancel", .double(o.pCancel)), ("conflict", .bool(o.conflict)), ("warm", .bool(o.warm)),
            ("cancel_ratio", .double(o.cancelRatio)), ("repl_ms_proxy", .double(o.replMsProxy)),
            ("trap_score", .double(o.trapScore)), ("z_flag", .bool(o.zFlag)), ("conflict_flag", .bool(o.conflictFlag)),
            ("score_flag", .bool(o.scoreFlag)),
        ])
    }
}
