public import RuleEngine

extension RuleContext {
    /// A context for rule tests: `configure` edits the input; the shared state is fresh unless given.
    public static func fixture(now: Int64 = 1_735_689_600_000, shared: SharedState = SharedState(),
                               defaultMode: String = "testnet",
                               _ configure: (inout PretradeInput) -> Void = { _ in }) -> RuleContext {
        var input = PretradeInput()
        input.account.mode = "testnet"
        input.order.symbol = "BTCUSDT"
        input.order.side = "buy"
        input.order.qty = 0.01
        input.order.price = 60000
        configure(&input)
        return RuleContext(input: input, now: WallTime(ms: now), shared: shared, defaultMode: defaultMode)
    }
}
