import Glibc

/// Reads a whole file with the reason of a failure (`strerror` text), which `FileManager` does not give.
enum FileBytes {
    struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        let errno: Int32
        var description: String { String(cString: strerror(errno)) }
        var isMissing: Bool { errno == ENOENT }
    }

    /// The bytes of the regular file at `path` and its permission bits; a directory is `EISDIR`. At most about
    /// `limit` bytes are read (callers that care compare the count with the limit).
    static func read(_ path: String, limit: Int = 64 << 20) -> Result<(bytes: [UInt8], mode: UInt32), Failure> {
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { return .failure(Failure(errno: errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(Failure(errno: errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(Failure(errno: EISDIR)) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while bytes.count < limit {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(errno: errno))
            }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        return .success((bytes, UInt32(info.st_mode) & 0o7777))
    }
}
