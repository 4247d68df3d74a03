/// The records of one loop turn (group commit, observability.md §6 item 3), in the order they were added; the
/// records of one request are added together, so they stay contiguous in each file.
public struct LogBatch: Sendable {
    public private(set) var records: [LogRecord] = []

    public init(_ records: [LogRecord] = []) { self.records = records }

    public mutating func append(contentsOf more: [LogRecord]) { records.append(contentsOf: more) }

    public var isEmpty: Bool { records.isEmpty }

    /// The files this batch writes to, in `LogStream` order.
    public var streams: [LogStream] { Set(records.map(\.stream)).sorted() }

    /// The records for one file, in order.
    public func records(for stream: LogStream) -> [LogRecord] { records.filter { $0.stream == stream } }
}
