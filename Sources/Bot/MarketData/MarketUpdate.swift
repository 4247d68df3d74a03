/// What every market-data source delivers (bot.md §3): one symbol's book snapshot, the trades since that symbol's
/// previous update, the snapshot time and the data age.
public struct MarketUpdate: Sendable, Hashable {
    /// Canonical symbol.
    public var symbol: String
    public var book: OrderBook
    /// Trades after the previous update of this symbol and at or before `tsMs`, oldest first.
    public var trades: [Trade]
    /// Snapshot time, ms since the epoch (the bot clock with replay and synthetic data).
    public var tsMs: Int64
    /// When the recorder received it (replay `recv_ts_ms`), if known.
    public var recvTsMs: Int64?
    public var dataAgeMs: Double
    /// Binance `lastUpdateId`: identifies an unchanged book.
    public var bookID: Int64?

    public init(
        symbol: String, book: OrderBook, trades: [Trade] = [], tsMs: Int64, recvTsMs: Int64? = nil,
        dataAgeMs: Double = 0, bookID: Int64? = nil
    ) {
        self.symbol = symbol
        self.book = book
        self.trades = trades
        self.tsMs = tsMs
        self.recvTsMs = recvTsMs
        self.dataAgeMs = dataAgeMs
        self.bookID = bookID
    }
}
