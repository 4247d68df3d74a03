@testable import Codec
import Testing

@Suite struct JSONWriterTests {
    private func text(_ writer: JSONWriter) -> String { String(decoding: writer.bytes, as: UTF8.self) }

    /// Python 3: `json.dumps(x)` for each float.
    static let pythonFloats: [(Double, String)] = [
        (1.0, "1.0"), (0.01, "0.01"), (80.1, "80.1"), (1e-7, "1e-07"), (1e16, "1e+16"), (123_456_789.0, "123456789.0"),
        (1e15, "1000000000000000.0"), (9_007_199_254_740_992, "9007199254740992.0"), (9.92363e15, "9923630000000000.0"),
        (0.0001, "0.0001"), (0.00001, "1e-05"), (0.1 + 0.2, "0.30000000000000004"), (-0.0, "-0.0"), (0.0, "0.0"),
        (-2.5, "-2.5"), (1.5e300, "1.5e+300"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        (.leastNonzeroMagnitude, "5e-324"), (123_456_789_012_345_678.0, "1.2345678901234568e+17"), (1e22, "1e+22"),
        (31.0, "31.0"), (0.25, "0.25"), (-1.25e-10, "-1.25e-10"),
    ]

    @Test(arguments: pythonFloats)
    func doublesAreWrittenAsPythonJSONDumpsWritesThem(_ value: Double, _ expected: String) {
        var writer = JSONWriter()
        writer.double(value)
        #expect(text(writer) == expected)
        #expect(JSONValue.pythonNumber(value) == expected)
    }

    /// The writer's allocation-free number path against `DecimalDigits.pythonRepr` (the reference layout) over bit
    /// patterns drawn from every exponent range, plus integers near 2^53 and the ints' own path.
    @Test func fastDoublePathMatchesTheReferenceLayout() {
        var state: UInt64 = 0x1234_5678
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        var values: [Double] = []
        for _ in 0..<20_000 { values.append(Double(bitPattern: next())) }
        for _ in 0..<5_000 { values.append(Double(Int64(bitPattern: next()) >> Int64(next() % 64))) }
        for _ in 0..<5_000 { values.append(Double(next() % 1_000_000) / [1, 10, 100, 1000, 1e4, 1e7][Int(next() % 6)]) }
        for delta in -4...4 { values.append(9_007_199_254_740_992 + Double(delta * 2)) }
        for value in values where value.isFinite {
            var writer = JSONWriter()
            writer.double(value)
            #expect(text(writer) == DecimalDigits(value).pythonRepr, "bits \(value.bitPattern)")
        }
        for i: Int64 in [0, 7, -7, 10, 99, 1_000_000, .max, .min, -1] {
            var writer = JSONWriter()
            writer.int(i)
            #expect(text(writer) == String(i))
        }
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteDoublesAreWrittenAsNull(_ value: Double) {
        #expect(JSONValue.array([.double(value), .int(1)]).serializedString == "[null,1]")
    }

    static let escapes: [(String, String)] = [
        ("plain", #""plain""#), ("a\"b", #""a\"b""#), ("a\\b", #""a\\b""#), ("\n\t\r", #""\n\t\r""#),
        ("\u{08}\u{0C}", #""\b\f""#), ("\u{0}\u{1F}\u{01}", #""\u0000\u001f\u0001""#), ("/", #""/""#),
        ("é€😀", "\"é€😀\""), ("\u{7F}", "\"\u{7F}\""),
    ]

    @Test(arguments: escapes)
    func stringsEscapeQuotesBackslashesAndControlCharacters(_ value: String, _ expected: String) throws {
        let written = JSONValue.string(value).serializedString
        #expect(written == expected)
        #expect(try JSONReader.parse(Array(written.utf8)) == .string(value))
    }

    @Test func writesValuesCompactlyInStoredKeyOrder() {
        let value: JSONValue = [
            "z": 1, "a": [true, false, nil], "m": ["y": 2.5, "b": "s"], "e": .array([]), "o": .object([:]),
            "i": .int(-9_223_372_036_854_775_808),
        ]
        #expect(
            value.serializedString
                == #"{"z":1,"a":[true,false,null],"m":{"y":2.5,"b":"s"},"e":[],"o":{},"i":-9223372036854775808}"#)
        #expect(value.serialized() == Array(value.serializedString.utf8))
    }

    @Test func literalFieldNamesWriteLikeKeys() {
        var writer = JSONWriter(capacity: 64)
        writer.beginObject()
        writer.field("allow")
        writer.bool(true)
        writer.field("a\"b")
        writer.beginArray()
        writer.endArray()
        writer.key("k")
        writer.int(1)
        writer.endObject()
        #expect(text(writer) == #"{"allow":true,"a\"b":[],"k":1}"#)
    }

    @Test func theStreamingCallsWriteTheirOwnCommas() {
        var writer = JSONWriter(capacity: 64)
        writer.beginObject()
        writer.key("allow")
        writer.bool(false)
        writer.key("reasons")
        writer.beginArray()
        writer.string("a")
        writer.string("b")
        writer.beginObject()
        writer.endObject()
        writer.endArray()
        writer.key("max_qty")
        writer.double(0.0)
        writer.key("n")
        writer.int(3)
        writer.key("q")
        writer.null()
        writer.key("v")
        writer.write(["x": [1, 2]])
        writer.endObject()
        #expect(text(writer) == #"{"allow":false,"reasons":["a","b",{}],"max_qty":0.0,"n":3,"q":null,"v":{"x":[1,2]}}"#)
    }

    @Test func aValueAfterANewlineStartsAFreshLine() {
        var writer = JSONWriter()
        writer.write(["a": 1])
        writer.bytes.append(0x0A)
        writer.write(["b": 2])
        writer.bytes.append(0x0A)
        #expect(text(writer) == "{\"a\":1}\n{\"b\":2}\n")
    }

    @Test func rawInsertsEncodedJSONAsOneValue() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.int(1)
        writer.raw(Array(#"{"k":true}"#.utf8))
        writer.endArray()
        #expect(text(writer) == #"[1,{"k":true}]"#)
    }

    // MARK: - Canonical form (rule-files.md §2.8)

    static let ecmaScriptNumbers: [(Double, String)] = [
        (80, "80"), (0.3, "0.3"), (30.5, "30.5"), (1e-7, "1e-7"), (1e21, "1e+21"), (123e-20, "1.23e-18"),
        (1e20, "100000000000000000000"), (0.000001, "0.000001"), (1.5e300, "1.5e+300"), (-2, "-2"), (-0.0, "0"),
        (0, "0"), (1e16, "10000000000000000"), (1.2345678901234568e17, "123456789012345680"), (0.1 + 0.2, "0.30000000000000004"),
        (.leastNonzeroMagnitude, "5e-324"), (-1.25e-7, "-1.25e-7"),
    ]

    @Test(arguments: ecmaScriptNumbers)
    func ecmaScriptNumberMatchesNumberPrototypeToString(_ value: Double, _ expected: String) {
        #expect(JSONValue.ecmaScriptNumber(value) == expected)
    }

    @Test func ecmaScriptNumberNamesNonFiniteValuesAsJavaScriptDoes() {
        #expect(JSONValue.ecmaScriptNumber(.nan) == "NaN")
        #expect(JSONValue.ecmaScriptNumber(.infinity) == "Infinity")
        #expect(JSONValue.ecmaScriptNumber(-.infinity) == "-Infinity")
        #expect(JSONValue.array([.double(.nan)]).canonicalBytes() == Array("[null]".utf8))
    }

    @Test func canonicalFormSortsKeysByTheirBytesAndUsesECMAScriptNumbers() {
        let value: JSONValue = ["b": 80.0, "a": ["é": 1, "z": 0.5, "Z": nil, "aa": [1e21, 1.0]], "B": "x"]
        let canonical = String(decoding: value.canonicalBytes(), as: UTF8.self)
        #expect(canonical == #"{"B":"x","a":{"Z":null,"aa":[1e+21,1],"z":0.5,"é":1},"b":80}"#)
    }

    /// The rule-files.md §2.8 test vector, built as the loader would build it.
    @Test func canonicalFormOfTheFingerprintVectorHashesToTheSpecifiedDigest() {
        func rule(id: String, mode: String, overrides: [JSONValue], params: JSONValue) -> JSONValue {
            [
                "type": .string(id), "id": .string(id), "stop": false, "reducing_orders": "exempt", "params": params,
                "overrides": .array(overrides), "on_missing": "deny", "on_error": "deny", "mode": .string(mode),
            ]
        }
        let set: JSONValue = [
            rule(id: "latency", mode: "enforce", overrides: [], params: ["max_ms": 30.5]),
            rule(
                id: "spread", mode: "shadow",
                overrides: [["params": ["max_bps": 40.0], "match": ["symbols": ["BTCUSDT", "ETHUSDT"]]]],
                params: ["max_bps": 80.0]),
        ]
        let expected =
            #"[{"id":"latency","mode":"enforce","on_error":"deny","on_missing":"deny","overrides":[],"params":{"max_ms":30.5},"reducing_orders":"exempt","stop":false,"type":"latency"},{"id":"spread","mode":"shadow","on_error":"deny","on_missing":"deny","overrides":[{"match":{"symbols":["BTCUSDT","ETHUSDT"]},"params":{"max_bps":40}}],"params":{"max_bps":80},"reducing_orders":"exempt","stop":false,"type":"spread"}]"#
        let bytes = set.canonicalBytes()
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
        #expect(Hex.encode(SHA256.hash(bytes)) == "3a8d1babf56efa4d31be0fa03b3382fa3723acce19c9c580f5e9784d9b2d10ce")
    }
}
