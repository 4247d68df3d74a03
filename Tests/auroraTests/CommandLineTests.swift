import Foundation
import Testing

/// The command layer: help, usage errors and exit codes (architecture.md §4; rule-files.md §4.2).
@Suite struct CommandLineTests {
    @Test func helpListsEveryCommandWithAnExample() throws {
        let r = try AuroraProcess.run(["--help"])
        #expect(r.status == 0)
        for name in ["check", "test", "eval", "replay", "rules", "config", "bench", "version"] { #expect(r.stdout.contains("  \(name) ")) }
        #expect(r.stdout.contains("example:"))
    }

    @Test(arguments: ["check", "test", "eval", "replay", "rules", "config", "bench", "version"])
    func everyCommandHasHelpWithAnExample(_ name: String) throws {
        let r = try AuroraProcess.run(["help", name])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("usage: aurora \(name)"))
        #expect(r.stdout.contains("example:"))
        #expect(try AuroraProcess.run([name, "--help"]).stdout == r.stdout)
    }

    @Test func unknownFlagIsAUsageError() throws {
        let r = try AuroraProcess.run(["check", "--frobnicate"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("aurora check: unknown option '--frobnicate'\n\nusage: aurora check"))
    }

    @Test func unknownCommandIsAUsageError() throws {
        let r = try AuroraProcess.run(["chekc"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("aurora: unknown command 'chekc'"))
    }

    @Test func noArgumentsPrintsHelpAndExits2() throws {
        #expect(try AuroraProcess.run([]).status == 2)
    }

    @Test func version() throws {
        let r = try AuroraProcess.run(["version"])
        #expect(r.status == 0 && r.stdout.hasPrefix("aurora "))
    }
}
