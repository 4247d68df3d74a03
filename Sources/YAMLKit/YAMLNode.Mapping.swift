extension YAMLNode {
    /// A block or flow mapping, entries in file order. Keys are unique (the parser rejects duplicates).
    public struct Mapping: Sendable, Hashable {
        public let entries: [(key: Scalar, value: YAMLNode)]
        public let location: SourceLocation

        public init(entries: [(key: Scalar, value: YAMLNode)], location: SourceLocation) {
            self.entries = entries
            self.location = location
        }

        /// The value written under `key`, if any.
        public subscript(key: String) -> YAMLNode? {
            entries.first { $0.key.text == key }?.value
        }

        /// The key scalar `key` as written (for locating key errors), if any.
        public func keyScalar(_ key: String) -> Scalar? {
            entries.first { $0.key.text == key }?.key
        }

        /// The keys in file order.
        public var keys: [String] { entries.map(\.key.text) }

        public static func == (lhs: Mapping, rhs: Mapping) -> Bool {
            lhs.location == rhs.location && lhs.entries.count == rhs.entries.count
                && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(location)
            hasher.combine(entries.count)
            for entry in entries {
                hasher.combine(entry.key)
                hasher.combine(entry.value)
            }
        }
    }
}
