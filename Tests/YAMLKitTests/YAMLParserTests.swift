import Testing
import YAMLKit

@Suite struct YAMLParserTests {
    @Test func nestedNodesCarryOneBasedMarksAndLengths() throws {
        let yaml = """
            version: 1
            pipeline:
              - id: spread
                params: {max_bps: 80, name: "x y"}
            """
        let root = try mapping(yaml)
        #expect(root.location == loc(1, 1))
        #expect(root.keys == ["version", "pipeline"])
        let version = try #require(root.keyScalar("version"))
        #expect(version.location == loc(1, 1))
        #expect(version.length == 7)
        #expect(root["version"]?.location == loc(1, 10))

        let pipeline = try #require(root["pipeline"]?.sequence)
        #expect(pipeline.location == loc(3, 3))
        let entry = try #require(pipeline.items.first?.mapping)
        #expect(entry.location == loc(3, 5))
        let id = try #require(entry["id"]?.scalar)
        #expect(id.text == "spread")
        #expect(id.location == loc(3, 9))
        #expect(id.length == 6)

        let params = try #require(entry["params"]?.mapping)
        #expect(params.location == loc(4, 13))
        #expect(params.keyScalar("max_bps")?.location == loc(4, 14))
        let maxBps = try #require(params["max_bps"]?.scalar)
        #expect(maxBps.location == loc(4, 23))
        #expect(maxBps.length == 2)
        #expect(maxBps.resolved == .integer(80))
        let name = try #require(params["name"]?.scalar)
        #expect(name.text == "x y")
        #expect(name.style == .doubleQuoted)
        #expect(name.isQuoted)
        #expect(name.location == loc(4, 33))
        #expect(name.length == 5)
    }

    @Test func columnsCountUnicodeScalarsNotBytes() throws {
        let root = try mapping("é€: \"ünï\"\nk: 'a'\n")
        let value = try #require(root["é€"]?.scalar)
        #expect(value.location == loc(1, 5))
        #expect(value.length == 5)
        #expect(root["k"]?.scalar?.style == .singleQuoted)
        #expect(root["k"]?.scalar?.length == 3)
    }

    @Test func blockScalarsAreStringsSpanningTheRestOfTheirFirstLine() throws {
        let root = try mapping("a: |\n  80\nb: >-\n  x\n  y\n")
        let literal = try #require(root["a"]?.scalar)
        #expect(literal.style == .literal)
        #expect(literal.text == "80\n")
        #expect(literal.resolved == .string("80\n"))
        #expect(literal.location == loc(1, 4))
        #expect(literal.length == 1)
        let folded = try #require(root["b"]?.scalar)
        #expect(folded.style == .folded)
        #expect(folded.text == "x y")
    }

    @Test(arguments: ["", "# only a comment\n\n# another\n", "\n\n"])
    func anEmptyDocumentIsNullAtTheStart(yaml: String) throws {
        let node = try parseValid(yaml)
        #expect(node.isNull)
        #expect(node.location == loc(1, 1))
        #expect(node.kindDescription == "null")
    }

    @Test func aLeadingDocumentMarkerIsAllowed() throws {
        let root = try mapping("---\na: 1\n...\n")
        #expect(root["a"]?.scalar?.resolved == .integer(1))
    }

    @Test func anEmptyValueIsPlainNull() throws {
        let root = try mapping("a:\nb: ''\n")
        #expect(root["a"]?.isNull == true)
        #expect(root["a"]?.scalar?.length == 1)
        #expect(root["b"]?.scalar?.resolved == .string(""))
    }

    @Test func keysAreLookedUpByText() throws {
        let root = try mapping("a: 1\n'b': 2\n")
        #expect(root["b"]?.scalar?.text == "2")
        #expect(root["c"] == nil)
        #expect(root.keyScalar("c") == nil)
    }

    // MARK: - Rejections

    @Test func aDuplicateKeyIsReportedAtTheSecondOccurrence() {
        let diagnostics = parseInvalid("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n")
        #expect(diagnostics.count == 2)
        #expect(diagnostics[0].description == "t.yaml:4:3: error: duplicate key 'c' [yaml-duplicate-key]")
        #expect(diagnostics[0].notes == ["first defined at t.yaml:3:3"])
        #expect(diagnostics[1].description == "t.yaml:5:1: error: duplicate key 'a' [yaml-duplicate-key]")
        #expect(diagnostics[1].notes == ["first defined at t.yaml:1:1"])
        #expect(diagnostics[1].length == 1)
    }

    @Test func aDuplicateKeyRendersWithItsSnippetAndNote() {
        let yaml = "pipeline:\n  - id: a\n    id: b\n"
        let text = SourceText(path: "rules/x.yaml", string: yaml)
        guard case .failure(let diagnostics) = YAMLParser.parse(text) else {
            Issue.record("a duplicate key must be rejected")
            return
        }
        #expect(
            diagnostics.rendered(sources: SourceCache([text])) == """
                rules/x.yaml:3:5: error: duplicate key 'id' [yaml-duplicate-key]
                   3 |     id: b
                     |     ^~
                   note: first defined at rules/x.yaml:2:5

                1 error, 0 warnings in 1 file

                """)
    }

    @Test func anchorsAliasesAndMergeKeysAreRejected() {
        let diagnostics = parseInvalid("a: &x 1\nb: *x\nc:\n  <<: {d: 2}\n")
        let message = "anchors, aliases and merge keys are not allowed in rule files"
        #expect(
            diagnostics.map(\.description) == [
                "t.yaml:1:4: error: \(message) [yaml-alias]",
                "t.yaml:2:4: error: \(message) [yaml-alias]",
                "t.yaml:4:3: error: \(message) [yaml-alias]",
            ])
        #expect(diagnostics.map(\.length) == [2, 2, 2])
    }

    @Test func explicitTagsAreRejected() {
        let diagnostics = parseInvalid("a: !!str 5\nb: !custom [1]\n")
        let message = "explicit YAML tags are not allowed in rule files; quote the value to make it a string"
        #expect(
            diagnostics.map(\.description) == [
                "t.yaml:1:4: error: \(message) [yaml-tag]",
                "t.yaml:2:4: error: \(message) [yaml-tag]",
            ])
    }

    @Test func aSecondDocumentIsRejected() {
        let diagnostics = parseInvalid("a: 1\n---\nb: 2\n---\nc: 3\n")
        #expect(
            diagnostics.map(\.description) == [
                "t.yaml:2:1: error: a rule file holds exactly one YAML document [yaml-multi-document]"
            ])
    }

    @Test func nestingDeeperThanTheLimitIsRejected() {
        var limits = YAMLLimits()
        limits.maxDepth = 2
        let diagnostics = parseInvalid("a:\n  b:\n    c: [1, {d: 2}]\ne: [x]\n", limits: limits)
        #expect(
            diagnostics.map(\.description) == [
                "t.yaml:3:5: error: YAML nesting is limited to 2 levels [yaml-too-deep]"
            ])
    }

    @Test func theDefaultDepthLimitIs64() throws {
        let deep = { (levels: Int) in String(repeating: "[", count: levels) + String(repeating: "]", count: levels) }
        _ = try parseValid(deep(64))
        #expect(parseInvalid(deep(65)).map(\.code) == [.yamlTooDeep])
    }

    @Test func aFileOverTheSizeLimitIsRejectedBeforeParsing() {
        let text = SourceText(path: "big.yaml", bytes: [UInt8](repeating: UInt8(ascii: "#"), count: (4 << 20) + 1))
        let diagnostics = parseInvalid(text)
        #expect(
            diagnostics.map(\.description) == [
                "big.yaml: error: rule files are limited to 4 MiB; 'big.yaml' is 4194305 bytes [file-too-large]"
            ])
        #expect(diagnostics.first?.location == nil)
        #expect(diagnostics.first?.file == "big.yaml")
    }

    @Test func theFileKindNamesTheFileInMessages() {
        var limits = YAMLLimits()
        limits.fileKind = "configuration file"
        limits.maxBytes = 1024
        #expect(
            parseInvalid("a: &x 1\n", limits: limits).map(\.message) == [
                "anchors, aliases and merge keys are not allowed in configuration files"
            ])
        #expect(
            parseInvalid(String(repeating: "#", count: 1025), limits: limits).map(\.message) == [
                "configuration files are limited to 1 KiB; 't.yaml' is 1025 bytes"
            ])
    }

    @Test func collectionKeysAreRejected() {
        let diagnostics = parseInvalid("? [a, b]\n: 1\n? {c: d}\n: 2\n")
        #expect(
            diagnostics.map(\.description) == [
                "t.yaml:1:3: error: mapping keys must be strings, got a list [type-mismatch]",
                "t.yaml:3:3: error: mapping keys must be strings, got a mapping [type-mismatch]",
            ])
    }

    @Test func aSyntaxErrorCarriesLibyamlsProblemAndContext() {
        let diagnostics = parseInvalid("a: 1\nb: [1, 2\nc: 3\n")
        #expect(
            diagnostics.map(\.description) == [
                "t.yaml:3:2: error: did not find expected ',' or ']' [yaml-syntax]"
            ])
        #expect(diagnostics.first?.notes == ["while parsing a flow sequence at t.yaml:2:4"])
    }

    @Test func aScannerErrorIsASyntaxError() {
        let diagnostics = parseInvalid("a: b: c\n")
        #expect(
            diagnostics.map(\.description) == [
                "t.yaml:1:5: error: mapping values are not allowed in this context [yaml-syntax]"
            ])
        #expect(diagnostics.first?.notes == [])
    }

    @Test func invalidUTF8IsASyntaxErrorAtItsByte() {
        let text = SourceText(path: "t.yaml", bytes: Array("a: 1\nb: x".utf8) + [0xFF] + Array("\n".utf8))
        let diagnostics = parseInvalid(text)
        #expect(diagnostics.map(\.description) == ["t.yaml:2:5: error: invalid leading UTF-8 octet [yaml-syntax]"])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let diagnostics = parseInvalid("a: 1\na: 2\nb: &x 3\nc: !!int 4\n")
        #expect(diagnostics.map(\.code) == [.yamlDuplicateKey, .yamlAlias, .yamlTag])
    }

    @Test func problemsBeforeASyntaxErrorAreKept() {
        let diagnostics = parseInvalid("a: 1\na: 2\nb: [\n")
        #expect(diagnostics.map(\.code) == [.yamlDuplicateKey, .yamlSyntax])
    }

    // MARK: - Typing (rule-files.md §2.6)

    static let typing: [(String, YAMLNode.Scalar.Resolved)] = [
        ("", .null), ("null", .null), ("~", .null), ("Null", .string("Null")),
        ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
        ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)), ("tRUE", .string("tRUE")),
        ("yes", .string("yes")), ("no", .string("no")), ("on", .string("on")), ("off", .string("off")),
        ("y", .string("y")), ("n", .string("n")),
        ("0", .integer(0)), ("-12", .integer(-12)), ("+7", .integer(7)), ("007", .integer(7)),
        ("9223372036854775807", .integer(.max)), ("-9223372036854775808", .integer(.min)),
        ("9223372036854775808", .integerOverflow), ("99999999999999999999", .integerOverflow),
        ("1.5", .number(1.5)), (".5", .number(0.5)), ("5.", .number(5)), ("-0.25", .number(-0.25)),
        ("10.0", .number(10)), ("1e3", .number(1000)), ("1E-7", .number(1e-7)), ("-2.5e+3", .number(-2500)),
        ("1e400", .notFinite), ("-1e400", .notFinite),
        (".inf", .notFinite), ("-.Inf", .notFinite), ("+.INF", .notFinite), (".NaN", .notFinite), (".nan", .notFinite),
        ("inf", .string("inf")), ("nan", .string("nan")), ("0x1F", .string("0x1F")), ("1_000", .string("1_000")),
        ("1e", .string("1e")), (".", .string(".")), ("-", .string("-")), ("1.2.3", .string("1.2.3")),
        ("BTCUSDT", .string("BTCUSDT")), ("1000PEPEUSDT", .string("1000PEPEUSDT")),
    ]

    @Test(arguments: typing)
    func plainScalarsAreTyped(text: String, expected: YAMLNode.Scalar.Resolved) {
        let scalar = YAMLNode.Scalar(text: text, style: .plain, location: loc(1, 1))
        #expect(scalar.resolved == expected)
    }

    @Test(arguments: [YAMLNode.Scalar.Style.singleQuoted, .doubleQuoted, .literal, .folded])
    func everyNonPlainScalarIsAString(style: YAMLNode.Scalar.Style) {
        for text in ["80", "true", "null", "", ".inf", "1e400"] {
            #expect(YAMLNode.Scalar(text: text, style: style, location: loc(1, 1)).resolved == .string(text))
        }
    }

    @Test func parsedScalarsAreTypedByStyle() throws {
        let root = try mapping("a: 80\nb: \"80\"\nc: '80'\nd: .inf\ne: ~\n")
        #expect(root["a"]?.scalar?.resolved == .integer(80))
        #expect(root["b"]?.scalar?.resolved == .string("80"))
        #expect(root["c"]?.scalar?.resolved == .string("80"))
        #expect(root["d"]?.scalar?.resolved == .notFinite)
        #expect(root["e"]?.scalar?.resolved == .null)
    }

    static let kinds: [(String, String)] = [
        ("{a: 1}", "a mapping"), ("[1]", "a list"), ("~", "null"), ("true", "true"), ("False", "false"),
        ("3", "the integer 3"), ("99999999999999999999", "the integer 99999999999999999999"),
        ("80.5", "the number 80.5"), ("1e3", "the number 1e3"), (".inf", "the number .inf"),
        ("\"80\"", "the string \"80\""), ("yes", "the string \"yes\""), ("'a\"b'", "the string \"a\\\"b\""),
        ("\"x\\ny\"", "the string \"x\\ny\""),
        (String(repeating: "z", count: 61), "the string \"" + String(repeating: "z", count: 60) + "…\""),
    ]

    @Test(arguments: kinds)
    func nodesDescribeTheirKind(yaml: String, expected: String) throws {
        let node = try #require(try mapping("k: \(yaml)\n")["k"])
        #expect(node.kindDescription == expected)
    }
}
