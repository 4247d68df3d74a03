public import Wire

/// The bot's position in one symbol, tracked from its own fills (bot.md §5).
public struct Position: Sendable, Hashable {
    /// Signed base quantity: > 0 long, < 0 short.
    public private(set) var qty = 0.0
    /// VWAP of the entry fills.
    public private(set) var entryPrice = 0.0
    /// Entry fees per unit of quantity, for the pnl of a close.
    private var entryFeePerUnit = 0.0
    public var openedAtMs: Int64 = 0
    /// Fixed at entry: the exit's thresholds.
    public var aBps = 0.0
    public var bBps = 0.0

    public init() {}

    public var isFlat: Bool { abs(qty) < 1e-12 }

    /// Applies a fill of `delta` at `price` with `fees`; returns the realised pnl of the part that reduced the
    /// position (net of both legs' fees for that quantity), nil when nothing was reduced.
    @discardableResult
    public mutating func apply(side: OrderSide, delta: Double, price: Double, fees: Double, nowMs: Int64) -> Double? {
        guard delta > 0 else { return nil }
        let signed = side == .buy ? delta : -delta
        if isFlat || (qty > 0) == (signed > 0) {
            let newQty = abs(qty) + delta
            entryPrice = (entryPrice * abs(qty) + price * delta) / newQty
            entryFeePerUnit = (entryFeePerUnit * abs(qty) + fees) / newQty
            if isFlat { openedAtMs = nowMs }
            qty += signed
            return nil
        }
        let closed = min(delta, abs(qty))
        let direction = qty > 0 ? 1.0 : -1.0
        let exitFees = fees * closed / delta
        let pnl = (price - entryPrice) * closed * direction - entryFeePerUnit * closed - exitFees
        qty += signed
        if abs(qty) < 1e-12 {
            qty = 0
            entryFeePerUnit = 0
        } else if (qty > 0) != (direction > 0) {
            entryPrice = price
            entryFeePerUnit = fees * (delta - closed) / delta / abs(qty)
            openedAtMs = nowMs
        }
        return pnl
    }

    /// At `mid`.
    public func unrealised(mid: Double) -> Double { isFlat ? 0 : (mid - entryPrice) * qty }

    /// Sets the position without a fill (a Binance re-read found the account flat).
    public mutating func clear() {
        qty = 0
        entryFeePerUnit = 0
    }
}
