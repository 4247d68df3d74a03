/// One header field as received or to be sent. `valueBytes` are the exact bytes (OWS trimmed); `value` is their
/// UTF-8 reading (invalid sequences replaced), for the common ASCII case.
public struct HTTPField: Sendable, Hashable {
    public let name: String
    public let value: String
    public let valueBytes: [UInt8]

    public init(name: String, value: String) {
        self.name = name
        self.value = value
        self.valueBytes = Array(value.utf8)
    }

    init(name: String, valueBytes: [UInt8]) {
        self.name = name
        self.value = String(decoding: valueBytes, as: UTF8.self)
        self.valueBytes = valueBytes
    }
}

/// Header fields in the order they were received or added; names are looked up case-insensitively.
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [HTTPField] = []

    public init() {}

    public init(_ pairs: [(String, String)]) {
        for (name, value) in pairs { add(name: name, value: value) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }

    public func makeIterator() -> IndexingIterator<[HTTPField]> { fields.makeIterator() }

    /// The first value of the field `name`, or nil.
    public subscript(name: String) -> String? {
        fields.first { Self.equalNames($0.name, name) }?.value
    }

    /// Every value of the field `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { Self.equalNames($0.name, name) }.map(\.value)
    }

    /// The first field named `name`, or nil (its exact bytes are in `valueBytes`).
    public func field(_ name: String) -> HTTPField? {
        fields.first { Self.equalNames($0.name, name) }
    }

    public func contains(_ name: String) -> Bool {
        fields.contains { Self.equalNames($0.name, name) }
    }

    public mutating func add(name: String, value: String) {
        fields.append(HTTPField(name: name, value: value))
    }

    mutating func add(_ field: HTTPField) {
        fields.append(field)
    }

    /// Removes every field named `name`, then adds one with `value`.
    public mutating func replaceOrAdd(name: String, value: String) {
        remove(name)
        add(name: name, value: value)
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { Self.equalNames($0.name, name) }
    }

    /// ASCII case-insensitive comparison of two field names.
    static func equalNames(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.utf8
        let right = rhs.utf8
        guard left.count == right.count else { return false }
        for (a, b) in zip(left, right) where a != b {
            guard a | 0x20 == b | 0x20, (a | 0x20) >= 0x61, (a | 0x20) <= 0x7A else { return false }
        }
        return true
    }
}
