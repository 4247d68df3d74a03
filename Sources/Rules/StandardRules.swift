public import RuleEngine

extension RuleRegistry {
    /// Every shipped rule type: the explicit list the executable hands to the host (gates.md §1.10 catalog order).
    public static func standard() -> RuleRegistry {
        var registry = RuleRegistry()
        // Names are unique by construction; a duplicate here is a programming error caught by the tests.
        try! registry.register(LatencyGate.Factory())
        try! registry.register(HealthGuardGate.Factory())
        try! registry.register(SpreadGate.Factory())
        try! registry.register(ExpectedReturnGate.Factory())
        try! registry.register(SlippageGate.Factory())
        try! registry.register(TrapGate.Factory())
        try! registry.register(RiskCapsGate.Factory())
        try! registry.register(GovernanceGate.Factory())
        try! registry.register(AntiChurnGate.Factory())
        try! registry.register(SPRTGate.Factory())
        try! registry.register(FreshnessGate.Factory())
        return registry
    }
}
