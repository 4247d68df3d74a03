import Foundation
import Testing

/// `aurora replay` (rule-files.md §9) on a hand-written events file in the observability.md §4 layout.
@Suite struct ReplayCommandTests {
    static func decision(seq: Int, now: Int64, spread: Double, allow: Bool, reason: String, rule: String?) -> String {
        let input = #"{"account":{"mode":"testnet"},"order":{"symbol":"BTCUSDT","side":"buy","qty":0.01,"price":60000.0},"market":{"latency_ms":1.0,"spread_bps":\#(spread),"score":1.0,"a_bps":0.0,"b_bps":10.0,"mid":60000.0,"pnl_today_pct":0.0,"open_positions":0,"vol_std_bps":5.0},"fees_bps":0.0}"#
        let rules = rule.map { #"[{"id":"\#($0)","type":"\#($0)","mode":"enforce","verdict":"deny","us":0.1}]"# } ?? "[]"
        return #"{"ts_ns":\#(now * 1_000_000),"run_id":"20250101-000000","event_code":"POLICY.DECISION","symbol":"BTCUSDT","cid":null,"oid":null,"side":"buy","order_type":null,"price":60000.0,"qty":0.01,"position_id":null,"details":{"seq":\#(seq),"decision_id":"20250101-000000-\#(seq)","now_ms":\#(now),"decision":"\#(allow ? "EXECUTE" : "NO_OP")","allow":\#(allow),"reason":"\#(reason)","rule":\#(rule.map { "\"\($0)\"" } ?? "null"),"reasons":[],"diagnostics":[],"hard_gate":false,"max_qty":\#(allow ? 0.01 : 0.0),"risk_scale":1.0,"cooldown_ms":0,"quotas":{},"mode":"testnet","ruleset":{"name":"default","fingerprint":"sha256:recorded"},"explain":false,"input":\#(input),"derived":{},"rules":\#(rules)},"src":"api"}"#
    }

    func session() throws -> (String, String) {
        let dir = NSTemporaryDirectory() + "aurora-replay-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let lines = [
            Self.decision(seq: 1, now: 1_735_689_600_000, spread: 70, allow: true, reason: "ok", rule: nil),
            Self.decision(seq: 2, now: 1_735_689_603_000, spread: 85, allow: false, reason: "spread_bps_too_wide:85.0", rule: "spread"),
            #"{"ts_ns":1,"run_id":"20250101-000000","event_code":"POLICY.DECISION","det"#,  // a torn last line
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/aurora_events.jsonl", atomically: true, encoding: .utf8)
        let original = try String(contentsOfFile: AuroraProcess.packageRoot + "/rules/default.yaml", encoding: .utf8)
        try original.replacingOccurrences(of: "params: {max_bps: 80}", with: "params: {max_bps: 60}")
            .write(toFile: dir + "/tight.yaml", atomically: true, encoding: .utf8)
        try original.replacingOccurrences(of: "params: {max_bps: 80}", with: "params: {max_bps: 90}")
            .write(toFile: dir + "/loose.yaml", atomically: true, encoding: .utf8)
        return (dir, original)
    }

    @Test func theSameRulesChangeNothing() throws {
        let (dir, _) = try session()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try AuroraProcess.run(["replay", "--json", "--rules", "rules/default.yaml", dir])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let totals = try #require(object["totals"] as? [String: Int])
        #expect(totals["replayed"] == 2 && totals["allow_deny"] == 0 && totals["deny_allow"] == 0)
        #expect((object["skipped"] as? [String: Int])?["unreadable"] == 1)
    }

    @Test func aTighterSpreadTurnsAnAllowIntoADeny() throws {
        let (dir, _) = try session()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try AuroraProcess.run(["replay", "--rules", dir + "/tight.yaml", "--examples", "1", dir + "/aurora_events.jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("replayed 2 decisions 2025-01-01T00:00:00Z … 2025-01-01T00:00:03Z from 1 file, 1 run"))
        #expect(r.stdout.contains("candidate DENY                   1               1"))
        #expect(r.stdout.contains("ALLOW→DENY (1), by the candidate's deciding rule\n  rule             symbol       count\n  spread           BTCUSDT          1"))
        #expect(r.stdout.contains("skipped 1 records: unreadable 1, no_input 0, invalid_input 0"))
        let loose = try AuroraProcess.run(["replay", "--json", "--rules", dir + "/loose.yaml", dir])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(loose.stdout.utf8)) as? [String: Any])
        let groups = try #require(object["deny_to_allow"] as? [[String: Any]])
        #expect(groups.first?["rule"] as? String == "spread" && groups.first?["count"] as? Int == 1)
    }

    @Test func usageErrors() throws {
        #expect(try AuroraProcess.run(["replay", "somewhere"]).status == 2)
        #expect(try AuroraProcess.run(["replay", "--rules", "rules/default.yaml"]).status == 2)
        #expect(try AuroraProcess.run(["replay", "--rules", "rules/default.yaml", "/nonexistent"]).status == 1)
    }
}
