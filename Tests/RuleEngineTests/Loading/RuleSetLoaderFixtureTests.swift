import Foundation
import RuleEngine
import Testing
import YAMLKit

/// Every `Fixtures/<what_is_wrong>.bad.yaml` (and `.warn.yaml`) loads with exactly the diagnostics pinned in
/// `<name>.expected` (rule-files.md §3–§4.1). Paths are shown relative to the package root.
/// To regenerate after a deliberate change: `AURORA_UPDATE_FIXTURES=1 swift test --filter RuleSetLoaderFixtureTests`,
/// then review every changed `.expected` file against the spec.
@Suite struct RuleSetLoaderFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path + "/"

    static let fixtures: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".bad.yaml") || $0.hasSuffix(".warn.yaml") }.sorted()
    }()

    @Test func fixturesExist() {
        #expect(Self.fixtures.count >= 12)
    }

    @Test(arguments: fixtures)
    func fixture(_ name: String) throws {
        let path = Self.directory + "/" + name
        let result = RuleSetLoader(registry: FakeRegistry.standard).load(files: [path])
        let rendered = result.rendered.replacingOccurrences(of: Self.packageRoot, with: "")
        let expectedPath = Self.directory + "/" + name.replacingOccurrences(of: ".yaml", with: ".expected")
        if ProcessInfo.processInfo.environment["AURORA_UPDATE_FIXTURES"] == "1" {
            try rendered.write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        #expect(rendered == expected)
        if name.hasSuffix(".bad.yaml") {
            #expect(result.ruleSet == nil)
            #expect(result.diagnostics.hasErrors)
        } else {
            #expect(result.ruleSet != nil)
            #expect(!result.diagnostics.hasErrors && result.diagnostics.warningCount > 0)
        }
    }
}
