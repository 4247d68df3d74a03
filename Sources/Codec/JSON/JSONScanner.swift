/// The recursive-descent machine behind `JSONReader`: one pass over a contiguous buffer, a cursor and a depth.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    let allowsOverflow: Bool
    var position = 0
    var depth = 0
    /// Reused for strings with escapes or non-ASCII bytes.
    var scratch: [UInt8] = []

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
        var object = JSONObject()
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(object)
        }
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
            object.append(key, try value())
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                return .object(object)
            default:
                throw failExpecting("',' or '}' in object")
            }
        }
    }

    private mutating func array() throws(JSONReadError) -> JSONValue {
        try enter()
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            if peek() == UInt8(ascii: "]") { throw fail("trailing comma in array") }
            elements.append(try value())
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                return .array(elements)
            default:
                throw failExpecting("',' or ']' in array")
            }
        }
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
