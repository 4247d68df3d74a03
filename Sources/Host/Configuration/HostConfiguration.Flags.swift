extension HostConfiguration {
    /// The command-line layer: `--set KEY=VALUE` (repeatable) and the named shortcuts `--listen`, `--rules`
    /// (repeatable) and `--session-dir`. A shortcut wins over a `--set` of the same key; among `--set`s, the last.
    public struct Flags: Sendable, Hashable {
        public var assignments: [Assignment]
        public var listen: String?
        public var rules: [String]
        public var sessionDir: String?

        /// One `--set KEY=VALUE`.
        public struct Assignment: Sendable, Hashable {
            public var key: String
            public var value: String

            public init(key: String, value: String) {
                self.key = key
                self.value = value
            }

            /// `KEY=VALUE` split at the first `=`; nil when there is no `=` or the key is empty.
            public init?(parsing text: String) {
                guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
                self.init(key: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
            }
        }

        public init(
            assignments: [Assignment] = [], listen: String? = nil, rules: [String] = [], sessionDir: String? = nil
        ) {
            self.assignments = assignments
            self.listen = listen
            self.rules = rules
            self.sessionDir = sessionDir
        }

        /// Flag values by full dotted key, as `ConfigSources.flags` takes them (rule files joined with commas).
        public var values: [String: String] {
            var values: [String: String] = [:]
            for assignment in assignments { values[assignment.key] = assignment.value }
            if let listen { values["server.listen"] = listen }
            if !rules.isEmpty { values["rules.files"] = rules.joined(separator: ",") }
            if let sessionDir { values["logging.session_dir"] = sessionDir }
            return values
        }
    }
}
