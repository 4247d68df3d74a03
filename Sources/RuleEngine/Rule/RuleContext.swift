/// The read-only view every rule of one request gets (gates.md §1.1): typed input, derived values, the time taken
/// once when evaluation started, and the process-wide state.
public struct RuleContext: Sendable {
    public var input: PretradeInput
    public var derived: DerivedInputs
    public var now: WallTime
    public var shared: SharedState
    /// The trading state when evaluation started: every governance rule of a request sees the same one.
    public var tradingAtStart: TradingStatus
    /// Whether the order reduces exposure (gates.md §2.6), computed once from the book at the start.
    public var isReducing: Bool
    /// The mode of the step being evaluated (set by the pipeline before each rule).
    public var mode: RuleMode = .enforce

    public init(input: PretradeInput, now: WallTime, shared: SharedState, defaultMode: String = "testnet") {
        self.input = input
        self.derived = DerivedInputs(input, defaultMode: defaultMode)
        self.now = now
        self.shared = shared
        self.tradingAtStart = shared.trading
        var reducing = false
        if derived.reduceOnly, let symbol = derived.symbol.symbol, let side = derived.side,
            let position = shared.position(for: symbol), position.side == side.opposite
        {
            reducing = true
        }
        self.isReducing = reducing
    }

    public var symbol: Symbol? { derived.symbol.symbol }
    public var side: Side? { derived.side }
    public var accountMode: String { derived.accountMode }
}
