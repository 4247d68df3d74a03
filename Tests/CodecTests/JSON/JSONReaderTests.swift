import Codec
import Testing

@Suite struct JSONReaderTests {
    private func parse(_ text: String, limits: JSONReader.Limits = .init()) throws(JSONReadError) -> JSONValue {
        try JSONReader.parse(Array(text.utf8), limits: limits)
    }

    private func error(_ bytes: [UInt8], limits: JSONReader.Limits = .init()) -> JSONReadError? {
        do {
            _ = try JSONReader.parse(bytes, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    static let accepted: [(String, JSONValue)] = [
        ("null", .null), ("true", .bool(true)), ("false", .bool(false)),
        ("0", .int(0)), ("-0", .int(0)), ("42", .int(42)), ("-17", .int(-17)),
        ("9223372036854775807", .int(.max)), ("-9223372036854775808", .int(.min)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808)),
        ("-9223372036854775809", .double(-9_223_372_036_854_775_808.0)),
        ("1.0", .double(1)), ("-0.0", .double(-0.0)), ("0.1", .double(0.1)), ("1e2", .double(100)),
        ("1E+2", .double(100)), ("2.5e-3", .double(0.0025)), ("1e-400", .double(0)),
        ("30.5", .double(30.5)), ("17976931348623157e292", .double(1.7976931348623157e308)),
        ("\"\"", .string("")), ("\"abc\"", .string("abc")),
        (#""a\"b\\c\/d\b\f\n\r\t""#, .string("a\"b\\c/d\u{08}\u{0C}\n\r\t")),
        (#""\u00e9\u20AC\ud83d\ude00\u0000""#, .string("é€😀\u{0}")),
        ("\"é€😀\"", .string("é€😀")),
        ("[]", .array([])), ("{}", .object(JSONObject())),
        (" \t\r\n[1, \"x\" , null ]\n", .array([.int(1), .string("x"), .null])),
        (#"{"a":{"b":[true,{}]}}"#, ["a": ["b": [true, .object([:])]]]),
    ]

    @Test(arguments: accepted)
    func acceptsValidDocuments(_ text: String, _ expected: JSONValue) throws {
        #expect(try parse(text) == expected)
    }

    static let rejected: [(String, Int, String)] = [
        ("", 0, "unexpected end of input; expected a JSON value"),
        ("   ", 3, "unexpected end of input; expected a JSON value"),
        ("[1,2,]", 5, "trailing comma in array"),
        (#"{"a":1,}"#, 7, "trailing comma in object"),
        ("01", 0, "leading zero in number"),
        ("-012", 0, "leading zero in number"),
        ("+1", 0, "unexpected character '+'; expected a JSON value"),
        (".5", 0, "unexpected character '.'; expected a JSON value"),
        ("1.", 2, "expected a digit after the decimal point"),
        ("1.e5", 2, "expected a digit after the decimal point"),
        ("1e", 2, "expected a digit in the exponent"),
        ("1e+", 3, "expected a digit in the exponent"),
        ("-", 1, "unexpected end of input; expected a digit after '-'"),
        ("-a", 1, "expected a digit after '-'"),
        ("NaN", 0, "unexpected character 'N'; expected a JSON value"),
        ("Infinity", 0, "unexpected character 'I'; expected a JSON value"),
        ("-Infinity", 1, "expected a digit after '-'"),
        ("1e400", 0, "number out of range"),
        ("[-1e400]", 1, "number out of range"),
        ("'a'", 0, "unexpected character '''; expected a JSON value"),
        ("{'a':1}", 1, "unexpected character '''; expected a string key"),
        ("[1] // c", 4, "unexpected character '/' after the top-level value"),
        ("/* c */ 1", 0, "unexpected character '/'; expected a JSON value"),
        ("\"a\nb\"", 2, "unescaped control character byte 0x0A in string"),
        ("\"a\tb\"", 2, "unescaped control character byte 0x09 in string"),
        (#""\ud800""#, 1, "lone surrogate in \\u escape"),
        (#""\ud800\u0041""#, 1, "lone surrogate in \\u escape"),
        (#""\udc00""#, 1, "lone surrogate in \\u escape"),
        (#""\u12G4""#, 5, "invalid \\u escape: expected 4 hex digits"),
        (#""\x""#, 1, "invalid escape '\\x' in string"),
        ("\"abc", 4, "unexpected end of input; unterminated string"),
        ("[1 2]", 3, "unexpected character '2'; expected ',' or ']' in array"),
        (#"{"a" 1}"#, 5, "unexpected character '1'; expected ':' after the object key"),
        (#"{"a":1 "b":2}"#, 7, "unexpected character '\"'; expected ',' or '}' in object"),
        (#"{"a":1"#, 6, "unexpected end of input; expected ',' or '}' in object"),
        ("{1:2}", 1, "unexpected character '1'; expected a string key"),
        ("[", 1, "unexpected end of input; expected a JSON value"),
        ("tru", 0, "invalid literal; expected 'true'"),
        ("nul", 0, "invalid literal; expected 'null'"),
        ("True", 0, "unexpected character 'T'; expected a JSON value"),
        ("1 2", 2, "unexpected character '2' after the top-level value"),
        ("{} x", 3, "unexpected character 'x' after the top-level value"),
        ("[1]\u{0}", 3, "unexpected byte 0x00 after the top-level value"),
    ]

    @Test(arguments: rejected)
    func rejectsWhatRFC8259Forbids(_ text: String, _ offset: Int, _ message: String) {
        #expect(error(Array(text.utf8)) == JSONReadError(offset: offset, message: message))
    }

    static let invalidUTF8: [([UInt8], Int)] = [
        ([0x22, 0xC0, 0xAF, 0x22], 1),  // overlong "/"
        ([0x22, 0xE0, 0x80, 0xAF, 0x22], 1),  // overlong, three bytes
        ([0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22], 1),  // overlong, four bytes
        ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),  // encoded surrogate U+D800
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // U+110000
        ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], 1),
        ([0x22, 0x61, 0x80, 0x22], 2),  // lone continuation byte
        ([0x22, 0xC3, 0x22], 1),  // truncated sequence
        ([0x22, 0x61, 0xE2, 0x82], 2),  // truncated at end of input
        ([0x22, 0xFF, 0x22], 1),
    ]

    @Test(arguments: invalidUTF8)
    func rejectsInvalidUTF8InStrings(_ bytes: [UInt8], _ offset: Int) {
        #expect(error(bytes) == JSONReadError(offset: offset, message: "invalid UTF-8"))
    }

    @Test func acceptsTheLargestScalarsOfEachUTF8Length() throws {
        let bytes: [UInt8] = [0x22, 0xDF, 0xBF, 0xEF, 0xBF, 0xBF, 0xF4, 0x8F, 0xBF, 0xBF, 0x22]
        #expect(try JSONReader.parse(bytes) == .string("\u{7FF}\u{FFFF}\u{10FFFF}"))
    }

    /// The exact fast path for short decimals must give the correctly rounded double, as `Double(String)` does, for
    /// plain, fractional and exponent forms, signs and zeros; longer literals take the general path.
    @Test func decimalNumbersAreCorrectlyRounded() throws {
        var state: UInt64 = 0xDEAD_BEEF
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        var literals = ["0.0", "-0.0", "1.5", "0.1", "0.30000000000000004", "9007199254740993.0", "1e22", "1e23",
                        "123456789012345678901.5", "4.9e-324", "2.2250738585072014e-308", "1.7976931348623157e308",
                        "0.000001", "1E+2", "-7.5e-3", "100000.0", "-1.2", "0.5e0"]
        for _ in 0..<20_000 {
            let digits = String(next() % 10_000_000_000_000_000)
            let point = Int(next() % UInt64(digits.count + 1))
            var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            if text.hasPrefix(".") { text = "0" + text }
            if text.hasSuffix(".") { text += "0" }
            if next() % 3 == 0 { text += "e" + String(Int(next() % 60) - 30) }
            if next() % 2 == 0 { text = "-" + text }
            literals.append(text)
        }
        for text in literals {
            let expected = try #require(Double(text))
            guard case .double(let read) = try parse(text) else {
                Issue.record("\(text) did not read as a double")
                continue
            }
            #expect(read.bitPattern == expected.bitPattern, "\(text)")
        }
    }

    @Test func aRepeatedKeyKeepsItsFirstPositionAndTakesTheLastValue() throws {
        let value = try parse(#"{"a":1,"b":2,"a":3}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == .int(3))
        #expect(value.serializedString == #"{"a":3,"b":2}"#)
    }

    @Test func repeatsInALargeObjectAndInNestedObjectsResolveLikeSmallOnes() throws {
        let members = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let value = try parse("{\(members),\"k3\":\"x\",\"n\":{\"k3\":1,\"k3\":2},\"k39\":[1,{\"k1\":0}],\"k0\":null}")
        let object = try #require(value.objectValue)
        #expect(object.keys == (0..<40).map { "k\($0)" } + ["n"])
        #expect(object["k3"] == .string("x"))
        #expect(object["k0"] == .null)
        #expect(object["n"] == .object(JSONObject([("k3", .int(2))])))
        #expect(object["k39"] == .array([.int(1), .object(JSONObject([("k1", .int(0))]))]))
        #expect(object["k20"] == .int(20))
    }

    @Test func keepsMemberOrderOfLargeObjects() throws {
        let keys = (0..<200).map { "k\(199 - $0)" }
        let text = "{" + keys.enumerated().map { "\"\($1)\":\($0)" }.joined(separator: ",") + ",\"k5\":-1}"
        let object = try #require(try parse(text).objectValue)
        #expect(object.keys == keys)
        #expect(object["k5"] == .int(-1))
        #expect(object["k199"] == .int(0))
    }

    @Test func nestingUpToTheLimitIsAcceptedAndOneDeeperIsNot() throws {
        let limits = JSONReader.Limits(maxDepth: 4)
        #expect(try parse("[[{\"a\":[]}]]", limits: limits) == [[["a": []]]])
        #expect(
            error(Array("[[{\"a\":[[]]}]]".utf8), limits: limits)
                == JSONReadError(offset: 8, message: "nesting deeper than 4"))
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(error(Array(deep.utf8)) == JSONReadError(offset: 64, message: "nesting deeper than 64"))
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try parse(ok) != .null)
    }

    @Test func rejectsInputLargerThanTheByteLimit() throws {
        let limits = JSONReader.Limits(maxBytes: 8)
        #expect(try parse("\"123456\"", limits: limits) == .string("123456"))
        #expect(
            error(Array("\"1234567\"".utf8), limits: limits)
                == JSONReadError(offset: 8, message: "input larger than 8 bytes"))
        #expect(JSONReader.Limits().maxBytes == 1_048_576)
        #expect(JSONReader.Limits().maxDepth == 64)
    }

    @Test func everyProperPrefixOfADocumentIsRejected() throws {
        let text = #"{"order":{"qty":0.25,"side":"buy","tags":["a","\u00e9"]},"ok":true,"n":null,"i":-12}"#
        let bytes = Array(text.utf8)
        let whole = try JSONReader.parse(bytes)
        for cut in 0..<bytes.count {
            let prefix = Array(bytes[..<cut])
            let problem = error(prefix)
            // A number cut short is still a number ("-1" of "-12"), which then leaves the object unterminated.
            #expect(problem != nil, "prefix of \(cut) bytes was accepted")
            #expect(problem.map { $0.offset <= cut } ?? false)
        }
        #expect(try JSONReader.parse(bytes[...]) == whole)
    }

    @Test func overflowCanBeAllowedToBecomeInfinity() throws {
        let limits = JSONReader.Limits(allowsOverflowToInfinity: true)
        #expect(try parse("[1e400,-1e400,1e-400]", limits: limits) == [.double(.infinity), .double(-.infinity), 0.0])
        #expect(error(Array("1e400".utf8)) == JSONReadError(offset: 0, message: "number out of range"))
    }

    @Test func parsesNonContiguousCollections() throws {
        let bytes = Array("[1,\"ü\"]".utf8)
        #expect(try JSONReader.parse(bytes.reversed().reversed()) == [1, "ü"])
    }

    @Test func errorDescriptionNamesTheByteOffset() {
        let problem = error(Array("[1,]".utf8))
        #expect(problem?.description == "invalid JSON at byte 3: trailing comma in array")
    }

    @Test func numbersAreCorrectlyRounded() throws {
        #expect(try parse("0.1").doubleValue == 0.1)
        #expect(try parse("2.2250738585072011e-308").doubleValue == Double.leastNormalMagnitude.nextDown)
        #expect(try parse("9007199254740993.0").doubleValue == 9_007_199_254_740_992)
        #expect(try parse("5e-324").doubleValue == Double.leastNonzeroMagnitude)
        #expect(try parse("12").doubleValue == 12)
    }
}
