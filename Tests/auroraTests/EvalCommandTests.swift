import Foundation
import Testing

/// `aurora eval` (rule-files.md §8) on the shipped examples.
@Suite struct EvalCommandTests {
    static let now = "1767605400002"

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func printsTheResponseAsTheServerWould() throws {
        let r = try AuroraProcess.run(["eval", "--rules", "rules/default.yaml", "--input", "examples/allow.json", "--now", Self.now])
        #expect(r.status == 0, "\(r.stderr)")
        let body = try json(r.stdout)
        #expect(Array(body.keys).count == 8)
        #expect(body["allow"] as? Bool == true)
        #expect(body["reason"] as? String == "ok")
        #expect(body["max_qty"] as? Double == 0.01)
        let observability = try #require(body["observability"] as? [String: Any])
        #expect(observability["decision_id"] as? String == "20260105-093000-1")
        #expect(observability["req_id"] as? String == "rq-allow-1")
        #expect(observability["explain"] == nil)
        let ruleset = try #require(observability["ruleset"] as? [String: Any])
        #expect(ruleset["loaded_at"] as? String == "2026-01-05T09:30:00.002Z")
        #expect((ruleset["fingerprint"] as? String)?.hasPrefix("sha256:") == true)
        // key order of the wire format (http-api.md §4.4)
        #expect(r.stdout.hasPrefix(#"{"allow":true,"max_qty":0.01,"risk_scale":1.0,"cooldown_ms":0,"reason":"ok","hard_gate":false,"quotas":"#))
    }

    @Test func explainReportsTheDenyingRuleWithItsSource() throws {
        let r = try AuroraProcess.run(["eval", "--rules", "rules/default.yaml", "--input", "examples/deny_spread.json",
                                       "--now", Self.now, "--explain"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("ruleset   default  fingerprint sha256:"))
        #expect(lines[0].hasSuffix("  files rules/default.yaml"))
        #expect(lines[1] == "request   BTCUSDT buy qty 0.01 price 100000 reduce_only=false  account_mode testnet  req_id rq-deny-spread-1")
        #expect(lines[2] == "now       2026-01-05T09:30:00.002Z (1767605400002)")
        #expect(lines[3] == "state     trading ACTIVE  armed yes  position BTCUSDT flat  overrides none")
        #expect(lines.contains("  #  rule             type             mode     verdict      measured     threshold    reason / notes"))
        let spread = try #require(lines.firstIndex { $0.contains(" spread ") && $0.contains("DENY") })
        #expect(lines[spread].hasSuffix("enforce  DENY         80.1         80           spread_bps_too_wide:80.1"))
        #expect(lines[spread + 1].hasPrefix("       at        rules/default.yaml:"))
        #expect(lines[spread + 2] == "       params    max_bps=80")
        #expect(lines[spread + 3] == "       inputs    market.spread_bps=80.1")
        #expect(lines.contains("decision     DENY  reason spread_bps_too_wide:80.1  hard_gate false  max_qty 0  cooldown_ms 0  risk_scale 1"))
        #expect(lines.contains("reasons      spread_bps_too_wide:80.1"))
    }

    @Test func explainJSONAddsTheExplainObject() throws {
        let r = try AuroraProcess.run(["eval", "--rules", "rules/default.yaml", "--input", "examples/deny_spread.json",
                                       "--now", Self.now, "--explain", "--json"])
        #expect(r.status == 0)
        let observability = try #require(try json(r.stdout)["observability"] as? [String: Any])
        let explain = try #require(observability["explain"] as? [String: Any])
        #expect(explain["now_ms"] as? Int == 1_767_605_400_002)
        let derived = try #require(explain["derived"] as? [String: Any])
        #expect(derived["price_ref_source"] as? String == "order.price")
        #expect(derived["notional_usdt"] as? Double == 1000)
        let rules = try #require(explain["rules"] as? [[String: Any]])
        let spread = try #require(rules.first { $0["id"] as? String == "spread" })
        #expect(spread["verdict"] as? String == "deny")
        #expect(spread["entries"] as? [String] == ["spread_bps_too_wide:80.1"])
        #expect((spread["source"] as? String)?.hasPrefix("rules/default.yaml:") == true)
        #expect(spread["params"] as? [String: Double] == ["max_bps": 80])
        #expect(spread["inputs"] as? [String: Double] == ["market.spread_bps": 80.1])
    }

    @Test func failOnDenyExits3AndAMissingInputIsAHardDeny() throws {
        let r = try AuroraProcess.run(["eval", "--rules", "rules/default.yaml", "--input", "examples/missing_latency.json",
                                       "--now", Self.now, "--fail-on-deny"])
        #expect(r.status == 3)
        let body = try json(r.stdout)
        #expect(body["reason"] as? String == "missing_input:market.latency_ms")
        #expect(body["hard_gate"] as? Bool == true)
    }

    @Test func anInvalidBodyPrintsThe422DetailAndExits1() throws {
        let r = try AuroraProcess.run(["eval", "--rules", "rules/default.yaml", "--now", Self.now],
                                      stdin: #"{"account":{},"order":{"qty":-1},"market":{}}"#)
        #expect(r.status == 1)
        #expect(r.stdout == #"{"detail":[{"type":"greater_than_equal","loc":["body","order","qty"],"msg":"Input should be greater than or equal to 0","input":-1,"ctx":{"ge":0}}]}"# + "\n")
    }

    @Test func aBadNowIsAUsageError() throws {
        let r = try AuroraProcess.run(["eval", "--now", "yesterday"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("aurora eval: --now takes an RFC 3339 UTC time or epoch milliseconds, got 'yesterday'"))
    }
}
