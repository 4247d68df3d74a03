import AuroraTesting
import Foundation
@testable import Host

/// One temporary directory holding rule files and rule test files, run through `RuleTestRunner` with the fake
/// registry. Output text has the directory replaced by `<dir>` so expectations can be pinned.
final class RuleTestWorkspace {
    let directory = TemporaryDirectory(prefix: "aurora-ruletest")

    /// A rule file of the fake types: `rules.yaml` with one `threshold` (max 1) and one `age` (max_ms 1000) rule.
    static let thresholdAndAge = """
        version: 1
        name: fake
        pipeline:
          - id: threshold
            type: threshold
            params: {max: 1}
          - id: age
            type: age
            params: {max_ms: 1000}
        """

    /// A base request that passes both rules of `thresholdAndAge` at any step (score 0.5, quote 100 ms old).
    static let base = """
        base:
          account: {mode: testnet}
          order: {symbol: BTCUSDT, side: buy, qty: 2.0, price: 60000.0}
          market: {score: 0.5, quote_ts_ms: {now_ms: -100}}
        """

    @discardableResult
    func write(_ name: String, _ contents: String) -> String { directory.write(name, contents) }

    /// Runs the named test files (relative to the directory).
    func run(_ names: [String], filter: String? = nil) -> RuleTestRunner.Results {
        RuleTestRunner(registry: FakeRegistry.standard).run(paths: names.map(directory.file), filter: filter)
    }

    /// The text report (rule-files.md §7.6) of `results`, with the directory written `<dir>`.
    func text(_ results: RuleTestRunner.Results, verbose: Bool = false) -> String {
        scrub(RuleTestReport.text(results, verbose: verbose))
    }

    /// Load errors with the directory written `<dir>`.
    func loadErrors(_ results: RuleTestRunner.Results) -> String { scrub(results.loadErrors) }

    func scrub(_ text: String) -> String { text.replacingOccurrences(of: directory.path, with: "<dir>") }
}
