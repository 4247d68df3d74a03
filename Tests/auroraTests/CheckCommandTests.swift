import Foundation
import Testing

/// `aurora check` (rule-files.md §4.2) on the shipped rules and on broken files.
@Suite struct CheckCommandTests {
    @Test func shippedRulesAreValidUnderStrict() throws {
        let r = try AuroraProcess.run(["check", "--strict", "rules/default.yaml"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("rules/default.yaml: OK (") == true)
        #expect(lines.last?.hasPrefix("ruleset default fingerprint sha256:") == true)
        #expect(lines.last.map { $0.count == "ruleset default fingerprint sha256:".count + 64 } == true)
    }

    @Test func withoutFilesItChecksTheConfiguredRules() throws {
        let r = try AuroraProcess.run(["check"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("configs/../rules/default.yaml: OK") || r.stdout.hasPrefix("rules/default.yaml: OK"))
    }

    @Test func everyProblemIsReportedWithLocationCaretAndHint() throws {
        let dir = NSTemporaryDirectory() + "aurora-check-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/broken.yaml"
        try """
            version: 1
            name: broken
            pipeline:
              - id: latency
                type: latncy
              - id: spread
                type: spread
                params: {max_bps: "80", max_bsp: 1}
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try AuroraProcess.run(["check", file])
        let types = try knownTypes()
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == """
            \(file):5:11: error: unknown rule type 'latncy' [unknown-type]
               5 |     type: latncy
                 |           ^~~~~~
               note: did you mean 'latency'?
               note: known types: \(types)

            \(file):8:23: error: 'max_bps' must be a number, got the string "80" [type-mismatch]
               8 |     params: {max_bps: "80", max_bsp: 1}
                 |                       ^~~~
               note: remove the quotes to write a number

            \(file):8:29: error: unknown key 'max_bsp' in params of type 'spread' [unknown-key]
               8 |     params: {max_bps: "80", max_bsp: 1}
                 |                             ^~~~~~~
               note: did you mean 'max_bps'?
               note: valid keys: max_bps

            3 errors, 0 warnings in 1 file

            """)
        let json = try AuroraProcess.run(["check", "--json", file])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        #expect(object["errors"] as? Int == 3)
        #expect((object["diagnostics"] as? [[String: Any]])?.map { $0["code"] as? String } == ["unknown-type", "type-mismatch", "unknown-key"])
    }

    @Test func aMissingFileIsAnIOError() throws {
        let r = try AuroraProcess.run(["check", "rules/does-not-exist.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("rules/does-not-exist.yaml: error: cannot read 'rules/does-not-exist.yaml': No such file or directory [io-error]"))
    }

    func knownTypes() throws -> String {
        let r = try AuroraProcess.run(["rules"])
        return r.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") && $0.contains(" — ") }
            .map { String($0.split(separator: " ")[0]) }.sorted().joined(separator: ", ")
    }
}
