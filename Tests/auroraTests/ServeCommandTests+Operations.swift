import Codec
import Foundation
import Glibc
import Synchronization
import Testing

/// `aurora serve` operated as in production: the state file across SIGKILL and restarts, a corrupt state file,
/// SIGHUP storms under load, `aurora replay` on the session it wrote, and a token that never leaks.
extension ServeCommandTests {
    static let token = "serve-test-token-0123456789-abcdef"

    static let opsRules = rules + """

          - id: governance
            type: governance
          - id: risk_caps
            type: risk_caps
        """

    static func pretrade(spread: Double, id: Int = 1) -> String {
        """
        {"ts":1767605399998,"req_id":"rq-\(id)","account":{"mode":"testnet"},"order":{"symbol":"BTCUSDT",\
        "side":"buy","type":"LIMIT","qty":0.01,"price":100000.0,"reduce_only":false,"client_order_id":"ws-\(id)"},\
        "market":{"latency_ms":1.0,"spread_bps":\(spread),"score":1.0,"a_bps":0.0,"b_bps":10.0,"slip_bps_est":0.5,\
        "pnl_today_pct":-1.2,"open_positions":1,"quote_ts_ms":1767605399990},"fees_bps":1.0}
        """
    }

    static func ops(_ port: Int, _ method: String, _ path: String, body: String? = nil,
                    token: String = token) throws -> JSONValue {
        let response = try Serve.request(port, method, path, body: body, headers: [("X-OPS-TOKEN", token)])
        return try JSONReader.parse(Array(response.body.utf8))
    }

    @Test func aHaltSurvivesASIGKILLAndARestart() throws {
        let dir = try Scratch()
        let rules = try dir.write("rules.yaml", Self.opsRules)
        let env = ["AURORA_OPS_TOKEN": Self.token, "AURORA_STATE_PATH": dir.path + "/state/aurora_state.json"]
        let first = try Serve(["--rules", rules, "--listen", "127.0.0.1:0", "--session-dir", dir.path + "/s1"],
                              environment: env)
        #expect(first.banner[3] == "OPS enabled (token from env AURORA_OPS_TOKEN)")
        let halted = try Serve.request(first.port, "POST", "/ops/halt", body: #"{"reason":"incident #42"}"#,
                                       headers: [("X-OPS-TOKEN", Self.token)])
        #expect(halted.body == #"{"status":"ok","trading_state":"HALTED","previous":"ACTIVE","enforced":true}"#)
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        let second = try Serve(["--rules", rules, "--listen", "127.0.0.1:0", "--session-dir", dir.path + "/s2"],
                               environment: env)
        defer { _ = second.stop(SIGTERM) }
        let state = try Self.ops(second.port, "GET", "/ops/state")
        #expect(state["trading_state"] == "HALTED")
        #expect(state["kill_switch"]?["reason"] == "incident #42")
        #expect(state["state_file"]?["status"] == "loaded")
        let check = try JSONReader.parse(Array(try Serve.request(second.port, "POST", "/pretrade/check",
                                                                 body: Self.pretrade(spread: 1)).body.utf8))
        #expect(check["allow"] == false)
        let status = try AuroraProcess.run(["ops", "status"], environment: [
            "AURORA_OPS_TOKEN": Self.token, "AURORA_GATE_URL": "http://127.0.0.1:\(second.port)",
        ])
        #expect(status.status == 0)
        #expect(status.stdout.hasPrefix("trading state  HALTED since "), "\(status.stdout)")
        #expect(status.stdout.contains("(source ops, reason \"incident #42\")\nkill switch    latched\n"))
    }

    @Test func aCorruptStateFileStartsHalted() throws {
        let dir = try Scratch()
        let rules = try dir.write("rules.yaml", Self.opsRules)
        let statePath = try dir.write("aurora_state.json", #"{"version":1,"trading_state":"ACTIVE"#)
        let serve = try Serve(["--rules", rules, "--listen", "127.0.0.1:0", "--session-dir", dir.path + "/s"],
                              environment: ["AURORA_STATE_PATH": statePath, "AURORA_OPS_TOKEN": Self.token],
                              stderr: dir.path + "/stderr.txt")
        defer { _ = serve.stop(SIGTERM) }
        let readiness = try JSONReader.parse(Array(try Serve.request(serve.port, "GET", "/readiness").body.utf8))
        #expect(readiness["trading_state"] == "HALTED")
        #expect(readiness["checks"]?["state"] == "corrupt_at_start")
        let stderr = try String(contentsOfFile: dir.path + "/stderr.txt", encoding: .utf8)
        #expect(stderr.contains("aurora: state file '\(statePath)' could not be used: starting HALTED (kill switch "
            + "latched, source startup); POST /ops/resume to leave\n"), "\(stderr)")
        let state = try Self.ops(serve.port, "GET", "/ops/state")
        #expect(state["kill_switch"]?["source"] == "startup")
        let resumed = try Self.ops(serve.port, "POST", "/ops/resume", body: #"{"reason":"file checked"}"#)
        #expect(resumed["trading_state"] == "ACTIVE")
    }

    @Test func aHundredSIGHUPsUnderLoadFailNoRequestAndTheLastFileIsServed() throws {
        let dir = try Scratch()
        let variants = [Self.rules, Self.rules.replacingOccurrences(of: "max_bps: 80", with: "max_bps: 95")]
        let rules = try dir.write("rules.yaml", variants[0])
        let serve = try Serve(["--rules", rules, "--listen", "127.0.0.1:0", "--session-dir", dir.path + "/s"],
                              stderr: dir.path + "/stderr.txt")
        let pid = serve.process.processIdentifier
        let port = serve.port
        func fingerprint() -> String? {
            let body = try? Serve.request(port, "GET", "/health").body
            return (try? JSONReader.parse(Array((body ?? "").utf8)))?["ruleset"]?["fingerprint"]?.stringValue
        }
        func install(_ index: Int) throws {
            try variants[index].write(toFile: rules + ".tmp", atomically: false, encoding: .utf8)
            rename(rules + ".tmp", rules)
        }
        let initial = try #require(fingerprint())
        try install(1)
        kill(pid, SIGHUP)
        #expect(eventually { fingerprint() != initial })
        let last = try #require(fingerprint())
        let failed = Atomic<Int>(0)
        let served = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        let workers = (0..<4).map { worker in
            Thread {
                var i = 0
                while !stop.load(ordering: .relaxed) {
                    i += 1
                    let response = try? Serve.request(port, "POST", "/pretrade/check",
                                                      body: Self.pretrade(spread: 2, id: worker * 100_000 + i))
                    if response?.status == 200 { served.add(1, ordering: .relaxed) } else { failed.add(1, ordering: .relaxed) }
                }
            }
        }
        for worker in workers { worker.start() }
        for n in 0..<100 {
            try install(n % 2)
            kill(pid, SIGHUP)
            usleep(2_000)
        }
        #expect(eventually { fingerprint() == last })
        stop.store(true, ordering: .relaxed)
        #expect(eventually { workers.allSatisfy(\.isFinished) })
        #expect(failed.load(ordering: .relaxed) == 0)
        #expect(served.load(ordering: .relaxed) > 0)
        #expect(serve.stop(SIGTERM) == 0)
        let events = try String(contentsOfFile: dir.path + "/s/aurora_events.jsonl", encoding: .utf8)
        #expect(events.contains(#""event_code":"RULES.RELOADED""#))
        #expect(events.contains(#""trigger":"sighup""#))
        #expect(!events.contains("RULES.RELOAD_FAILED"))
        let stderr = try String(contentsOfFile: dir.path + "/stderr.txt", encoding: .utf8)
        #expect(stderr.contains("aurora: reload ok: default \(initial) → \(last) ("))
    }

    @Test func replayOnTheEventsOfARealSessionReportsWhatATighterSpreadChanges() throws {
        let dir = try Scratch()
        let rules = try dir.write("rules.yaml", Self.rules)
        let tight = try dir.write("tight.yaml", Self.rules.replacingOccurrences(of: "max_bps: 80", with: "max_bps: 60"))
        let serve = try Serve(["--rules", rules, "--listen", "127.0.0.1:0", "--session-dir", dir.path + "/s"])
        for (index, spread) in [10.0, 50.0, 65.0, 70.0, 79.0, 85.0].enumerated() {
            #expect(try Serve.request(serve.port, "POST", "/pretrade/check",
                                      body: Self.pretrade(spread: spread, id: index)).status == 200)
        }
        #expect(serve.stop(SIGTERM) == 0)
        let same = try AuroraProcess.run(["replay", "--json", "--rules", rules, dir.path + "/s"])
        #expect(same.status == 0, "\(same.stderr)")
        let sameTotals = try JSONReader.parse(Array(same.stdout.utf8))["totals"]
        #expect(sameTotals?["replayed"] == 6 && sameTotals?["allow_deny"] == 0 && sameTotals?["deny_allow"] == 0)
        let replay = try AuroraProcess.run(["replay", "--json", "--rules", tight, dir.path + "/s"])
        #expect(replay.status == 0, "\(replay.stderr)")
        let report = try JSONReader.parse(Array(replay.stdout.utf8))
        #expect(report["totals"] == .object(JSONObject([
            ("replayed", 6), ("allow_allow", 2), ("allow_deny", 3), ("deny_allow", 0), ("deny_deny", 1),
            ("deny_deny_reason_changed", 0), ("max_qty_changed", 0),
        ])))
        #expect(report["allow_to_deny"] == .array([.object(JSONObject([
            ("rule", "spread"), ("type", "spread"), ("symbol", "BTCUSDT"), ("count", 3), ("examples", .array([])),
        ]))]))
        #expect(report["recorded"]?["runs"] == 1)
    }

    @Test func theOPSTokenAppearsInNoOutputLogMetricOrErrorBody() throws {
        let dir = try Scratch()
        let rules = try dir.write("rules.yaml", Self.opsRules)
        let rotated = "rotated-secret-token-ZYXWVUTSRQ-7777"
        let statePath = dir.path + "/state.json"
        let serve = try Serve(["--rules", rules, "--listen", "127.0.0.1:0", "--session-dir", dir.path + "/s"],
                              environment: ["AURORA_OPS_TOKEN": Self.token, "AURORA_STATE_PATH": statePath],
                              stderr: dir.path + "/stderr.txt")
        var seen: [String] = serve.banner
        let port = serve.port
        for token in [Self.token + "x", String(Self.token.dropLast()), Self.token] {
            for (method, path, body) in [("GET", "/ops/state", nil), ("POST", "/ops/halt", "{}"),
                                         ("POST", "/ops/resume", #"{"reason":"r"}"#), ("POST", "/risk/set", #"{"x":1}"#),
                                         ("POST", "/ops/cooloff/abc", nil)] {
                seen.append(try Serve.request(port, method, path, body: body, headers: [("X-OPS-TOKEN", token)]).body)
            }
        }
        let env = ["AURORA_OPS_TOKEN": Self.token, "AURORA_GATE_URL": "http://127.0.0.1:\(port)"]
        for arguments in [["ops", "status"], ["ops", "halt"], ["ops", "rotate-token", rotated], ["ops", "status"],
                          ["ops", "rotate-token", rotated + "-again"]] {
            let r = try AuroraProcess.run(arguments, environment: env)
            seen += [r.stdout, r.stderr]
        }
        let withRotated = try AuroraProcess.run(["ops", "resume", "--reason", "ok"],
                                                environment: ["AURORA_OPS_TOKEN": rotated,
                                                              "AURORA_GATE_URL": "http://127.0.0.1:\(port)"])
        #expect(withRotated.status == 0, "\(withRotated.stderr)")
        seen += [withRotated.stdout, withRotated.stderr]
        seen.append(try Serve.request(port, "GET", "/metrics").body)
        #expect(serve.stop(SIGTERM) == 0)
        seen.append(serve.remainingOutput())
        seen.append(try String(contentsOfFile: dir.path + "/stderr.txt", encoding: .utf8))
        seen.append(try String(contentsOfFile: statePath, encoding: .utf8))
        let session = dir.path + "/s"
        for name in try FileManager.default.contentsOfDirectory(atPath: session) {
            seen.append(String(decoding: FileManager.default.contents(atPath: session + "/" + name) ?? Data(),
                               as: UTF8.self))
        }
        let everything = seen.joined(separator: "\n")
        #expect(everything.contains(#""token_mask":"****7777""#), "the rotation happened and was recorded")
        for secret in [Self.token, String(Self.token.dropLast()), rotated] {
            #expect(!everything.contains(secret), "found a token in the output")
        }
    }
}
