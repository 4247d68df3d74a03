public import Codec
public import Wire

/// One line for one file, serialised before any byte is written (observability.md §6 item 1). Event lines get their
/// `ts_ns` when they are written, under the file's lock, so it is strictly increasing within the file; every other
/// line is complete already.
public struct LogRecord: Sendable, Hashable {
    public let stream: LogStream
    /// For an event: everything after the `ts_ns` value (`,"run_id":…}\n`); otherwise the whole line.
    let bytes: [UInt8]
    /// The event code, for an event line (`aurora_events_emitted_total{code}`).
    public let eventCode: String?

    private static let placeholderPrefix = Array(#"{"ts_ns":0"#.utf8)
    static let eventPrefix = Array(#"{"ts_ns":"#.utf8)

    /// An `aurora_events.jsonl` record; its `tsNs` is replaced by the write time.
    public static func event(_ record: EventRecord) -> LogRecord {
        var stamped = record
        stamped.tsNs = 0
        let line = stamped.jsonLine()
        assert(line.starts(with: placeholderPrefix), "EventRecord must start with ts_ns")
        return LogRecord(stream: .events, bytes: Array(line.dropFirst(placeholderPrefix.count)),
                         eventCode: record.code.rawValue)
    }

    /// A complete JSON object line for `stream` (order streams, `orders.jsonl`).
    public static func line(_ stream: LogStream, _ object: JSONObject) -> LogRecord {
        var writer = JSONWriter(capacity: 768)
        writer.write(.object(object))
        writer.bytes.append(0x0A)
        return LogRecord(stream: stream, bytes: writer.bytes, eventCode: nil)
    }

    /// Appends the finished line to `out`, stamping an event with `tsNs`.
    func append(to out: inout [UInt8], tsNs: () -> Int64) {
        if eventCode != nil {
            out.append(contentsOf: Self.eventPrefix)
            out.append(contentsOf: String(tsNs()).utf8)
        }
        out.append(contentsOf: bytes)
    }

    /// Whether the line needs a `ts_ns` stamp.
    var isEvent: Bool { eventCode != nil }
}
