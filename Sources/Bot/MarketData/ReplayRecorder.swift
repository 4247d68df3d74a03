import Codec
import Wire

/// `--record FILE`: writes every update of any source as replay JSONL (bot.md §3.2), keys in the order `ts_ms,
/// symbol, recv_ts_ms, bids, asks, trades`, numbers in shortest round-trip form.
public final class ReplayRecorder {
    private let file: AppendFile

    /// nil when the file cannot be opened for appending.
    public init?(path: String) {
        guard let file = AppendFile(path: path) else { return nil }
        self.file = file
    }

    /// Appends one line; false when the write failed.
    @discardableResult
    public func record(_ update: MarketUpdate) -> Bool { file.append(Self.line(update)) }

    /// One update as a replay line, `\n` included.
    public static func line(_ update: MarketUpdate) -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        w.key("ts_ms")
        w.int(update.tsMs)
        w.key("symbol")
        w.string(update.symbol)
        if let recv = update.recvTsMs {
            w.key("recv_ts_ms")
            w.int(recv)
        }
        for (name, levels) in [("bids", update.book.bids), ("asks", update.book.asks)] {
            w.key(name)
            w.beginArray()
            for level in levels {
                w.beginArray()
                w.double(level.price)
                w.double(level.qty)
                w.endArray()
            }
            w.endArray()
        }
        w.key("trades")
        w.beginArray()
        for trade in update.trades {
            w.beginObject()
            w.key("p")
            w.double(trade.price)
            w.key("q")
            w.double(trade.qty)
            w.key("side")
            w.string(trade.side.rawValue)
            w.key("ts")
            w.int(trade.ts)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.bytes.append(0x0A)
        return w.bytes
    }
}
