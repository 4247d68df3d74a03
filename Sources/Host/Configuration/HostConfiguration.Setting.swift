public import YAMLKit

extension HostConfiguration {
    /// One key's effective value and where it came from: `server.listen = 127.0.0.1:8000 (configs/aurora.yaml:4:3)`.
    public struct Setting: Sendable, Hashable {
        /// The full dotted key: `server.listen`.
        public var key: String
        public var value: PlainValue
        public var origin: ConfigOrigin

        public init(key: String, value: PlainValue, origin: ConfigOrigin) {
            self.key = key
            self.value = value
            self.origin = origin
        }

        /// The value as `config print` shows it: `127.0.0.1:8000`, `[rules/default.yaml]`, `none` for null.
        public var valueText: String {
            if case .null = value { return "none" }
            return value.description
        }
    }
}
