import Foundation
import Testing

/// `aurora eval --steps` (rule-files.md §8): one answer per step, state carried across steps.
@Suite struct EvalStepsTests {
    func lines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func theShippedExampleCarriesStateFromStepToStep() throws {
        let r = try AuroraProcess.run(["eval", "--rules", "rules/default.yaml", "--steps", "examples/steps.jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        let answers = try lines(r.stdout)
        #expect(answers.count == 6)
        #expect(answers[0]["classification"] as? String == "success")
        // the fill of step 1 makes the reduce-only sell of step 2 an exit: allowed with the position's size
        #expect(answers[1]["allow"] as? Bool == true)
        #expect(answers[1]["max_qty"] as? Double == 0.01)
        #expect(answers[2]["trading_state"] as? String == "HALTED")
        #expect(answers[3]["reason"] as? String == "AURORA.HALT")
        #expect(answers[4]["previous"] as? String == "HALTED")
        #expect(answers[5]["changed"] as? Bool == false)
        // identities: the run id is the first step's time, seq counts the steps that take one
        let observability = try #require(answers[1]["observability"] as? [String: Any])
        #expect(observability["decision_id"] as? String == "20250101-000000-2")
    }

    @Test func aReloadAnswersWithTheDiff() throws {
        let dir = NSTemporaryDirectory() + "aurora-steps-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try String(contentsOfFile: AuroraProcess.packageRoot + "/rules/default.yaml", encoding: .utf8)
        try original.replacingOccurrences(of: "params: {max_bps: 80}", with: "params: {max_bps: 60}")
            .write(toFile: dir + "/candidate.yaml", atomically: true, encoding: .utf8)
        let steps = """
            {"at": 1735689600000, "reload": "\(dir)/candidate.yaml"}
            {"at": 1735689600100, "reload": "\(dir)/missing.yaml"}
            """
        let r = try AuroraProcess.run(["eval", "--rules", "rules/default.yaml", "--steps", "-"], stdin: steps)
        #expect(r.status == 0, "\(r.stderr)")
        let answers = try lines(r.stdout)
        #expect(answers[0]["changed"] as? Bool == true)
        let diff = try #require(answers[0]["diff"] as? [String: Any])
        let changed = try #require(diff["params_changed"] as? [[String: Any]])
        #expect(changed.count == 1)
        #expect(changed.first?["param"] as? String == "params.max_bps")
        #expect(changed.first?["ratio"] as? Double == 0.75)
        let failure = try #require(answers[1]["detail"] as? [[String: Any]])
        #expect((failure.first?["ctx"] as? [String: Any])?["code"] as? String == "io-error")
    }

    @Test func anInvalidStepStopsTheRunNamingTheLine() throws {
        let steps = """
            {"at": 1735689600000, "ops": {"action": "halt"}}
            {"at": 1735689500000, "ops": {"action": "resume", "reason": "x"}}
            """
        let r = try AuroraProcess.run(["eval", "--rules", "rules/default.yaml", "--steps", "-"], stdin: steps)
        #expect(r.status == 1)
        #expect(r.stdout.split(separator: "\n").count == 1)
        #expect(r.stderr.contains("line 2: 'at' 1735689500000 is earlier than the previous step's 1735689600000"))
        #expect(try AuroraProcess.run(["eval", "--steps", "-", "--now", "0"]).status == 2)
    }
}
