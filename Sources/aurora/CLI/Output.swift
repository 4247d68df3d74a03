import Glibc

/// Writes to standard output and standard error without buffering surprises between the two.
enum Output {
    static func out(_ text: String) {
        var line = text
        if !line.hasSuffix("\n") { line += "\n" }
        write(1, line)
    }

    static func err(_ text: String) {
        var line = text
        if !line.hasSuffix("\n") { line += "\n" }
        write(2, line)
    }

    private static func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                return
            }
            offset += n
        }
        bytes.removeAll()
    }
}
