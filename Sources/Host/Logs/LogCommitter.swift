import Synchronization

/// The group commit of architecture.md §6 step 9: handlers of loop *k* hand their records and a completion here;
/// once per loop turn, before any response of the turn is written, every pending request's records go out in one
/// batch (one `write(2)` per file) and each completion learns whether all of its records were written. Under fsync
/// `always` the completions wait for the flusher's next `fdatasync`.
public final class LogCommitter: LoopTurnDelegate {
    struct Entry: Sendable {
        /// Called on the loop thread in the turn's delegate call, right before the write.
        let records: @Sendable () -> [LogRecord]
        /// Whether every record of the entry was written (and synced under `always`).
        let complete: @Sendable (Bool) -> Void
    }

    public let sink: any EventSink
    let metrics: HostMetrics?
    let flusher: LogFlusher?
    let syncBeforeAck: Bool
    private final class Queue: Sendable {
        let entries = Mutex<[Entry]>([])
    }

    private let pending: [Queue]

    public init(sink: any EventSink, loops: Int, metrics: HostMetrics?, flusher: LogFlusher?, syncBeforeAck: Bool) {
        self.sink = sink
        self.metrics = metrics
        self.flusher = flusher
        self.syncBeforeAck = syncBeforeAck
        pending = (0..<max(1, loops)).map { _ in Queue() }
    }

    /// Queues a request's records for loop `loop`'s next group commit (call on that loop's thread).
    func submit(loop: Int, records: @escaping @Sendable () -> [LogRecord], complete: @escaping @Sendable (Bool) -> Void) {
        pending[loop].entries.withLock { $0.append(Entry(records: records, complete: complete)) }
    }

    public func loopTurnWillFlush(loop: Int) {
        guard loop < pending.count else { return }
        let entries = pending[loop].entries.withLock { entries in
            defer { entries.removeAll(keepingCapacity: true) }
            return entries
        }
        guard !entries.isEmpty else { return }
        var batch = LogBatch()
        var groups: [[LogRecord]] = []
        groups.reserveCapacity(entries.count)
        for entry in entries {
            let records = entry.records()
            groups.append(records)
            batch.append(contentsOf: records)
        }
        let failed = write(batch, loop: loop)
        let results = groups.map { group in group.allSatisfy { !failed.contains($0.stream) } }
        if syncBeforeAck, let flusher, results.contains(true) {
            let groups = groups
            flusher.afterSync { syncFailed in
                for (entry, (ok, group)) in zip(entries, zip(results, groups)) {
                    entry.complete(ok && group.allSatisfy { !syncFailed.contains($0.stream) })
                }
            }
        } else {
            for (entry, ok) in zip(entries, results) { entry.complete(ok) }
        }
    }

    /// Writes `records` now, from any thread: a request's second batch, or non-request events (startup, shutdown,
    /// `ORDER.EXPIRE`), whose failure is counted as `aurora_events_dropped_total{reason="write_error"}` and never
    /// blocks anything. Returns whether every record was written.
    @discardableResult
    public func writeNow(_ records: [LogRecord], background: Bool = true) -> Bool {
        guard !records.isEmpty else { return true }
        let failed = write(LogBatch(records), loop: -1)
        if background {
            for record in records where record.isEvent && failed.contains(record.stream) {
                metrics?.eventDropped(reason: "write_error")
            }
        }
        return failed.isEmpty
    }

    private func write(_ batch: LogBatch, loop: Int) -> Set<LogStream> {
        var failed: Set<LogStream> = []
        do throws(LogWriteError) {
            try sink.write(batch)
        } catch {
            failed = error.streams
            for stream in failed.sorted() { metrics?.writeError(file: stream.metricLabel) }
        }
        for record in batch.records where !failed.contains(record.stream) {
            if let code = record.eventCode { metrics?.eventWritten(code: code, loop: loop) }
        }
        return failed
    }
}
