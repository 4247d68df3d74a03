import Glibc
import Synchronization

extension HostMetrics {
    /// The `/metrics` body (observability.md §8): families in the catalogue's order, series sorted by label values.
    public func exposition() -> String {
        var data = MetricShard.Data()
        for shard in shards { data.merge(shard.snapshot) }
        let g = currentGauges
        var out = PrometheusText()

        out.family("aurora_build_info", type: "gauge", help: "Build information; the value is always 1.")
        out.sample("aurora_build_info", [("version", version), ("sha", sha)], 1.0)
        out.family("aurora_decisions_total", type: "counter", help: "Pretrade decisions returned, by decision.")
        out.sample("aurora_decisions_total", [("decision", "allow")], decisionsAllow.load(ordering: .relaxed))
        out.sample("aurora_decisions_total", [("decision", "deny")], decisionsDeny.load(ordering: .relaxed))
        counter(&out, "aurora_orders_denied_total", "Pretrade checks answered with allow=false.", ordersDenied)
        counter(&out, "aurora_orders_success_total", "Posttrade reports classified as success.", ordersSuccess)
        counter(&out, "aurora_orders_rejected_total", "Posttrade reports classified as failed.", ordersRejected)
        out.family("aurora_posttrade_records_total", type: "counter",
                   help: "Posttrade reports received, by classification.")
        for (i, name) in Self.classifications.enumerated().sorted(by: { Self.less([$0.1], [$1.1]) }) {
            out.sample("aurora_posttrade_records_total", [("classification", name)], posttradeRecords[i])
        }

        let active = Set(g.rules.map { MetricShard.RuleLabels(rule: $0.id, type: $0.type) })
        var verdicts = data.verdicts.filter { active.contains($0.key.rule) }
        for rule in active { for v in Self.verdicts { verdicts[.init(rule: rule, value: v), default: 0] += 0 } }
        ruleFamily(&out, "aurora_rule_verdicts_total", "verdict",
                   "Rule evaluations, by rule id, rule type and verdict.", verdicts)
        ruleFamily(&out, "aurora_rule_errors_total", "on_error",
                   "Rule evaluations that failed internally, by the on_error policy applied.",
                   data.ruleErrors.filter { active.contains($0.key.rule) })
        ruleFamily(&out, "aurora_rule_missing_inputs_total", "on_missing",
                   "Rule evaluations with a missing required input, by the on_missing policy applied.",
                   data.missingInputs.filter { active.contains($0.key.rule) })
        out.family("aurora_rule_duration_seconds", type: "histogram", help: "Time spent evaluating one rule.")
        for (labels, h) in data.ruleDurations.filter({ active.contains($0.key) })
            .sorted(by: { Self.less([$0.key.rule, $0.key.type], [$1.key.rule, $1.key.type]) }) {
            out.histogram("aurora_rule_duration_seconds", [("rule", labels.rule), ("type", labels.type)], h)
        }

        out.family("aurora_http_requests_total", type: "counter", help: "HTTP responses sent, by route and status code.")
        for (labels, n) in data.httpRequests.sorted(by: {
            Self.less([$0.key.route, String($0.key.code)], [$1.key.route, String($1.key.code)])
        }) {
            out.sample("aurora_http_requests_total", [("route", labels.route), ("code", String(labels.code))], n)
        }
        out.family("aurora_http_request_duration_seconds", type: "histogram",
                   help: "Time from a complete request to its response being handed to the kernel, by route.")
        for (route, h) in data.httpDurations.sorted(by: { Self.less([$0.key], [$1.key]) }) {
            out.histogram("aurora_http_request_duration_seconds", [("route", route)], h)
        }
        out.family("aurora_http_connections", type: "gauge", help: "Open client connections.")
        out.sample("aurora_http_connections", [], Double(g.openConnections))
        out.family("aurora_http_connections_refused_total", type: "counter",
                   help: "Connections refused because the connection limit was reached.")
        out.sample("aurora_http_connections_refused_total", [], Double(g.refusedConnections))

        out.family("aurora_rules_reload_total", type: "counter", help: "Rule reloads after startup, by result.")
        out.sample("aurora_rules_reload_total", [("result", "failure")], reloadFailure.load(ordering: .relaxed))
        out.sample("aurora_rules_reload_total", [("result", "success")], reloadSuccess.load(ordering: .relaxed))
        out.family("aurora_rules_last_reload_successful", type: "gauge",
                   help: "1 if the last rule reload succeeded or none was attempted since startup, else 0.")
        out.sample("aurora_rules_last_reload_successful", [], Double(lastReloadSuccessful.load(ordering: .relaxed)))
        out.family("aurora_rules_last_reload_timestamp_seconds", type: "gauge",
                   help: "Unix time of the last successful rule load, at startup or by reload.")
        out.sample("aurora_rules_last_reload_timestamp_seconds", [], Double(lastReloadMs.load(ordering: .relaxed)) / 1000)
        out.family("aurora_ruleset_info", type: "gauge", help: "The active ruleset; the value is always 1.")
        out.sample("aurora_ruleset_info", [("name", g.rulesetName), ("fingerprint", g.rulesetFingerprint)], 1.0)
        out.family("aurora_trading_state", type: "gauge", help: "1 for the current trading state, 0 for the others.")
        for state in Self.tradingStates.sorted(by: { Self.less([$0], [$1]) }) {
            out.sample("aurora_trading_state", [("state", state)], state == g.tradingState ? 1.0 : 0.0)
        }
        out.family("aurora_health_guard_state", type: "gauge", help: "Number of health guard scopes in each state, by rule.")
        for (rule, states) in g.healthGuards.sorted(by: { Self.less([$0.rule], [$1.rule]) }) {
            for state in Self.healthGuardStates.sorted(by: { Self.less([$0], [$1]) }) {
                out.sample("aurora_health_guard_state", [("rule", rule), ("state", state)], Double(states[state] ?? 0))
            }
        }

        out.family("aurora_events_emitted_total", type: "counter", help: "Event records written, by event code.")
        for (code, n) in data.eventsEmitted.sorted(by: { Self.less([$0.key], [$1.key]) }) {
            out.sample("aurora_events_emitted_total", [("code", code)], n)
        }
        labelled(&out, "aurora_events_dropped_total", "reason", "Event records not written, by reason.",
                 Self.dropReasons, dropped)
        labelled(&out, "aurora_log_write_errors_total", "file", "Failed writes or syncs of a log or state file, by file.",
                 Self.logFiles, writeErrors)
        labelled(&out, "aurora_ops_auth_fail_total", "reason", "OPS requests refused by authentication, by reason.",
                 Self.authReasons, authFailures)
        counter(&out, "aurora_ops_token_rotations_total", "Successful OPS token rotations.", tokenRotations)
        counter(&out, "aurora_prediction_requests_total", "Successful /predict requests.", predictions)
        out.family("aurora_prediction_latency_seconds", type: "histogram", help: "Time to compute one /predict forecast.")
        out.histogram("aurora_prediction_latency_seconds", [], data.prediction)

        let process = ProcessStats.read()
        out.family("process_resident_memory_bytes", type: "gauge", help: "Resident memory size in bytes.")
        out.sample("process_resident_memory_bytes", [], process.residentBytes)
        out.family("process_start_time_seconds", type: "gauge",
                   help: "Start time of the process since unix epoch in seconds.")
        out.sample("process_start_time_seconds", [], startTimeSeconds)
        out.family("process_cpu_seconds_total", type: "counter", help: "Total user and system CPU time spent in seconds.")
        out.sample("process_cpu_seconds_total", [], process.cpuSeconds)
        out.family("process_open_fds", type: "gauge", help: "Number of open file descriptors.")
        out.sample("process_open_fds", [], process.openFDs)
        out.family("process_max_fds", type: "gauge", help: "Maximum number of open file descriptors.")
        out.sample("process_max_fds", [], process.maxFDs)
        return out.text
    }

    private func counter(_ out: inout PrometheusText, _ name: String, _ help: String, _ value: borrowing Atomic<UInt64>) {
        out.family(name, type: "counter", help: help)
        out.sample(name, [], value.load(ordering: .relaxed))
    }

    private func labelled(_ out: inout PrometheusText, _ name: String, _ label: String, _ help: String,
                          _ values: [String], _ counters: CounterSet) {
        out.family(name, type: "counter", help: help)
        for (i, value) in values.enumerated().sorted(by: { Self.less([$0.1], [$1.1]) }) {
            out.sample(name, [(label, value)], counters[i])
        }
    }

    private func ruleFamily(_ out: inout PrometheusText, _ name: String, _ label: String, _ help: String,
                            _ series: [MetricShard.LabelledRule: UInt64]) {
        out.family(name, type: "counter", help: help)
        for (key, n) in series.sorted(by: {
            Self.less([$0.key.rule.rule, $0.key.rule.type, $0.key.value], [$1.key.rule.rule, $1.key.rule.type, $1.key.value])
        }) {
            out.sample(name, [("rule", key.rule.rule), ("type", key.rule.type), (label, key.value)], n)
        }
    }

    /// Byte order of label values, label by label.
    static func less(_ a: [String], _ b: [String]) -> Bool {
        for (x, y) in zip(a, b) where x != y { return x.utf8.lexicographicallyPrecedes(y.utf8) }
        return a.count < b.count
    }
}
