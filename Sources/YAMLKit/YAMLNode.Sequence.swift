extension YAMLNode {
    /// A block or flow sequence, items in file order.
    public struct Sequence: Sendable, Hashable {
        public let items: [YAMLNode]
        public let location: SourceLocation

        public init(items: [YAMLNode], location: SourceLocation) {
            self.items = items
            self.location = location
        }
    }
}
