import Codec
import Foundation
import Glibc
import Testing

/// `aurora serve` reads the whole host configuration (http-api.md §11) and re-reads it on every reload.
extension ServeCommandTests {
    @Test func anUnknownConfigurationKeyRefusesToStartWithItsLocation() throws {
        let dir = try Scratch()
        let config = try dir.write("aurora.yaml", "server:\n  listen: 127.0.0.1:0\n  thread: 2\n")
        let r = try AuroraProcess.run(["serve", "--config", config, "--session-dir", dir.path + "/s"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(config):3:3: error: unknown key 'thread' in section 'server' of \(config) [unknown-key]\n"), "\(r.stderr)")
        #expect(r.stderr.contains("did you mean 'threads'?"), "\(r.stderr)")
    }

    @Test func aReloadAppliesTheRuleFilesOfTheConfigurationAndListsWhatNeedsARestart() throws {
        let dir = try Scratch()
        try FileManager.default.createDirectory(atPath: dir.path + "/rules", withIntermediateDirectories: true)
        _ = try dir.write("rules/a.yaml", Self.rules)
        _ = try dir.write("rules/b.yaml", Self.rules.replacingOccurrences(of: "max_bps: 80", with: "max_bps: 60"))
        let config = try dir.write("aurora.yaml", """
            server:
              listen: 127.0.0.1:0
              threads: 2
            rules:
              files: [rules/a.yaml]
            """)
        let serve = try Serve(["--config", config, "--session-dir", dir.path + "/s"],
                              environment: ["AURORA_OPS_TOKEN": Self.token])
        defer { _ = serve.stop(SIGTERM) }
        #expect(serve.banner[1].hasPrefix("rules: \(dir.path)/rules/a.yaml (ruleset default, sha256:"))
        try "server:\n  listen: 127.0.0.1:0\n  threads: 3\nrules:\n  files: [rules/b.yaml]\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let r = try AuroraProcess.run(["ops", "reload"], environment: [
            "AURORA_OPS_TOKEN": Self.token, "AURORA_GATE_URL": "http://127.0.0.1:\(serve.port)",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.dropFirst() == ["  ~ spread            params.max_bps                        80 → 60  (×0.75)",
                                      "  needs restart: server.threads"])
        let rules = try Self.ops(serve.port, "GET", "/ops/rules")
        #expect(rules["files"]?.arrayValue?.first?["path"]?.stringValue == "\(dir.path)/rules/b.yaml")
        try "server:\n  listen: 127.0.0.1:0\n  threds: 3\n".write(toFile: config, atomically: true, encoding: .utf8)
        let broken = try Serve.request(serve.port, "POST", "/ops/reload", headers: [("X-OPS-TOKEN", Self.token)])
        #expect(broken.status == 422)
        #expect(broken.body.contains(#""code":"unknown-key""#), "\(broken.body)")
    }
}
