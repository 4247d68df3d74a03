/// A rule that records approvals: its commit hook runs once after a final allow whose records were written, when
/// the rule is in enforce mode and its verdict was `pass` (gates.md §1.8). Runs on the loop thread; must not block.
public protocol CommitObserver: Sendable {
    func commit(_ context: RuleContext)
}
