import AuroraTesting
import Codec
import Foundation
import Glibc
import RuleEngine
import Synchronization
import Testing
@testable import Host

/// Hot reload on a live gate: `POST /ops/reload` with broken rule files keeps the old rules (422,
/// `RULES.RELOAD_FAILED`, the failure metric), and a storm of reload signals under load fails no request.
@Suite(.timeLimit(.minutes(1)))
struct ReloadRouteTests {
    static let valid = FakeGates.rules

    /// What is written to the rule file before each reload (nil: the file is removed; "<dir>": a directory).
    static let broken: [(String, String?)] = [
        ("syntax error", "version: 1\nname: default\npipeline:\n  - id: latency\n    type: [max_latency\n"),
        ("unknown key", valid.replacingOccurrences(of: "max_ms: 30", with: "max_msec: 30")),
        ("negative limit", valid.replacingOccurrences(of: "max_bps: 80", with: "max_bps: -5")),
        ("empty", ""),
        ("truncated", String(valid.prefix(70))),
        ("missing", nil),
        ("unreadable", "<dir>"),
        ("duplicate key", valid.replacingOccurrences(of: "name: default", with: "name: default\nname: again")),
        ("5 MB", valid + "\n#" + String(repeating: "x", count: 5 << 20) + "\n"),
        ("wrong type", valid.replacingOccurrences(of: "max_bps: 80", with: "max_bps: wide")),
    ]

    @Test func everyBrokenFileKeepsTheOldRulesAndIsReportedAsAFailure() throws {
        let gate = try OpsGate.start()
        let path = gate.host.settings.ruleFiles[0]
        let fingerprint = gate.host.store.current.identity.fingerprint
        for (index, (what, content)) in Self.broken.enumerated() {
            try? FileManager.default.removeItem(atPath: path)
            switch content {
            case nil: break
            case "<dir>"?: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            case let text?: try text.write(toFile: path, atomically: false, encoding: .utf8)
            }
            let response = try call(gate.port, "POST", "/ops/reload", token: OpsGate.token)
            #expect(response.status == 422, "\(what): \(response)")
            let detail = try json(response)["detail"]?.arrayValue ?? []
            #expect(!detail.isEmpty, "\(what)")
            #expect(detail.first?["type"] == "rule_file")
            #expect(gate.host.store.current.identity.fingerprint == fingerprint, "\(what)")
            let deny = try json(try call(gate.port, "POST", "/pretrade/check", body: Bodies.pretrade(spread: 80.5)))
            #expect(deny["allow"] == false, "\(what): the old 80 bps limit decides")
            let failures = requestEvents(gate.sink).filter { $0.contains(#""event_code":"RULES.RELOAD_FAILED""#) }
            #expect(failures.count == index + 1, "\(what)")
            let event = try json(line: try #require(failures.last))
            #expect(event["src"] == "ops")
            #expect(event["details"]?["trigger"] == "ops")
            #expect(event["details"]?["kept_fingerprint"]?.stringValue == fingerprint)
            #expect(event["details"]?["errors"]?.arrayValue?.first?.objectValue?.keys
                == ["file", "line", "col", "severity", "code", "message", "notes"])
            let metrics = gate.host.metrics.exposition()
            #expect(metricLines(metrics, #"aurora_rules_reload_total{result="failure"}"#)
                == [#"aurora_rules_reload_total{result="failure"} \#(index + 1)"#])
            #expect(metricLines(metrics, "aurora_rules_last_reload_successful ") == ["aurora_rules_last_reload_successful 0"])
        }
        try? FileManager.default.removeItem(atPath: path)
        try Self.valid.replacingOccurrences(of: "max_bps: 80", with: "max_bps: 81").write(
            toFile: path, atomically: true, encoding: .utf8)
        let ok = try call(gate.port, "POST", "/ops/reload", token: OpsGate.token)
        #expect(ok.status == 200)
        let body = try json(ok)
        #expect(body["changed"] == true)
        #expect(body["previous_fingerprint"]?.stringValue == fingerprint)
        #expect(body["diff"]?["params_changed"] == .array([.object(JSONObject([
            ("id", "spread"), ("param", "params.max_bps"), ("old", 80.0), ("new", 81.0), ("ratio", 1.0125),
        ]))]))
        let metrics = gate.host.metrics.exposition()
        #expect(metricLines(metrics, "aurora_rules_last_reload_successful ") == ["aurora_rules_last_reload_successful 1"])
        #expect(metricLines(metrics, "aurora_ruleset_info{") == [
            #"aurora_ruleset_info{name="default",fingerprint="\#(gate.host.store.current.identity.fingerprint)"} 1"#,
        ])
        let reloaded = try json(line: try #require(requestEvents(gate.sink).last { $0.contains("RULES.RELOADED") }))
        #expect(reloaded["details"]?.objectValue?.keys == ["seq", "trigger", "changed", "ruleset",
                                                           "previous_fingerprint", "files", "diff", "needs_restart",
                                                           "duration_ms"])
    }

    @Test func aHundredReloadSignalsUnderLoadFailNoRequestAndServeTheLastFile() throws {
        let gate = try OpsGate.start()
        let path = gate.host.settings.ruleFiles[0]
        let variants = [Self.valid, Self.valid.replacingOccurrences(of: "max_bps: 80", with: "max_bps: 90")]
        let failures = Atomic<Int>(0)
        let served = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        let port = gate.port
        let workers = (0..<4).map { worker in
            Thread {
                let client = try? RawClient(port: port)
                var i = 0
                while !stop.load(ordering: .relaxed), let client {
                    client.send(requestText("POST", "/pretrade/check", body: Bodies.pretrade(reqID: "w\(worker)-\(i)")))
                    i += 1
                    let response = client.readResponses(1).first
                    if response?.status == 200 { served.add(1, ordering: .relaxed) } else { failures.add(1, ordering: .relaxed) }
                }
            }
        }
        for worker in workers { worker.start() }
        for n in 0..<100 {
            let temporary = path + ".tmp"
            try variants[n % 2].write(toFile: temporary, atomically: false, encoding: .utf8)
            rename(temporary, path)
            gate.host.reloader.signal()
        }
        let last = RuleSetFingerprintOf.file(variants[1], registry: FakeGates.registry)
        #expect(poll { gate.host.store.current.identity.fingerprint == last })
        #expect(poll { served.load(ordering: .relaxed) > 200 })
        stop.store(true, ordering: .relaxed)
        #expect(poll { workers.allSatisfy(\.isFinished) })
        #expect(failures.load(ordering: .relaxed) == 0)
        #expect(poll { gate.host.reloader.lastReport?.trigger == .sighup })
        let health = try json(try call(gate.port, "GET", "/health"))
        #expect(health["ruleset"]?["fingerprint"]?.stringValue == last)
    }
}

/// The fingerprint a rule file compiles to.
enum RuleSetFingerprintOf {
    static func file(_ yaml: String, registry: RuleRegistry) -> String {
        let directory = TemporaryDirectory()
        let path = directory.write("rules.yaml", yaml)
        return RuleSetLoader(registry: registry).load(files: [path]).ruleSet?.identity.fingerprint ?? "invalid"
    }
}
