import Foundation
import Glibc
import Synchronization

/// One session file opened `O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC` (mode 0640) on first use, written a batch at
/// a time under its lock (observability.md §6): a batch is one `write(2)`, continued after a short write and retried
/// on `EINTR`; after a failed or short write the next write starts with `\n`, so a torn line never swallows the
/// next record. Before a batch the file may rotate (`LogRotation`); a missing directory is created again on open
/// (SIGUSR1 after the session directory was removed).
final class LogFile: Sendable {
    /// The system calls a file uses; tests replace `write` to produce short writes and failures.
    struct IO: Sendable {
        var open: @Sendable (String) -> Int32 = { path in Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640) }
        var write: @Sendable (Int32, UnsafeRawBufferPointer) -> Int = { fd, bytes in Glibc.write(fd, bytes.baseAddress, bytes.count) }
        var sync: @Sendable (Int32) -> Int32 = { fd in fdatasync(fd) }
        static let system = IO()
    }

    private struct State {
        var fd: Int32 = -1
        /// A failed or short write may have left part of a line: the next write begins with `\n`.
        var torn = false
        /// Bytes were written since the last `fdatasync`.
        var unsynced = false
        /// The last write or sync failed (cleared by the next successful write).
        var failedSinceNs: Int64?
        /// The file's size, and the UTC day of its last write (nil for an empty file), for rotation.
        var size: Int64 = 0
        var lastDay: Int64?
    }

    let stream: LogStream
    let path: String
    let rotation: LogRotation
    private let io: IO
    private let state = Mutex(State())

    init(stream: LogStream, path: String, io: IO = .system, rotation: LogRotation = .disabled) {
        self.stream = stream
        self.path = path
        self.io = io
        self.rotation = rotation
    }

    var directory: String { PathResolution.directory(of: path).isEmpty ? "." : PathResolution.directory(of: path) }

    /// The stem of the live file's name: `aurora_events` for `aurora_events.jsonl`.
    var stem: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".jsonl") ? String(name.dropLast(6)) : name
    }

    /// Opens the path (creating the session directory again if it was removed) and reads its size and mtime.
    private func openFile(_ state: inout State) -> Bool {
        state.fd = io.open(path)
        if state.fd < 0, errno == ENOENT {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o750])
            state.fd = io.open(path)
        }
        guard state.fd >= 0 else { return false }
        var info = stat()
        if fstat(state.fd, &info) == 0 {
            state.size = Int64(info.st_size)
            let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            state.lastDay = state.size > 0 ? LogRotation.day(mtime) : nil
        }
        return true
    }

    /// Syncs and closes the live file, renames it to its rotated name and applies retention; the next open
    /// creates a new live file. A failed rename keeps writing to the same file.
    private func rotate(_ state: inout State, now: Int64) {
        if state.unsynced { _ = io.sync(state.fd) }
        Glibc.close(state.fd)
        state.fd = -1
        state.unsynced = false
        let directory = self.directory
        let name = LogRotation.rotatedName(stem: stem, nowNs: now) { access(directory + "/" + $0, F_OK) == 0 }
        if rename(path, directory + "/" + name) == 0 {
            rotation.applyRetention(directory: directory, stem: stem, nowNs: now)
        }
    }

    /// Writes `records` as one batch, stamping event lines from `clock` under the lock. Returns whether the file
    /// was in the failed state before this successful write (for `HEALTH.RECOVERY`) and since when.
    @discardableResult
    func append(_ records: [LogRecord], clock: EventClock, now: Int64) throws(LogWriteError) -> Int64? {
        try state.withLock { (state) throws(LogWriteError) -> Int64? in
            if state.fd < 0, !openFile(&state) { throw fail(&state, errno, "open", now: now) }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(records.reduce(1) { $0 + $1.bytes.count + 30 })
            if state.torn { bytes.append(0x0A) }
            for record in records { record.append(to: &bytes) { clock.next() } }
            let payload = bytes.count - (state.torn ? 1 : 0)
            if rotation.rotates(size: state.size, batch: payload, lastDay: state.lastDay, nowNs: now) {
                rotate(&state, now: now)
                if state.torn { bytes.removeFirst() }
                state.torn = false
                if !openFile(&state) { throw fail(&state, errno, "open", now: now) }
            }
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { io.write(state.fd, UnsafeRawBufferPointer(rebasing: $0[offset...])) }
                if n < 0 {
                    let code = errno
                    if code == EINTR { continue }
                    if offset > 0 { state.torn = true }
                    throw fail(&state, code, "write", now: now)
                }
                if n == 0 { throw fail(&state, EIO, "write", now: now, torn: offset > 0) }
                offset += n
                state.size += Int64(n)
            }
            state.lastDay = LogRotation.day(now)
            state.torn = false
            state.unsynced = true
            defer { state.failedSinceNs = nil }
            return state.failedSinceNs
        }
    }

    private func fail(_ state: inout State, _ code: Int32, _ operation: String, now: Int64,
                      torn: Bool = false) -> LogWriteError {
        if torn { state.torn = true }
        if state.failedSinceNs == nil { state.failedSinceNs = now }
        return LogWriteError([.init(stream: stream, errno: code, operation: operation, path: path)])
    }

    /// `fdatasync` when bytes were written since the last one.
    func sync(now: Int64) throws(LogWriteError) {
        try state.withLock { (state) throws(LogWriteError) in
            guard state.fd >= 0, state.unsynced else { return }
            if io.sync(state.fd) != 0 { throw fail(&state, errno, "fdatasync", now: now) }
            state.unsynced = false
        }
    }

    var isFailed: Bool { state.withLock { $0.failedSinceNs != nil } }

    /// `fdatasync`s and closes the descriptor; the next write opens the path again (SIGUSR1 reopen, shutdown).
    func close() {
        state.withLock { state in
            guard state.fd >= 0 else { return }
            if state.unsynced { _ = io.sync(state.fd) }
            Glibc.close(state.fd)
            state.fd = -1
            state.unsynced = false
        }
    }
}
