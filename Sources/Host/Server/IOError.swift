import Glibc

/// A failed system call: which operation, on what, and the errno the kernel gave.
public struct IOError: Error, Sendable, Hashable, CustomStringConvertible {
    public let errno: Int32
    /// The call and its subject, e.g. `bind 127.0.0.1:8000`.
    public let operation: String

    public init(errno: Int32, operation: String) {
        self.errno = errno
        self.operation = operation
    }

    public var description: String {
        "\(operation) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
