import Codec
import Foundation
import Glibc
import Testing

/// `aurora ops` (the binary) against a running `aurora serve`: answers, refusals in words, exit codes 0/1/2.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct OpsCommandTests {
    static let token = ServeCommandTests.token

    /// A gate with the OPS API on, and how to run `aurora ops` against it.
    final class Gate {
        let dir: Scratch
        let rules: String
        let serve: Serve

        init(token: String? = OpsCommandTests.token) throws {
            dir = try Scratch()
            rules = try dir.write("rules.yaml", ServeCommandTests.opsRules)
            serve = try Serve(["--rules", rules, "--listen", "127.0.0.1:0", "--session-dir", dir.path + "/s"],
                              environment: token.map { ["AURORA_OPS_TOKEN": $0] } ?? [:])
        }

        func ops(_ arguments: [String], token: String = OpsCommandTests.token) throws -> AuroraProcess.Result {
            try AuroraProcess.run(["ops"] + arguments, environment: [
                "AURORA_OPS_TOKEN": token, "AURORA_GATE_URL": "http://127.0.0.1:\(serve.port)",
            ])
        }

        deinit { _ = serve.stop(SIGTERM) }
    }

    @Test func statusPrintsTheStateAnOperatorReadsFirst() throws {
        let gate = try Gate()
        let r = try gate.ops(["status"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0] == "trading state  ACTIVE")
        #expect(lines[1] == "kill switch    not latched")
        #expect(lines[2] == "enforced       yes")
        #expect(lines[3].hasPrefix("ruleset        default sha256:"))
        #expect(lines[4] == "state file     fresh")
        #expect(lines[5] == "log            writable (\(gate.dir.path)/s)")
        let json = try gate.ops(["status", "--json"])
        #expect(try JSONReader.parse(Array(json.stdout.utf8))["status"] == "ok")
    }

    @Test func haltReduceAndResumeAnswerAsTheAPIDoes() throws {
        let gate = try Gate()
        let halt = try gate.ops(["halt", "--reason", "incident #7"])
        #expect(halt.status == 0)
        #expect(halt.stdout == #"{"status":"ok","trading_state":"HALTED","previous":"ACTIVE","enforced":true}"# + "\n")
        let reduce = try gate.ops(["reduce"])
        #expect(reduce.status == 1)
        #expect(reduce.stderr == #"aurora ops: POST /ops/reduce answered 409: trading is HALTED; POST /ops/resume with "to":"REDUCING" to leave HALTED"# + "\n")
        let resume = try gate.ops(["resume", "--reason", "incident closed", "--to", "reducing"])
        #expect(resume.stdout == #"{"status":"ok","trading_state":"REDUCING","previous":"HALTED","enforced":true}"# + "\n")
        let risk = try gate.ops(["risk", "set", "size_scale=0.5", "--reason", "calm"])
        #expect(risk.status == 0)
        #expect(try JSONReader.parse(Array(risk.stdout.utf8))["overrides"] == .array(["size_scale"]))
        let get = try gate.ops(["risk", "get"])
        #expect(try JSONReader.parse(Array(get.stdout.utf8))["risk"]?["size_scale"] == 0.5)
        let cooloff = try gate.ops(["cooloff", "abc"])
        #expect(cooloff.status == 1)
        #expect(cooloff.stderr.hasPrefix("aurora ops: POST /ops/cooloff/abc answered 422: "))
    }

    @Test func reloadPrintsTheDiffAndAFailedReloadItsDiagnostics() throws {
        let gate = try Gate()
        let original = try String(contentsOfFile: gate.rules, encoding: .utf8)
        try original.replacingOccurrences(of: "max_bps: 80", with: "max_bps: 60")
            .write(toFile: gate.rules, atomically: true, encoding: .utf8)
        let ok = try gate.ops(["reload"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let lines = ok.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("reload ok: default sha256:") == true)
        #expect(lines.dropFirst() == ["  ~ spread            params.max_bps                        80 → 60  (×0.75)"])
        let unchanged = try gate.ops(["reload"])
        #expect(unchanged.stdout.contains(" unchanged ("))
        try (original + "\n  - id: broken\n").write(toFile: gate.rules, atomically: true, encoding: .utf8)
        let failed = try gate.ops(["reload"])
        #expect(failed.status == 1)
        let errors = failed.stderr.split(separator: "\n").map(String.init)
        #expect(errors.first?.hasPrefix("reload FAILED: keeping default sha256:") == true)
        #expect(errors.dropFirst().first == "\(gate.rules):14:5: error: missing required key 'type' in rule 'broken' [missing-key]")
    }

    @Test func refusalsAreExplainedAndExitOne() throws {
        let gate = try Gate()
        let url = "http://127.0.0.1:\(gate.serve.port)"
        let missing = try gate.ops(["status"], token: "")
        #expect(missing.status == 1)
        #expect(missing.stderr == "aurora ops: the gate at \(url) refused the request (401): no X-OPS-TOKEN was sent; "
            + "set AURORA_OPS_TOKEN or ops.token_file\n")
        let wrong = try gate.ops(["status"], token: "not-the-token-not-the-token-000")
        #expect(wrong.status == 1)
        #expect(wrong.stderr == "aurora ops: the gate at \(url) refused the request (403 Forbidden): the token is "
            + "wrong or this client's address is not in ops.allowlist\n")
        let disabled = try Gate(token: nil)
        let off = try disabled.ops(["halt"])
        #expect(off.status == 1)
        #expect(off.stderr == "aurora ops: OPS is disabled on the gate at http://127.0.0.1:\(disabled.serve.port) "
            + "(503): it has no valid token; start 'aurora serve' with AURORA_OPS_TOKEN or ops.token_file set\n")
        let refused = try AuroraProcess.run(["ops", "--url", "http://127.0.0.1:1", "status"],
                                            environment: ["AURORA_OPS_TOKEN": Self.token])
        #expect(refused.status == 1)
        #expect(refused.stderr == "aurora ops: cannot connect to http://127.0.0.1:1: connection refused or "
            + "unreachable; is 'aurora serve' running there? (set --url or AURORA_GATE_URL)\n")
    }

    @Test func theURLComesFromServerListenOfTheConfigurationFile() throws {
        let gate = try Gate()
        let config = try gate.dir.write("aurora.yaml", "server:\n  listen: 127.0.0.1:\(gate.serve.port)\n")
        let r = try AuroraProcess.run(["ops", "--config", config, "status"],
                                      environment: ["AURORA_OPS_TOKEN": Self.token, "AURORA_GATE_URL": ""])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("trading state  ACTIVE\n"))
    }

    @Test(arguments: [
        (["ops"], "aurora ops: missing command (e.g. 'status')"),
        (["ops", "--token", "abc", "status"],
         "aurora ops: the OPS token is never a command-line value: set AURORA_OPS_TOKEN or ops.token_file"),
        (["ops", "resume"], "aurora ops: 'resume' needs --reason R"),
        (["ops", "launch"], "aurora ops: unknown ops command 'launch'"),
        (["ops", "risk", "set", "size_scale=big"], "aurora ops: 'risk set size_scale' needs a number, got 'big'"),
        (["ops", "cooloff"], "aurora ops: 'cooloff' takes one argument: SEC"),
    ])
    func usageErrorsExitTwo(arguments: [String], message: String) throws {
        let r = try AuroraProcess.run(arguments, environment: ["AURORA_GATE_URL": "http://127.0.0.1:1"])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").first.map(String.init) == message)
    }
}
