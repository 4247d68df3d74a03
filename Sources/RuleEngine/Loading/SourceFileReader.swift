import Glibc
import YAMLKit

/// Reads rule files for the loader: the only I/O the engine does.
enum SourceFileReader {
    static let maxBytes = 4 << 20

    enum Failure: Error {
        case unreadable(String)
        case tooLarge(Int)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func read(_ path: String, maxBytes: Int = maxBytes) -> Result<[UInt8], Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(.unreadable(String(cString: strerror(EISDIR)))) }
        if Int(info.st_size) > maxBytes { return .failure(.tooLarge(Int(info.st_size))) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(String(cString: strerror(errno))))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maxBytes { return .failure(.tooLarge(bytes.count)) }
        }
        return .success(bytes)
    }

    /// `5.0 MiB`, `812 KiB`, `17 bytes`.
    static func sizeText(_ size: Int) -> String {
        if size >= 1 << 20 {
            let tenths = (size * 10 + (1 << 19)) >> 20
            return "\(tenths / 10).\(tenths % 10) MiB"
        }
        if size >= 1024 { return "\((size + 512) / 1024) KiB" }
        return "\(size) bytes"
    }
}

/// Lexical path handling for includes and config-relative paths (rule-files.md §4.1: `.` and `..` resolved
/// lexically).
public enum RulePath {
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    public static func join(_ directory: String, _ relative: String) -> String {
        directory.isEmpty ? relative : (directory.hasSuffix("/") ? directory + relative : directory + "/" + relative)
    }

    public static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
