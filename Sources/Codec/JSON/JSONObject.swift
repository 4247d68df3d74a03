/// The members of a JSON object: unique keys, kept in insertion order.
///
/// Lookups are linear for small objects and go through a hash index once an object grows past a few members, so
/// reading a large (possibly hostile) body stays linear. Equality compares keys and values in order.
public struct JSONObject: Sendable, Hashable, Sequence {
    public typealias Element = (key: String, value: JSONValue)

    private var storedKeys: [String] = []
    private var values: [JSONValue] = []
    /// Key → position, built once the object has more than `indexThreshold` members.
    private var index: [String: Int]? = nil
    private static let indexThreshold = 12

    public init() {}

    /// An empty object with room for `minimumCapacity` members before its storage grows.
    public init(minimumCapacity: Int) {
        storedKeys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
    }

    /// Members in the given order; a repeated key keeps its first position and takes its last value.
    public init(_ pairs: [(String, JSONValue)]) {
        storedKeys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        for (key, value) in pairs { append(key, value) }
    }

    /// Members whose keys are already unique, in order (the reader's, which resolved repeats while scanning).
    init(uniqueKeys keys: ArraySlice<String>, values: ArraySlice<JSONValue>) {
        storedKeys = Array(keys)
        self.values = Array(values)
        if storedKeys.count > Self.indexThreshold { rebuildIndex() }
    }

    /// The keys in stored order.
    public var keys: [String] { storedKeys }

    /// The number of members.
    public var count: Int { storedKeys.count }

    /// True when the object has no members.
    public var isEmpty: Bool { storedKeys.isEmpty }

    /// The value stored under `key`; setting nil removes the member, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { values[$0] } }
        set {
            if let newValue {
                append(key, newValue)
            } else if let at = position(of: key) {
                storedKeys.remove(at: at)
                values.remove(at: at)
                rebuildIndex()
            }
        }
    }

    /// Appends a member; when `key` exists its value is replaced and it keeps its position.
    public mutating func append(_ key: String, _ value: JSONValue) {
        if let at = position(of: key) {
            values[at] = value
            return
        }
        storedKeys.append(key)
        values.append(value)
        if index != nil {
            index?[key] = storedKeys.count - 1
        } else if storedKeys.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(keys: storedKeys, values: values)
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.storedKeys == rhs.storedKeys && lhs.values == rhs.values
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storedKeys)
        hasher.combine(values)
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        // Keys of another UTF-8 length cannot be equal: most candidates are rejected without a string comparison.
        let length = key.utf8.count
        for position in storedKeys.indices {
            let candidate = storedKeys[position]
            if candidate.utf8.count == length && candidate == key { return position }
        }
        return nil
    }

    private mutating func rebuildIndex() {
        guard storedKeys.count > Self.indexThreshold else {
            index = nil
            return
        }
        var built = [String: Int](minimumCapacity: storedKeys.count)
        for (position, key) in storedKeys.enumerated() { built[key] = position }
        index = built
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Members in the written order; a repeated key keeps its first position and takes its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
