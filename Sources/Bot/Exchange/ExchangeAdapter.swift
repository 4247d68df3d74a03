/// Places, follows and cancels orders on one venue (bot.md §8). Runs on the bot's thread; every call returns
/// within the adapter's own timeouts. Exchange errors come back as `REJECTED` outcomes, never as thrown errors.
public protocol ExchangeAdapter: AnyObject {
    /// Places `ticket` against the symbol's current `update` at bot time `nowMs`. A terminal outcome ends the
    /// order; otherwise `open` carries what `advance` and `cancel` need.
    func place(_ ticket: OrderTicket, update: MarketUpdate, nowMs: Int64) -> (outcome: OrderOutcome, open: OpenOrder?)
    /// Moves a resting order on with the symbol's new update (nil: no new data, e.g. a status poll). Returns nil
    /// when nothing changed; `order` is updated in place.
    func advance(_ order: inout OpenOrder, update: MarketUpdate?, nowMs: Int64) -> OrderOutcome?
    /// Cancels the remainder; the outcome is terminal (`CANCELED` or, if it filled meanwhile, `FILLED`).
    func cancel(_ order: OpenOrder, nowMs: Int64) -> OrderOutcome
    /// `paper` or `binance`.
    var exchangeName: String { get }
}
