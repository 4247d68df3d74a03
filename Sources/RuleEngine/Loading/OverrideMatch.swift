/// The `match` of an override (rule-files.md §2.3): canonical symbols and/or lower-case account modes.
public struct OverrideMatch: Sendable, Hashable {
    public var symbols: [Symbol]?
    public var accountModes: [String]?

    public init(symbols: [Symbol]? = nil, accountModes: [String]? = nil) {
        self.symbols = symbols
        self.accountModes = accountModes
    }

    /// Both written keys must match; a request without a valid symbol never matches `symbols`.
    public func matches(symbol: Symbol?, accountMode: String) -> Bool {
        if let symbols {
            guard let symbol, symbols.contains(symbol) else { return false }
        }
        if let accountModes, !accountModes.contains(accountMode) { return false }
        return true
    }

    /// Whether every request this override's successor `later` matches is already matched by this one
    /// (rule-files.md §3 `unreachable-override`).
    public func preempts(_ later: OverrideMatch) -> Bool {
        func covers<T: Hashable>(_ earlier: [T]?, _ later: [T]?) -> Bool {
            guard let earlier else { return true }
            guard let later else { return false }
            return Set(earlier).isSuperset(of: later)
        }
        return covers(symbols, later.symbols) && covers(accountModes, later.accountModes)
    }
}
