import Glibc
import Synchronization

/// An `EventSink` that keeps every line in memory, stamped like `SessionLogs` stamps them; `failing` makes the
/// writes to those streams fail (tests of `log_unavailable` and posttrade 503).
public final class InMemoryEventSink: EventSink {
    private struct State {
        var lines: [LogStream: [[UInt8]]] = [:]
        var failing: Set<LogStream> = []
        var failed: Set<LogStream> = []
        var syncs = 0
    }

    private let state = Mutex(State())
    public let clock: EventClock

    public init(clock: EventClock = EventClock()) { self.clock = clock }

    public func write(_ batch: borrowing LogBatch) throws(LogWriteError) {
        var failures: [LogWriteError.Failure] = []
        state.withLock { state in
            for stream in batch.streams {
                if state.failing.contains(stream) {
                    state.failed.insert(stream)
                    failures.append(.init(stream: stream, errno: ENOSPC, operation: "write", path: stream.fileName))
                    continue
                }
                state.failed.remove(stream)
                for record in batch.records(for: stream) {
                    var line: [UInt8] = []
                    record.append(to: &line) { clock.next() }
                    state.lines[stream, default: []].append(line)
                }
            }
        }
        if !failures.isEmpty { throw LogWriteError(failures) }
    }

    public func sync() throws(LogWriteError) { state.withLock { $0.syncs += 1 } }

    public var failedStreams: Set<LogStream> { state.withLock { $0.failed } }

    /// Writes to `streams` fail from now on (until `failing` is set again).
    public func setFailing(_ streams: Set<LogStream>) { state.withLock { $0.failing = streams } }

    /// The lines written to `stream`, newline included.
    public func lines(_ stream: LogStream) -> [String] {
        state.withLock { $0.lines[stream] ?? [] }.map { String(decoding: $0, as: UTF8.self) }
    }

    public var syncCount: Int { state.withLock { $0.syncs } }
}
