import Testing
@testable import Host

struct HostMetricsTests {
    private func metrics() -> HostMetrics {
        HostMetrics(loops: 2, version: "0.1.0", sha: "3f9c2ab", startTimeSeconds: 1767603600,
                    rulesLoadedAtMs: 1767603600000) {
            var g = HostMetrics.Gauges()
            g.openConnections = 3
            g.tradingState = "HALTED"
            g.rulesetName = "default"
            g.rulesetFingerprint = "sha256:49"
            g.rules = [("spread", "spread"), ("health_guard", "health_guard")]
            g.healthGuards = [("health_guard", ["ok": 1, "cooloff": 1])]
            return g
        }
    }

    /// The exposition with the `process_*` values (read from /proc) replaced by `V`.
    private func pinned(_ m: HostMetrics) -> String {
        m.exposition().split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("process_") && !line.hasPrefix("process_start") ? line.split(separator: " ")[0] + " V" : line
        }.joined(separator: "\n")
    }

    @Test func aFreshRegistryExposesEveryFamilyPreInitialised() {
        let m = metrics()
        m.rule(loop: 0, id: "spread", type: "spread", verdict: "deny", seconds: 3e-07, onError: nil, onMissing: nil)
        m.rule(loop: 1, id: "spread", type: "spread", verdict: "deny", seconds: 2e-07, onError: nil, onMissing: "deny")
        m.rule(loop: 1, id: "removed", type: "spread", verdict: "pass", seconds: 1e-07, onError: nil, onMissing: nil)
        m.decision(allow: false)
        m.http(loop: 0, route: "/pretrade/check", code: 200, seconds: 2e-05)
        m.http(loop: 1, route: nil, code: 400, seconds: 0)
        m.eventWritten(code: "RULE.DENY", loop: 0)
        m.writeError(file: "events")
        #expect(pinned(m) == """
            # HELP aurora_build_info Build information; the value is always 1.
            # TYPE aurora_build_info gauge
            aurora_build_info{version="0.1.0",sha="3f9c2ab"} 1
            # HELP aurora_decisions_total Pretrade decisions returned, by decision.
            # TYPE aurora_decisions_total counter
            aurora_decisions_total{decision="allow"} 0
            aurora_decisions_total{decision="deny"} 1
            # HELP aurora_orders_denied_total Pretrade checks answered with allow=false.
            # TYPE aurora_orders_denied_total counter
            aurora_orders_denied_total 1
            # HELP aurora_orders_success_total Posttrade reports classified as success.
            # TYPE aurora_orders_success_total counter
            aurora_orders_success_total 0
            # HELP aurora_orders_rejected_total Posttrade reports classified as failed.
            # TYPE aurora_orders_rejected_total counter
            aurora_orders_rejected_total 0
            # HELP aurora_posttrade_records_total Posttrade reports received, by classification.
            # TYPE aurora_posttrade_records_total counter
            aurora_posttrade_records_total{classification="failed"} 0
            aurora_posttrade_records_total{classification="neither"} 0
            aurora_posttrade_records_total{classification="success"} 0
            # HELP aurora_rule_verdicts_total Rule evaluations, by rule id, rule type and verdict.
            # TYPE aurora_rule_verdicts_total counter
            aurora_rule_verdicts_total{rule="health_guard",type="health_guard",verdict="deny"} 0
            aurora_rule_verdicts_total{rule="health_guard",type="health_guard",verdict="not_evaluated"} 0
            aurora_rule_verdicts_total{rule="health_guard",type="health_guard",verdict="pass"} 0
            aurora_rule_verdicts_total{rule="health_guard",type="health_guard",verdict="shadow_deny"} 0
            aurora_rule_verdicts_total{rule="health_guard",type="health_guard",verdict="skip"} 0
            aurora_rule_verdicts_total{rule="spread",type="spread",verdict="deny"} 2
            aurora_rule_verdicts_total{rule="spread",type="spread",verdict="not_evaluated"} 0
            aurora_rule_verdicts_total{rule="spread",type="spread",verdict="pass"} 0
            aurora_rule_verdicts_total{rule="spread",type="spread",verdict="shadow_deny"} 0
            aurora_rule_verdicts_total{rule="spread",type="spread",verdict="skip"} 0
            # HELP aurora_rule_errors_total Rule evaluations that failed internally, by the on_error policy applied.
            # TYPE aurora_rule_errors_total counter
            # HELP aurora_rule_missing_inputs_total Rule evaluations with a missing required input, by the on_missing policy applied.
            # TYPE aurora_rule_missing_inputs_total counter
            aurora_rule_missing_inputs_total{rule="spread",type="spread",on_missing="deny"} 1
            # HELP aurora_rule_duration_seconds Time spent evaluating one rule.
            # TYPE aurora_rule_duration_seconds histogram
            aurora_rule_duration_seconds_bucket{rule="spread",type="spread",le="1e-07"} 0
            aurora_rule_duration_seconds_bucket{rule="spread",type="spread",le="2.5e-07"} 1
            aurora_rule_duration_seconds_bucket{rule="spread",type="spread",le="5e-07"} 2
            aurora_rule_duration_seconds_bucket{rule="spread",type="spread",le="1e-06"} 2
            aurora_rule_duration_seconds_bucket{rule="spread",type="spread",le="2.5e-06"} 2
            aurora_rule_duration_seconds_bucket{rule="spread",type="spread",le="5e-06"} 2
            aurora_rule_duration_seconds_bucket{rule="spread",type="spread",le="1e-05"} 2
            aurora_rule_duration_seconds_bucket{rule="spread",type="spread",le="2.5e-05"} 2
            aurora_rule_duration_seconds_bucket{rule="spread",type="spread",le="5e-05"} 2
            aurora_rule_duration_seconds_bucket{rule="spread",type="spread",le="0.0001"} 2
            aurora_rule_duration_seconds_bucket{rule="spread",type="spread",le="0.001"} 2
            aurora_rule_duration_seconds_bucket{rule="spread",type="spread",le="+Inf"} 2
            aurora_rule_duration_seconds_sum{rule="spread",type="spread"} 5e-07
            aurora_rule_duration_seconds_count{rule="spread",type="spread"} 2
            # HELP aurora_http_requests_total HTTP responses sent, by route and status code.
            # TYPE aurora_http_requests_total counter
            aurora_http_requests_total{route="/pretrade/check",code="200"} 1
            aurora_http_requests_total{route="unmatched",code="400"} 1
            # HELP aurora_http_request_duration_seconds Time from a complete request to its response being handed to the kernel, by route.
            # TYPE aurora_http_request_duration_seconds histogram
            aurora_http_request_duration_seconds_bucket{route="/pretrade/check",le="5e-06"} 0
            aurora_http_request_duration_seconds_bucket{route="/pretrade/check",le="1e-05"} 0
            aurora_http_request_duration_seconds_bucket{route="/pretrade/check",le="2.5e-05"} 1
            aurora_http_request_duration_seconds_bucket{route="/pretrade/check",le="5e-05"} 1
            aurora_http_request_duration_seconds_bucket{route="/pretrade/check",le="0.0001"} 1
            aurora_http_request_duration_seconds_bucket{route="/pretrade/check",le="0.00025"} 1
            aurora_http_request_duration_seconds_bucket{route="/pretrade/check",le="0.0005"} 1
            aurora_http_request_duration_seconds_bucket{route="/pretrade/check",le="0.001"} 1
            aurora_http_request_duration_seconds_bucket{route="/pretrade/check",le="0.0025"} 1
            aurora_http_request_duration_seconds_bucket{route="/pretrade/check",le="0.005"} 1
            aurora_http_request_duration_seconds_bucket{route="/pretrade/check",le="0.01"} 1
            aurora_http_request_duration_seconds_bucket{route="/pretrade/check",le="0.025"} 1
            aurora_http_request_duration_seconds_bucket{route="/pretrade/check",le="0.1"} 1
            aurora_http_request_duration_seconds_bucket{route="/pretrade/check",le="1.0"} 1
            aurora_http_request_duration_seconds_bucket{route="/pretrade/check",le="+Inf"} 1
            aurora_http_request_duration_seconds_sum{route="/pretrade/check"} 2e-05
            aurora_http_request_duration_seconds_count{route="/pretrade/check"} 1
            aurora_http_request_duration_seconds_bucket{route="unmatched",le="5e-06"} 1
            aurora_http_request_duration_seconds_bucket{route="unmatched",le="1e-05"} 1
            aurora_http_request_duration_seconds_bucket{route="unmatched",le="2.5e-05"} 1
            aurora_http_request_duration_seconds_bucket{route="unmatched",le="5e-05"} 1
            aurora_http_request_duration_seconds_bucket{route="unmatched",le="0.0001"} 1
            aurora_http_request_duration_seconds_bucket{route="unmatched",le="0.00025"} 1
            aurora_http_request_duration_seconds_bucket{route="unmatched",le="0.0005"} 1
            aurora_http_request_duration_seconds_bucket{route="unmatched",le="0.001"} 1
            aurora_http_request_duration_seconds_bucket{route="unmatched",le="0.0025"} 1
            aurora_http_request_duration_seconds_bucket{route="unmatched",le="0.005"} 1
            aurora_http_request_duration_seconds_bucket{route="unmatched",le="0.01"} 1
            aurora_http_request_duration_seconds_bucket{route="unmatched",le="0.025"} 1
            aurora_http_request_duration_seconds_bucket{route="unmatched",le="0.1"} 1
            aurora_http_request_duration_seconds_bucket{route="unmatched",le="1.0"} 1
            aurora_http_request_duration_seconds_bucket{route="unmatched",le="+Inf"} 1
            aurora_http_request_duration_seconds_sum{route="unmatched"} 0
            aurora_http_request_duration_seconds_count{route="unmatched"} 1
            # HELP aurora_http_connections Open client connections.
            # TYPE aurora_http_connections gauge
            aurora_http_connections 3
            # HELP aurora_http_connections_refused_total Connections refused because the connection limit was reached.
            # TYPE aurora_http_connections_refused_total counter
            aurora_http_connections_refused_total 0
            # HELP aurora_rules_reload_total Rule reloads after startup, by result.
            # TYPE aurora_rules_reload_total counter
            aurora_rules_reload_total{result="failure"} 0
            aurora_rules_reload_total{result="success"} 0
            # HELP aurora_rules_last_reload_successful 1 if the last rule reload succeeded or none was attempted since startup, else 0.
            # TYPE aurora_rules_last_reload_successful gauge
            aurora_rules_last_reload_successful 1
            # HELP aurora_rules_last_reload_timestamp_seconds Unix time of the last successful rule load, at startup or by reload.
            # TYPE aurora_rules_last_reload_timestamp_seconds gauge
            aurora_rules_last_reload_timestamp_seconds 1767603600
            # HELP aurora_ruleset_info The active ruleset; the value is always 1.
            # TYPE aurora_ruleset_info gauge
            aurora_ruleset_info{name="default",fingerprint="sha256:49"} 1
            # HELP aurora_trading_state 1 for the current trading state, 0 for the others.
            # TYPE aurora_trading_state gauge
            aurora_trading_state{state="ACTIVE"} 0
            aurora_trading_state{state="HALTED"} 1
            aurora_trading_state{state="REDUCING"} 0
            # HELP aurora_health_guard_state Number of health guard scopes in each state, by rule.
            # TYPE aurora_health_guard_state gauge
            aurora_health_guard_state{rule="health_guard",state="cooloff"} 1
            aurora_health_guard_state{rule="health_guard",state="disarmed"} 0
            aurora_health_guard_state{rule="health_guard",state="halted"} 0
            aurora_health_guard_state{rule="health_guard",state="ok"} 1
            # HELP aurora_events_emitted_total Event records written, by event code.
            # TYPE aurora_events_emitted_total counter
            aurora_events_emitted_total{code="RULE.DENY"} 1
            # HELP aurora_events_dropped_total Event records not written, by reason.
            # TYPE aurora_events_dropped_total counter
            aurora_events_dropped_total{reason="debounce"} 0
            aurora_events_dropped_total{reason="queue_full"} 0
            aurora_events_dropped_total{reason="unknown_code"} 0
            aurora_events_dropped_total{reason="write_error"} 0
            # HELP aurora_log_write_errors_total Failed writes or syncs of a log or state file, by file.
            # TYPE aurora_log_write_errors_total counter
            aurora_log_write_errors_total{file="events"} 1
            aurora_log_write_errors_total{file="orders"} 0
            aurora_log_write_errors_total{file="orders_denied"} 0
            aurora_log_write_errors_total{file="orders_failed"} 0
            aurora_log_write_errors_total{file="orders_success"} 0
            aurora_log_write_errors_total{file="state"} 0
            # HELP aurora_ops_auth_fail_total OPS requests refused by authentication, by reason.
            # TYPE aurora_ops_auth_fail_total counter
            aurora_ops_auth_fail_total{reason="disabled"} 0
            aurora_ops_auth_fail_total{reason="invalid"} 0
            aurora_ops_auth_fail_total{reason="missing"} 0
            aurora_ops_auth_fail_total{reason="not_allowed"} 0
            # HELP aurora_ops_token_rotations_total Successful OPS token rotations.
            # TYPE aurora_ops_token_rotations_total counter
            aurora_ops_token_rotations_total 0
            # HELP aurora_prediction_requests_total Successful /predict requests.
            # TYPE aurora_prediction_requests_total counter
            aurora_prediction_requests_total 0
            # HELP aurora_prediction_latency_seconds Time to compute one /predict forecast.
            # TYPE aurora_prediction_latency_seconds histogram
            aurora_prediction_latency_seconds_bucket{le="1e-06"} 0
            aurora_prediction_latency_seconds_bucket{le="5e-06"} 0
            aurora_prediction_latency_seconds_bucket{le="1e-05"} 0
            aurora_prediction_latency_seconds_bucket{le="5e-05"} 0
            aurora_prediction_latency_seconds_bucket{le="0.0001"} 0
            aurora_prediction_latency_seconds_bucket{le="0.0005"} 0
            aurora_prediction_latency_seconds_bucket{le="0.001"} 0
            aurora_prediction_latency_seconds_bucket{le="0.01"} 0
            aurora_prediction_latency_seconds_bucket{le="0.1"} 0
            aurora_prediction_latency_seconds_bucket{le="+Inf"} 0
            aurora_prediction_latency_seconds_sum 0
            aurora_prediction_latency_seconds_count 0
            # HELP process_resident_memory_bytes Resident memory size in bytes.
            # TYPE process_resident_memory_bytes gauge
            process_resident_memory_bytes V
            # HELP process_start_time_seconds Start time of the process since unix epoch in seconds.
            # TYPE process_start_time_seconds gauge
            process_start_time_seconds 1767603600
            # HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
            # TYPE process_cpu_seconds_total counter
            process_cpu_seconds_total V
            # HELP process_open_fds Number of open file descriptors.
            # TYPE process_open_fds gauge
            process_open_fds V
            # HELP process_max_fds Maximum number of open file descriptors.
            # TYPE process_max_fds gauge
            process_max_fds V

            """)
    }

    @Test func theExpositionPassesPromtool() throws {
        let m = metrics()
        m.rule(loop: 0, id: "spread", type: "spread", verdict: "pass", seconds: 1e-06, onError: "deny", onMissing: nil)
        m.http(loop: 0, route: "/metrics", code: 200, seconds: 0.001)
        m.prediction(loop: 1, seconds: 2e-06)
        guard let result = try Promtool.checkMetrics(m.exposition()) else {
            print("promtool not found (run `make tools` or `make test`): skipping the promtool check")
            return
        }
        #expect(result.status == 0, "promtool check metrics:\n\(result.output)")
    }
}
