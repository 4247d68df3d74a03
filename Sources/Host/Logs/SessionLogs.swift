import Codec
import Foundation
import Glibc
import Synchronization
import Wire

/// The session directory (observability.md §1): created with its parents (mode 0750), locked with an exclusive
/// `flock` on `.aurora.lock` for the life of the process, one `LogFile` per stream. Failed writes put a file in the
/// failed state until its next successful write, which also writes `HEALTH.RECOVERY`; `HEALTH.ERROR` is attempted
/// (debounced) on every failure.
public final class SessionLogs: EventSink {
    public struct OpenError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public let directory: String
    public let runID: String
    public let clock: EventClock
    private let files: [LogStream: LogFile]
    private let lockFD = Mutex<Int32>(-1)
    private let debouncer = Debouncer()
    /// Called with the code of each event line SessionLogs writes itself (`HEALTH.ERROR`, `HEALTH.RECOVERY`).
    private let onEventWritten: @Sendable (String) -> Void

    /// Opens (creating) `directory` and takes its lock. Throws when the directory cannot be created or another
    /// process holds the lock.
    /// `rotation` rotates each file before a batch (observability.md §7); its retention also runs here, at start.
    public convenience init(directory: String, runID: String, clock: EventClock = EventClock(),
                            rotation: LogRotation = .disabled,
                            onEventWritten: @escaping @Sendable (String) -> Void = { _ in }) throws(OpenError) {
        try self.init(directory: directory, runID: runID, clock: clock, io: .system, rotation: rotation,
                      onEventWritten: onEventWritten)
    }

    init(directory: String, runID: String, clock: EventClock, io: LogFile.IO, rotation: LogRotation = .disabled,
         onEventWritten: @escaping @Sendable (String) -> Void) throws(OpenError) {
        self.directory = directory
        self.runID = runID
        self.clock = clock
        self.onEventWritten = onEventWritten
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o750])
        } catch {
            throw OpenError(description: "cannot create session directory \(directory): \(error.localizedDescription)")
        }
        let lockPath = (directory as NSString).appendingPathComponent(".aurora.lock")
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw OpenError(description: "cannot open \(lockPath): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            Glibc.close(fd)
            throw OpenError(description: "session directory \(directory) is in use by another process")
        }
        lockFD.withLock { $0 = fd }
        var files: [LogStream: LogFile] = [:]
        for stream in LogStream.allCases {
            let file = LogFile(stream: stream, path: (directory as NSString).appendingPathComponent(stream.fileName),
                               io: io, rotation: rotation)
            rotation.applyRetention(directory: directory, stem: file.stem, nowNs: EventClock.wallNanoseconds())
            files[stream] = file
        }
        self.files = files
    }

    deinit { close() }

    public func path(of stream: LogStream) -> String { files[stream]!.path }

    public func write(_ batch: borrowing LogBatch) throws(LogWriteError) {
        var failures: [LogWriteError.Failure] = []
        let now = EventClock.wallNanoseconds()
        for stream in batch.streams {
            let records = batch.records(for: stream)
            do throws(LogWriteError) {
                if let since = try files[stream]!.append(records, clock: clock, now: now) {
                    recovered(stream, failedForMs: (now - since) / 1_000_000)
                }
            } catch {
                failures.append(contentsOf: error.failures)
            }
        }
        guard failures.isEmpty else {
            for failure in failures { healthError(failure) }
            throw LogWriteError(failures)
        }
    }

    public func sync() throws(LogWriteError) {
        var failures: [LogWriteError.Failure] = []
        let now = EventClock.wallNanoseconds()
        for stream in LogStream.allCases {
            do throws(LogWriteError) { try files[stream]!.sync(now: now) } catch { failures.append(contentsOf: error.failures) }
        }
        guard failures.isEmpty else {
            for failure in failures { healthError(failure) }
            throw LogWriteError(failures)
        }
    }

    public var failedStreams: Set<LogStream> { Set(files.values.filter(\.isFailed).map(\.stream)) }

    /// SIGUSR1 (observability.md §7): every file is synced and closed; the next write opens its path again.
    public func reopen() {
        for file in files.values { file.close() }
    }

    /// Syncs and closes every file and releases the directory lock.
    public func close() {
        for file in files.values { file.close() }
        lockFD.withLock { fd in
            guard fd >= 0 else { return }
            flock(fd, LOCK_UN)
            Glibc.close(fd)
            fd = -1
        }
    }

    // MARK: - Health events (best effort)

    private func healthEvent(_ code: EventCode, _ details: JSONObject) {
        let nowMs = EventClock.wallNanoseconds() / 1_000_000
        guard let suppressed = debouncer.admit(code.rawValue + "|" + (details["file"]?.stringValue ?? ""),
                                               windowMs: 100, nowMs: nowMs) else { return }
        var details = details
        if suppressed > 0 { details.append("suppressed", .int(suppressed)) }
        let record = LogRecord.event(EventRecord(tsNs: 0, runID: runID, code: code, details: details, src: .host))
        if (try? files[.events]!.append([record], clock: clock, now: nowMs * 1_000_000)) != nil {
            onEventWritten(code.rawValue)
        }
    }

    private func healthError(_ failure: LogWriteError.Failure) {
        healthEvent(.healthError, JSONObject([
            ("component", .string("log")), ("file", .string(failure.stream.fileName)),
            ("errno", .int(Int64(failure.errno))), ("error", .string(String(cString: strerror(failure.errno)))),
        ]))
    }

    private func recovered(_ stream: LogStream, failedForMs: Int64) {
        healthEvent(.healthRecovery, JSONObject([
            ("component", .string("log")), ("file", .string(stream.fileName)), ("failed_for_ms", .int(failedForMs)),
        ]))
    }
}
