/// What one posttrade report did to the position book (http-api.md §5.4 steps 1–2): the host builds
/// `ORDER.FILL` / `ORDER.PARTIAL` details from it (`fill_qty`, `fill_delta`, `position_qty`, `exposure_usdt`) and
/// persists the state file when `changed`.
public struct PositionChange: Sendable, Hashable {
    public var symbol: Symbol?
    /// The cumulative fill `F` of the report (`filled`, else `qty` for status filled/closed), when known.
    public var cumulativeFill: Double?
    /// `max(0, F − F_prev[oid])` (or `F` without an oid); nil when `F` is unknown or no fill accounting ran.
    public var fillDelta: Double?
    public var before: Position?
    public var after: Position?
    /// The day's realised PnL after the report.
    public var daily: DailyPnl
    /// Whether the report added to the day's PnL.
    public var pnlBooked: Bool

    public init(symbol: Symbol?, cumulativeFill: Double? = nil, fillDelta: Double? = nil, before: Position? = nil,
                after: Position? = nil, daily: DailyPnl, pnlBooked: Bool = false) {
        self.symbol = symbol
        self.cumulativeFill = cumulativeFill
        self.fillDelta = fillDelta
        self.before = before
        self.after = after
        self.daily = daily
        self.pnlBooked = pnlBooked
    }

    /// The position moved (opened, grew, shrank, flipped or went flat).
    public var positionChanged: Bool { before != after }
    /// Anything persisted changed (the position or the daily PnL).
    public var changed: Bool { positionChanged || pnlBooked }
    /// Signed position after the report; 0 when flat.
    public var positionQty: Double { after?.qty ?? 0 }
    /// `|position| × last fill price` after the report; 0 when flat.
    public var exposureUsdt: Double { after?.exposureUsdt ?? 0 }
    /// The signed quantity the position moved by.
    public var appliedQty: Double { (after?.qty ?? 0) - (before?.qty ?? 0) }
}
