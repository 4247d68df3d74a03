import Codec
import Wire

/// `<session_dir>/bot_events.jsonl`: the gate's event-record schema with `src: "bot"` (bot.md §9).
final class BotEventLog {
    private let file: AppendFile?
    private let runID: String
    private var lastNs: Int64 = 0

    init(path: String?, runID: String) {
        file = path.flatMap(AppendFile.init(path:))
        self.runID = runID
    }

    func write(
        _ code: EventCode, ticket: OrderTicket? = nil, symbol: String? = nil, oid: String? = nil,
        details: JSONObject = [:]
    ) {
        guard let file else { return }
        var ns = WallClock.nowMs() * 1_000_000
        if ns <= lastNs { ns = lastNs + 1 }
        lastNs = ns
        let record = EventRecord(
            tsNs: ns, runID: runID, code: code, symbol: ticket?.symbol ?? symbol, cid: ticket?.cid, oid: oid,
            side: ticket?.side, orderType: ticket?.type.rawValue, price: ticket?.price, qty: ticket?.qty,
            details: details, src: .bot)
        _ = file.append(record.jsonLine())
    }
}
