import Glibc

extension StatePersister {
    /// A failed state-file write; the previous file is intact unless the failing step is the directory `fsync`
    /// (the new file is then in place but its durability is not guaranteed).
    public struct WriteError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The state file.
        public let path: String
        /// What failed: `create state/.aurora_state.json.tmp`, `fsync …`, `rename … to …`.
        public let step: String
        /// For `HEALTH.ERROR`'s `errno`.
        public let errno: Int32

        public init(path: String, step: String, errno: Int32) {
            self.path = path
            self.step = step
            self.errno = errno
        }

        /// `strerror` text, for `HEALTH.ERROR`'s `error`.
        public var reason: String { String(cString: strerror(errno)) }

        /// `cannot write state file 'state/aurora_state.json': rename … failed: No space left on device`.
        public var description: String { "cannot write state file '\(path)': \(step) failed: \(reason)" }
    }
}
