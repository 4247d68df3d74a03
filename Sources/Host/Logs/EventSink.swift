/// Where the records of requests go. `SessionLogs` writes the session directory's files; `InMemoryEventSink` keeps
/// lines in memory for tests.
public protocol EventSink: Sendable {
    /// Appends one loop turn's records as whole lines, one `write(2)` per file (O_APPEND), before any of their
    /// responses is sent. Runs on the calling loop's thread. Throws the files whose write failed; the others were
    /// written.
    func write(_ batch: borrowing LogBatch) throws(LogWriteError)

    /// `fdatasync`s every file with unsynced data (fsync `interval` and `always`); throws the files that failed.
    func sync() throws(LogWriteError)

    /// Files whose last write or sync failed (readiness answers 503 while any is listed).
    var failedStreams: Set<LogStream> { get }
}
