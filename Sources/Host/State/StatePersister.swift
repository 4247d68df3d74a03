import Glibc
public import RuleEngine
import Synchronization

/// Reads the state file at start and writes it atomically (observability.md §6, §9): a temporary file in the same
/// directory, `write`, `fsync`, `rename` over the old file, `fsync` of the directory. A failed write leaves the
/// previous file intact. Writes are serialised; the last `ops_token` record is remembered, so every write carries
/// the rotated token in force (see `write(values:now:)`).
public final class StatePersister: Sendable {
    public let path: String
    private let temporaryPath: String
    private let directory: String

    private struct Record {
        var opsToken: StateFile.RotatedToken?
        var lastWriteMs: Int64?
    }

    private let record = Mutex(Record())

    /// A persister for the file at `path` (config `state.path`); nothing is read or written yet.
    public init(path: String) {
        self.path = path
        let directory = PathResolution.directory(of: path)
        self.directory = directory.isEmpty ? "." : directory
        let name = path.split(separator: "/").last.map(String.init) ?? path
        self.temporaryPath = (directory.isEmpty ? "" : directory == "/" ? "/" : directory + "/") + ".\(name).tmp"
    }

    /// The `ops_token` record the next write carries (the loaded one, until a write replaces it).
    public var opsToken: StateFile.RotatedToken? { record.withLock { $0.opsToken } }

    /// When the file was last written by this persister (epoch ms), for `/ops/state`'s `state_file.last_write`.
    public var lastWriteMs: Int64? { record.withLock { $0.lastWriteMs } }

    /// Reads the file (http-api.md §8): missing → fresh state (`ACTIVE`, armed, empty book, no overrides);
    /// unreadable, not JSON, another version or anything invalid → fresh values but `HALTED` with source `startup`
    /// since `now`, and a reason naming the problem. Never starts `ACTIVE` from a bad file.
    public func load(now: WallTime) -> Loaded {
        switch FileBytes.read(path, limit: Self.maxBytes + 1) {
        case .failure(let failure) where failure.isMissing:
            return Loaded(values: SharedState.Values(), opsToken: nil, status: .fresh)
        case .failure(let failure):
            return halted(StateFile.Problem(.unreadable, "cannot read state file '\(path)': \(failure)"), now: now)
        case .success(let (bytes, _)):
            guard bytes.count <= Self.maxBytes else {
                return halted(
                    StateFile.Problem(.invalid, "state file '\(path)' is larger than \(Self.maxBytes) bytes"), now: now)
            }
            do throws(StateFile.Problem) {
                let file = try StateFile.decode(bytes)
                record.withLock { $0.opsToken = file.opsToken }
                return Loaded(values: file.values, opsToken: file.opsToken, status: .loaded)
            } catch {
                return halted(
                    StateFile.Problem(error.kind, "state file '\(path)' is corrupt: \(error.message)"), now: now)
            }
        }
    }

    /// Writes `values` with the remembered `ops_token` record.
    public func write(values: SharedState.Values, now: WallTime) throws(WriteError) {
        try write(values: values, opsToken: nil, replacingToken: false, now: now)
    }

    /// Writes `values` with `opsToken` (nil: no rotated token in force), which is remembered once written.
    public func write(values: SharedState.Values, opsToken: StateFile.RotatedToken?, now: WallTime) throws(WriteError) {
        try write(values: values, opsToken: opsToken, replacingToken: true, now: now)
    }

    private func write(
        values: SharedState.Values, opsToken: StateFile.RotatedToken?, replacingToken: Bool, now: WallTime
    ) throws(WriteError) {
        try record.withLock { (record: inout Record) throws(WriteError) in
            let token = replacingToken ? opsToken : record.opsToken
            let bytes = StateFile(values: values, opsToken: token, writtenAtMs: now.ms).encoded()
            try replaceFile(with: bytes)
            record.opsToken = token
            record.lastWriteMs = now.ms
        }
    }

    /// The atomic replace: temp file, write, fsync, close, rename, fsync of the directory.
    private func replaceFile(with bytes: [UInt8]) throws(WriteError) {
        try makeDirectory(directory)
        let fd = temporaryPath.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) }
        guard fd >= 0 else { throw WriteError(path: path, step: "create \(temporaryPath)", errno: errno) }
        var failure: WriteError?
        var offset = 0
        while offset < bytes.count, failure == nil {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                failure = WriteError(path: path, step: "write \(temporaryPath)", errno: errno)
            } else {
                offset += written
            }
        }
        if failure == nil, fsync(fd) != 0 {
            failure = WriteError(path: path, step: "fsync \(temporaryPath)", errno: errno)
        }
        if close(fd) != 0, failure == nil {
            failure = WriteError(path: path, step: "close \(temporaryPath)", errno: errno)
        }
        if failure == nil, rename(temporaryPath, path) != 0 {
            failure = WriteError(path: path, step: "rename \(temporaryPath) to \(path)", errno: errno)
        }
        if let failure {
            unlink(temporaryPath)
            throw failure
        }
        let directoryFD = directory.withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard directoryFD >= 0 else { throw WriteError(path: path, step: "open directory \(directory)", errno: errno) }
        defer { close(directoryFD) }
        guard fsync(directoryFD) == 0 else {
            throw WriteError(path: path, step: "fsync directory \(directory)", errno: errno)
        }
    }

    /// `mkdir -p`.
    private func makeDirectory(_ directory: String) throws(WriteError) {
        var info = stat()
        if stat(directory, &info) == 0 { return }
        let parent = PathResolution.directory(of: directory)
        if !parent.isEmpty, parent != directory { try makeDirectory(parent) }
        if mkdir(directory, 0o755) != 0, errno != EEXIST {
            throw WriteError(path: path, step: "create directory \(directory)", errno: errno)
        }
    }

    private func halted(_ problem: StateFile.Problem, now: WallTime) -> Loaded {
        var values = SharedState.Values()
        values.trading = TradingStatus(state: .halted, sinceMs: now.ms, reason: problem.message, source: .startup)
        return Loaded(values: values, opsToken: nil, status: .corrupt(problem))
    }

    /// A state file is a few kilobytes; anything past this is refused unread.
    static let maxBytes = 16 << 20
}
