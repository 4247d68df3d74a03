/// The recursive-descent machine behind `JSONReader`: one pass over a contiguous buffer, a cursor and a depth.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    let allowsOverflow: Bool
    var position = 0
    var depth = 0
    /// Reused for strings with escapes or non-ASCII bytes.
    var scratch: [UInt8] = []
    /// The members of the objects being read, innermost last: each object takes its slice once complete, so its
    /// arrays are allocated once at their final size instead of growing member by member.
    private var memberKeys: [String] = []
    private var memberValues: [JSONValue] = []
    /// The elements of the arrays being read, innermost last.
    private var elementStack: [JSONValue] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, allowsOverflow: Bool) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.allowsOverflow = allowsOverflow
    }

    /// The whole input: one value surrounded by optional whitespace.
    mutating func document() throws(JSONReadError) -> JSONValue {
        skipWhitespace()
        let value = try self.value()
        skipWhitespace()
        if position < bytes.count {
            throw fail("unexpected \(describe(bytes[position])) after the top-level value")
        }
        return value
    }

    mutating func value() throws(JSONReadError) -> JSONValue {
        guard position < bytes.count else { throw fail("unexpected end of input; expected a JSON value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case let byte: throw fail("unexpected \(describe(byte)); expected a JSON value")
        }
    }

    private mutating func object() throws(JSONReadError) -> JSONValue {
        try enter()
        position += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(JSONObject())
        }
        if memberKeys.capacity == 0 {
            memberKeys.reserveCapacity(32)
            memberValues.reserveCapacity(32)
        }
        let base = memberKeys.count
        defer {
            memberKeys.removeSubrange(base...)
            memberValues.removeSubrange(base...)
        }
        var index: [String: Int]?
        while true {
            skipWhitespace()
            guard let byte = peek() else { throw fail("unexpected end of input; expected a string key") }
            guard byte == UInt8(ascii: "\"") else {
                if byte == UInt8(ascii: "}") { throw fail("trailing comma in object") }
                throw fail("unexpected \(describe(byte)); expected a string key")
            }
            let key = try string()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw failExpecting("':' after the object key") }
            position += 1
            skipWhitespace()
            let member = try value()
            if let repeated = repeatedKey(key, from: base, index: index) {
                memberValues[repeated] = member  // first position, last value
            } else {
                memberKeys.append(key)
                memberValues.append(member)
                if index != nil {
                    index?[key] = memberKeys.count - 1
                } else if memberKeys.count - base > Self.linearKeyLimit {
                    var built = [String: Int](minimumCapacity: 2 * Self.linearKeyLimit)
                    for position in base..<memberKeys.count { built[memberKeys[position]] = position }
                    index = built
                }
            }
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                return .object(JSONObject(uniqueKeys: memberKeys[base...], values: memberValues[base...]))
            default:
                throw failExpecting("',' or '}' in object")
            }
        }
    }

    private mutating func array() throws(JSONReadError) -> JSONValue {
        try enter()
        position += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array([])
        }
        if elementStack.capacity == 0 { elementStack.reserveCapacity(32) }
        let base = elementStack.count
        defer { elementStack.removeSubrange(base...) }
        while true {
            skipWhitespace()
            if peek() == UInt8(ascii: "]") { throw fail("trailing comma in array") }
            let element = try value()
            elementStack.append(element)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                return .array(Array(elementStack[base...]))
            default:
                throw failExpecting("',' or ']' in array")
            }
        }
    }

    /// Objects with more members than this look repeats up in a hash index, so a hostile body stays linear.
    private static let linearKeyLimit = 12

    /// The index in `memberKeys` of `key` among the current object's members (from `base`), if it is a repeat.
    private func repeatedKey(_ key: String, from base: Int, index: [String: Int]?) -> Int? {
        if let index { return index[key] }
        let length = key.utf8.count
        for position in base..<memberKeys.count {
            let candidate = memberKeys[position]
            if candidate.utf8.count == length && candidate == key { return position }
        }
        return nil
    }

    private mutating func enter() throws(JSONReadError) {
        depth += 1
        if depth > maxDepth { throw fail("nesting deeper than \(maxDepth)") }
    }

    private mutating func literal(_ word: StaticString) throws(JSONReadError) {
        let start = position
        let text = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for expected in text {
            guard position < bytes.count, bytes[position] == expected else {
                position = start
                throw fail("invalid literal; expected '\(word)'")
            }
            position += 1
        }
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    func fail(_ message: String) -> JSONReadError { JSONReadError(offset: position, message: message) }

    func fail(_ message: String, at offset: Int) -> JSONReadError { JSONReadError(offset: offset, message: message) }

    private func failExpecting(_ what: String) -> JSONReadError {
        guard let byte = peek() else { return fail("unexpected end of input; expected \(what)") }
        return fail("unexpected \(describe(byte)); expected \(what)")
    }

    /// "character 'x'" for printable ASCII, "byte 0x0A" otherwise.
    func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "character '\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(Hex.encode([byte]).uppercased())"
    }
}
