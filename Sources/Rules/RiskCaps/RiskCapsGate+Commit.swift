import RuleEngine

/// The commit hook (approval stamps) and the size scale of `risk_caps` (gates.md §9, §1.6).
extension RiskCapsGate: CommitObserver, RiskScaling {
    /// After a final allow: stamps the approval of an order that does not reduce exposure.
    func commit(_ context: RuleContext) {
        guard !context.isReducing else { return }
        let (effective, _) = config.effective(context.shared.riskOverrides)
        book.stamp(symbol: context.symbol, now: context.now.ms, symbolLimit: effective.tradesPerMinute,
                   globalLimit: effective.tradesPerMinuteGlobal)
    }

    /// The effective `size_scale`, runtime override included.
    func riskScale(_ context: RuleContext) -> Double {
        config.effective(context.shared.riskOverrides).config.sizeScale
    }
}
