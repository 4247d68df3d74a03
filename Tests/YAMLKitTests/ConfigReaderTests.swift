import Testing
import YAMLKit

@Suite struct ConfigReaderTests {
    static let place = "params of rule 'spread'"

    static func reader(_ yaml: String) throws -> ConfigReader {
        ConfigReader(params: try mapping(yaml), place: place)
    }

    // MARK: - Getters

    @Test func everyValueTypeIsReadFromTheFile() throws {
        var reader = try Self.reader(
            """
            n: 2.5
            i: 3
            big: 9000000000
            b: true
            s: hello
            d: 1.5s
            sz: 64KiB
            list: [a, "b"]
            nums: [1, 2.5]
            none: ~
            some: 4
            """)
        #expect(reader.read(ConfigKey("n", default: 0.0, help: "")) == 2.5)
        #expect(reader.read(ConfigKey("i", default: 0, help: "")) == 3)
        #expect(reader.read(ConfigKey("big", default: Int64(0), help: "")) == 9_000_000_000)
        #expect(reader.read(ConfigKey("b", default: false, help: "")) == true)
        #expect(reader.read(ConfigKey("s", default: "", help: "")) == "hello")
        #expect(reader.read(ConfigKey("d", default: ConfigDuration.seconds(0), help: "")) == .milliseconds(1500))
        #expect(reader.read(ConfigKey("sz", default: ByteSize(bytes: 0), help: "")) == .kibibytes(64))
        #expect(reader.read(ConfigKey("list", default: [String](), help: "")) == ["a", "b"])
        #expect(reader.read(ConfigKey("nums", default: [Double](), help: "")) == [1, 2.5])
        #expect(reader.read(ConfigKey<Double?>("none", default: 7, help: "")) == nil)
        #expect(reader.read(ConfigKey<Int?>("some", default: nil, help: "")) == 4)
        let result = reader.finish()
        #expect(result.diagnostics.isEmpty)
        #expect(result.effective.map(\.name) == ["n", "i", "big", "b", "s", "d", "sz", "list", "nums", "none", "some"])
        #expect(
            result.effective.map(\.value) == [
                .number(2.5), .integer(3), .integer(9_000_000_000), .bool(true), .string("hello"), .string("1500ms"),
                .integer(65536), .list([.string("a"), .string("b")]), .list([.number(1), .number(2.5)]), .null,
                .integer(4),
            ])
        #expect(result.origins["n"] == .file(loc(1, 1)))
        #expect(result.origins["some"] == .file(loc(11, 1)))
    }

    @Test func anAbsentKeyTakesItsDefault() throws {
        var reader = ConfigReader(params: nil, place: Self.place)
        #expect(reader.read(ConfigKey("max_bps", default: 80.0, help: "")) == 80)
        #expect(reader.read(ConfigKey<Double?>("cap", default: nil, help: "")) == nil)
        let result = reader.finish()
        #expect(result.diagnostics.isEmpty)
        #expect(result.origins == ["max_bps": .builtIn, "cap": .builtIn])
        #expect(result.effective.map(\.value) == [.number(80), .null])
    }

    @Test func anIntegerIsAcceptedWhereANumberIsExpected() throws {
        var reader = try Self.reader("max_bps: 80\n")
        let value = reader.read(ConfigKey("max_bps", default: 1.0, help: ""))
        #expect(value == 80)
        #expect(reader.finish().effective.first?.value == .number(80))
    }

    @Test func aDurationKeyWithAUnitTakesPlainNumbersInThatUnit() throws {
        var reader = try Self.reader("a: 250\nb: 2s\nc: 1.5\n")
        #expect(
            reader.read(ConfigKey("a", default: ConfigDuration.seconds(1), unit: "ms", help: "")) == .milliseconds(250))
        #expect(reader.read(ConfigKey("b", default: ConfigDuration.seconds(1), unit: "ms", help: "")) == .seconds(2))
        #expect(
            reader.read(ConfigKey("c", default: ConfigDuration.seconds(0), unit: "s", help: "")) == .milliseconds(1500))
        #expect(reader.finish().diagnostics.isEmpty)
    }

    // MARK: - Rejections

    enum Kind: String, Sendable { case number, integer, bool, string, strings, optionalNumber, duration, byteSize }

    static let rejections: [(Kind, String, String, [String])] = [
        (
            .number, "\"80\"", "1:4: error: 'k' must be a number, got the string \"80\" [type-mismatch]",
            ["remove the quotes to write a number"]
        ),
        (
            .number, "'1.5'", "1:4: error: 'k' must be a number, got the string \"1.5\" [type-mismatch]",
            ["remove the quotes to write a number"]
        ),
        (.number, "fast", "1:4: error: 'k' must be a number, got the string \"fast\" [type-mismatch]", []),
        (.number, "[1]", "1:4: error: 'k' must be a number, got a list [type-mismatch]", []),
        (.number, "{a: 1}", "1:4: error: 'k' must be a number, got a mapping [type-mismatch]", []),
        (.number, "~", "1:4: error: 'k' must be a number, got null [type-mismatch]", []),
        (.number, ".inf", "1:4: error: 'k' must be a finite number [not-finite]", []),
        (.number, ".NaN", "1:4: error: 'k' must be a finite number [not-finite]", []),
        (.number, "1e400", "1:4: error: 'k' must be a finite number [not-finite]", []),
        (.integer, "10.0", "1:4: error: 'k' must be an integer, got the number 10.0 [type-mismatch]", []),
        (.integer, "1e3", "1:4: error: 'k' must be an integer, got the number 1e3 [type-mismatch]", []),
        (
            .integer, "\"5\"", "1:4: error: 'k' must be an integer, got the string \"5\" [type-mismatch]",
            ["remove the quotes to write a number"]
        ),
        (
            .integer, "99999999999999999999",
            "1:4: error: 'k' must be within the 64-bit signed range, got 99999999999999999999 [out-of-range]", []
        ),
        (.integer, ".inf", "1:4: error: 'k' must be a finite number [not-finite]", []),
        (
            .bool, "yes", "1:4: error: 'k' must be true or false, got the string \"yes\" [type-mismatch]",
            ["write true or false"]
        ),
        (
            .bool, "Off", "1:4: error: 'k' must be true or false, got the string \"Off\" [type-mismatch]",
            ["write true or false"]
        ),
        (
            .bool, "n", "1:4: error: 'k' must be true or false, got the string \"n\" [type-mismatch]",
            ["write true or false"]
        ),
        (.bool, "1", "1:4: error: 'k' must be true or false, got the integer 1 [type-mismatch]", []),
        (
            .string, "12", "1:4: error: 'k' must be a string, got the integer 12 [type-mismatch]",
            ["quote the value to make it a string"]
        ),
        (
            .string, "false", "1:4: error: 'k' must be a string, got false [type-mismatch]",
            ["quote the value to make it a string"]
        ),
        (.string, "~", "1:4: error: 'k' must be a string, got null [type-mismatch]", []),
        (.strings, "a", "1:4: error: 'k' must be a list, got the string \"a\" [type-mismatch]", []),
        (
            .strings, "[a, 3]", "1:8: error: 'k[1]' must be a string, got the integer 3 [type-mismatch]",
            ["quote the value to make it a string"]
        ),
        (.optionalNumber, "x", "1:4: error: 'k' must be a number or null, got the string \"x\" [type-mismatch]", []),
        (
            .duration, "250", "1:4: error: 'k' must be a duration, got the integer 250 [type-mismatch]",
            ["write a number and a unit: 250ms, 5s, 15m or 1h"]
        ),
        (
            .duration, "5 sec", "1:4: error: 'k' must be a duration, got the string \"5 sec\" [type-mismatch]",
            ["write a number and a unit: 250ms, 5s, 15m or 1h"]
        ),
        (
            .byteSize, "-1", "1:4: error: 'k' must be a byte size, got the integer -1 [type-mismatch]",
            ["write bytes or a size with a unit: 65536, 64KiB, 1MiB"]
        ),
    ]

    @Test(arguments: rejections)
    func aWrongValueIsReportedAtTheValueAndTheDefaultIsKept(
        kind: Kind, yaml: String, header: String, notes: [String]
    ) throws {
        var reader = try Self.reader("k: \(yaml)\n")
        switch kind {
        case .number: #expect(reader.read(ConfigKey("k", default: 7.0, help: "")) == 7)
        case .integer: #expect(reader.read(ConfigKey("k", default: 7, help: "")) == 7)
        case .bool: #expect(reader.read(ConfigKey("k", default: true, help: "")) == true)
        case .string: #expect(reader.read(ConfigKey("k", default: "d", help: "")) == "d")
        case .strings: #expect(reader.read(ConfigKey("k", default: ["d"], help: "")) == ["d"])
        case .optionalNumber: #expect(reader.read(ConfigKey<Double?>("k", default: nil, help: "")) == nil)
        case .duration:
            #expect(reader.read(ConfigKey("k", default: ConfigDuration.seconds(1), help: "")) == .seconds(1))
        case .byteSize:
            #expect(reader.read(ConfigKey("k", default: ByteSize(bytes: 1), help: "")) == ByteSize(bytes: 1))
        }
        let result = reader.finish()
        let diagnostics = result.diagnostics.sorted
        #expect(diagnostics.map(\.description) == ["t.yaml:" + header])
        #expect(diagnostics.first?.notes == notes)
        #expect(result.origins["k"] == .builtIn)
    }

    @Test func theCaretSpansTheScalar() throws {
        var reader = try Self.reader("k: \"80\"\n")
        _ = reader.read(ConfigKey("k", default: 1.0, help: ""))
        let rendered = reader.finish().diagnostics.rendered(
            sources: SourceCache([SourceText(path: "t.yaml", string: "k: \"80\"\n")]))
        #expect(
            rendered == """
                t.yaml:1:4: error: 'k' must be a number, got the string "80" [type-mismatch]
                   1 | k: "80"
                     |    ^~~~
                   note: remove the quotes to write a number

                1 error, 0 warnings in 1 file

                """)
    }

    @Test func everyBadListItemIsReported() throws {
        var reader = try Self.reader("k: [1, x, 2, [y]]\n")
        _ = reader.read(ConfigKey("k", default: [Int](), help: ""))
        #expect(
            reader.finish().diagnostics.sorted.map(\.message) == [
                "'k[1]' must be an integer, got the string \"x\"", "'k[3]' must be an integer, got a list",
            ])
    }

    @Test func aValueOutOfRangeIsReportedWithTheRangeText() throws {
        var reader = try Self.reader("max_bps: 0\n")
        let key = ConfigKey(
            "max_bps", default: 80.0, range: "> 0 and ≤ 100000", help: "", isValid: { $0 > 0 && $0 <= 100_000 })
        #expect(reader.read(key) == 80)
        let diagnostics = reader.finish().diagnostics.sorted
        #expect(
            diagnostics.map(\.description) == [
                "t.yaml:1:10: error: 'max_bps' must be > 0 and ≤ 100000, got 0 [out-of-range]"
            ])
        #expect(diagnostics.first?.length == 1)
    }

    @Test func aValueOutsideTheEnumerationIsReportedWithDidYouMean() throws {
        var reader = try Self.reader("mode: enforcee\nmodes: [shadow, shdow]\n")
        let allowed = ["enforce", "shadow", "off"]
        #expect(reader.read(ConfigKey("mode", default: "enforce", allowed: allowed, help: "")) == "enforce")
        #expect(reader.read(ConfigKey("modes", default: ["off"], allowed: allowed, help: "")) == ["off"])
        let diagnostics = reader.finish().diagnostics.sorted
        #expect(
            diagnostics.map(\.description) == [
                "t.yaml:1:7: error: 'mode' must be one of enforce, shadow, off, got 'enforcee' [invalid-value]",
                "t.yaml:2:17: error: 'modes[1]' must be one of enforce, shadow, off, got 'shdow' [invalid-value]",
            ])
        #expect(diagnostics.map(\.notes) == [["did you mean 'enforce'?"], ["did you mean 'shadow'?"]])
        #expect(diagnostics.map(\.length) == [8, 5])
    }

    // MARK: - Unknown keys

    @Test func keysNotReadAreUnknownWithDidYouMeanAndTheValidKeys() throws {
        let yaml = "max_bps: 1\nmax_bsp: 2\nzzz: 3\n"
        var reader = try Self.reader(yaml)
        _ = reader.read(ConfigKey("max_ms", default: 1.0, help: ""))
        _ = reader.read(ConfigKey("max_bps", default: 1.0, help: ""))
        let rendered = reader.finish().diagnostics.rendered(
            sources: SourceCache([SourceText(path: "t.yaml", string: yaml)]))
        #expect(
            rendered == """
                t.yaml:2:1: error: unknown key 'max_bsp' in params of rule 'spread' [unknown-key]
                   2 | max_bsp: 2
                     | ^~~~~~~
                   note: did you mean 'max_bps'?
                   note: valid keys: max_bps, max_ms

                t.yaml:3:1: error: unknown key 'zzz' in params of rule 'spread' [unknown-key]
                   3 | zzz: 3
                     | ^~~
                   note: valid keys: max_bps, max_ms

                2 errors, 0 warnings in 1 file

                """)
    }

    @Test func aMappingWithNoValidKeysSaysSo() throws {
        let reader = try Self.reader("x: 1\n")
        #expect(reader.finish().diagnostics.sorted.first?.notes == ["valid keys: none"])
    }

    @Test func rejectedNodeAndDeclaredKeysAreNotUnknown() throws {
        var reader = try Self.reader("A: 1\nalpha: 2\noverrides: []\nextra: 4\n")
        reader.reject("A", code: .paramConflict, "'A' and 'alpha' cannot both be set: give A and B, or alpha and beta")
        #expect(reader.node("overrides")?.sequence?.items == [])
        reader.declare("alpha")
        let diagnostics = reader.finish().diagnostics.sorted
        #expect(
            diagnostics.map(\.description) == [
                "t.yaml:1:1: error: 'A' and 'alpha' cannot both be set: give A and B, or alpha and beta [param-conflict]",
                "t.yaml:4:1: error: unknown key 'extra' in params of rule 'spread' [unknown-key]",
            ])
        #expect(diagnostics.last?.notes == ["valid keys: A, alpha, overrides"])
    }

    @Test func aRejectedKeyThatIsNotWrittenIsReportedAtTheMapping() throws {
        var reader = ConfigReader(params: try mapping("a: 1\n"), place: "entry 1")
        reader.declare("a")
        reader.reject("id", code: .missingKey, "missing required key 'id' in entry 1")
        #expect(
            reader.diagnostics.sorted.map(\.description) == [
                "t.yaml:1:1: error: missing required key 'id' in entry 1 [missing-key]"
            ])
    }

    @Test func locationsAndWrittenKeysAreAnswered() throws {
        let reader = try Self.reader("a: 1\n  # c\nb: 2\n")
        #expect(reader.location(of: "b") == loc(3, 1))
        #expect(reader.location(of: "c") == nil)
        #expect(reader.isWritten("a"))
        #expect(!reader.isWritten("c"))
    }

    // MARK: - Host and bot configuration: precedence and origins

    static let hostYAML = """
        mode: prod
        server:
          listen: 0.0.0.0:9000
          threads: 4
          max_body_bytes: 1024
          head_timeout_ms: 500
        """

    @Test func aFlagBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() throws {
        let sources = ConfigSources(
            flags: ["server.listen": "127.0.0.1:0"],
            environment: ["AURORA_SERVER_LISTEN": "10.0.0.1:1", "AURORA_SERVER_THREADS": "8", "UNRELATED": "x"],
            file: try mapping(Self.hostYAML, path: "configs/aurora.yaml"), path: "configs/aurora.yaml")
        var root = ConfigReader(sources: sources)
        #expect(root.read(ConfigKey("mode", default: "testnet", env: "AURORA_MODE", help: "")) == "prod")
        var server = root.section("server")
        let listen = server.read(ConfigKey("listen", default: "127.0.0.1:8000", env: "AURORA_SERVER_LISTEN", help: ""))
        let threads = server.read(ConfigKey("threads", default: 2, env: "AURORA_SERVER_THREADS", help: ""))
        let body = server.read(
            ConfigKey("max_body_bytes", default: 65536, env: "AURORA_SERVER_MAX_BODY_BYTES", help: ""))
        let head = server.read(ConfigKey("head_timeout_ms", default: 10000, help: ""))
        let idle = server.read(
            ConfigKey("idle_timeout_ms", default: 60000, env: "AURORA_SERVER_IDLE_TIMEOUT_MS", help: ""))
        #expect([listen] == ["127.0.0.1:0"])
        #expect([threads, body, head, idle] == [8, 1024, 500, 60000])
        let result = root.finish()
        #expect(result.diagnostics.isEmpty)
        #expect(
            result.origins == [
                "mode": .file(loc(1, 1, "configs/aurora.yaml")),
                "server.listen": .flag("server.listen"),
                "server.threads": .environment("AURORA_SERVER_THREADS"),
                "server.max_body_bytes": .file(loc(5, 3, "configs/aurora.yaml")),
                "server.head_timeout_ms": .file(loc(6, 3, "configs/aurora.yaml")),
                "server.idle_timeout_ms": .builtIn,
            ])
        #expect(
            result.origins.mapValues(\.description) == [
                "mode": "configs/aurora.yaml:1:1", "server.listen": "flag",
                "server.threads": "env AURORA_SERVER_THREADS",
                "server.max_body_bytes": "configs/aurora.yaml:5:3", "server.head_timeout_ms": "configs/aurora.yaml:6:3",
                "server.idle_timeout_ms": "default",
            ])
        #expect(
            result.effective.map(\.name) == [
                "mode", "server.listen", "server.threads", "server.max_body_bytes", "server.head_timeout_ms",
                "server.idle_timeout_ms",
            ])
    }

    @Test func environmentTextIsParsedPerType() throws {
        let sources = ConfigSources(environment: [
            "B1": "yes", "B2": "OFF", "B3": "0", "L": " a, b ,c", "E": "", "D": "250ms", "U": "30", "S": "1MiB",
            "N": "0.25", "O": "null",
        ])
        var reader = ConfigReader(sources: sources)
        #expect(reader.read(ConfigKey("b1", default: false, env: "B1", help: "")) == true)
        #expect(reader.read(ConfigKey("b2", default: true, env: "B2", help: "")) == false)
        #expect(reader.read(ConfigKey("b3", default: true, env: "B3", help: "")) == false)
        #expect(reader.read(ConfigKey("l", default: [String](), env: "L", help: "")) == ["a", "b", "c"])
        #expect(reader.read(ConfigKey("e", default: ["x"], env: "E", help: "")) == [])
        #expect(
            reader.read(ConfigKey("d", default: ConfigDuration.seconds(1), env: "D", help: "")) == .milliseconds(250))
        #expect(
            reader.read(ConfigKey("u", default: ConfigDuration.seconds(1), unit: "s", env: "U", help: ""))
                == .seconds(30))
        #expect(reader.read(ConfigKey("s", default: ByteSize(bytes: 0), env: "S", help: "")) == .mebibytes(1))
        #expect(reader.read(ConfigKey("n", default: 1.0, env: "N", help: "")) == 0.25)
        #expect(reader.read(ConfigKey<Double?>("o", default: 1.96, env: "O", help: "")) == nil)
        #expect(reader.finish().diagnostics.isEmpty)
    }

    @Test func anInvalidEnvironmentOrFlagValueNamesItsSourceAndKeepsTheDefault() throws {
        let sources = ConfigSources(
            flags: ["server.threads": "0"],
            environment: ["AURORA_SERVER_MAX_HEADERS": "many", "AURORA_LOGGING_ROTATE_DAILY": "maybe"])
        var root = ConfigReader(sources: sources)
        var server = root.section("server")
        let threads = server.read(
            ConfigKey("threads", default: 2, env: "AURORA_SERVER_THREADS", range: "≥ 1", help: "", isValid: { $0 >= 1 })
        )
        let headers = server.read(ConfigKey("max_headers", default: 100, env: "AURORA_SERVER_MAX_HEADERS", help: ""))
        var logging = root.section("logging")
        let daily = logging.read(ConfigKey("rotate_daily", default: true, env: "AURORA_LOGGING_ROTATE_DAILY", help: ""))
        #expect(threads == 2 && headers == 100 && daily)
        let result = root.finish()
        let diagnostics = result.diagnostics.sorted
        #expect(
            diagnostics.map(\.description) == [
                "error: 'server.threads' must be ≥ 1, got 0 [out-of-range]",
                "error: 'logging.rotate_daily' must be true or false, got 'maybe' [type-mismatch]",
                "error: 'server.max_headers' must be an integer, got 'many' [type-mismatch]",
            ])
        #expect(
            diagnostics.map(\.notes) == [
                ["set on the command line"], ["set by environment variable AURORA_LOGGING_ROTATE_DAILY"],
                ["set by environment variable AURORA_SERVER_MAX_HEADERS"],
            ])
        #expect(result.origins["server.threads"] == .builtIn)
    }

    @Test func anUnknownFlagIsReported() throws {
        var root = ConfigReader(sources: ConfigSources(flags: ["server.listn": "x", "mode": "prod"]))
        _ = root.read(ConfigKey("mode", default: "testnet", help: ""))
        var server = root.section("server")
        _ = server.read(ConfigKey("listen", default: "", help: ""))
        _ = server.read(ConfigKey("threads", default: 1, help: ""))
        let diagnostics = root.finish().diagnostics.sorted
        #expect(
            diagnostics.map(\.description) == [
                "error: unknown key 'server.listn' in the command line [unknown-key]"
            ])
        #expect(
            diagnostics.first?.notes == [
                "did you mean 'server.listen'?", "valid keys: mode, server.listen, server.threads",
            ])
    }

    @Test func unknownKeysInSectionsNameTheSectionAndTheFile() throws {
        let file = try mapping("server:\n  listn: x\nmod: prod\n", path: "c.yaml")
        var root = ConfigReader(sources: ConfigSources(file: file, path: "c.yaml"))
        _ = root.read(ConfigKey("mode", default: "testnet", help: ""))
        var server = root.section("server")
        _ = server.read(ConfigKey("listen", default: "", help: ""))
        let diagnostics = root.finish().diagnostics.sorted
        #expect(
            diagnostics.map(\.description) == [
                "c.yaml:2:3: error: unknown key 'listn' in section 'server' of c.yaml [unknown-key]",
                "c.yaml:3:1: error: unknown key 'mod' in c.yaml [unknown-key]",
            ])
        #expect(
            diagnostics.map(\.notes) == [
                ["did you mean 'listen'?", "valid keys: listen"], ["did you mean 'mode'?", "valid keys: mode, server"],
            ])
    }

    @Test func aSectionThatIsNotAMappingIsATypeMismatch() throws {
        let file = try mapping("server: 5\nlogging:\n", path: "c.yaml")
        var root = ConfigReader(sources: ConfigSources(file: file, path: "c.yaml"))
        var server = root.section("server")
        #expect(server.read(ConfigKey("threads", default: 3, help: "")) == 3)
        _ = root.section("logging")
        #expect(
            root.finish().diagnostics.sorted.map(\.description) == [
                "c.yaml:1:9: error: 'server' must be a mapping, got the integer 5 [type-mismatch]"
            ])
    }

    @Test func aReaderCanStartAtASection() throws {
        let file = try mapping("binance:\n  testnet: false\n  extra: 1\ngate: {}\n", path: "bot.yaml")
        var reader = ConfigReader(
            sources: ConfigSources(
                flags: ["binance.timeout_ms": "100", "gate.url": "x"], file: file, path: "bot.yaml"),
            section: "binance")
        #expect(reader.read(ConfigKey("testnet", default: true, help: "")) == false)
        #expect(reader.read(ConfigKey("timeout_ms", default: 5000, help: "")) == 100)
        let result = reader.finish()
        #expect(
            result.diagnostics.sorted.map(\.description) == [
                "bot.yaml:3:3: error: unknown key 'extra' in section 'binance' of bot.yaml [unknown-key]"
            ])
        #expect(
            result.origins == [
                "binance.testnet": .file(loc(2, 3, "bot.yaml")), "binance.timeout_ms": .flag("binance.timeout_ms"),
            ])
    }

    @Test func aKeyDescribesItself() {
        let key = ConfigKey(
            "max_bps", default: 80.0, unit: "bps", range: "> 0 and ≤ 100000", help: "widest spread", isValid: { $0 > 0 }
        )
        #expect(
            key.info
                == ConfigKeyInfo(
                    name: "max_bps", typeDescription: "a number", unit: "bps", defaultText: "80.0",
                    rangeText: "> 0 and ≤ 100000", help: "widest spread"))
        #expect(ConfigKey<Int?>("cap", default: nil, help: "").info.defaultText == "none")
        #expect(ConfigKey<Int?>("cap", default: nil, help: "").info.typeDescription == "an integer or null")
        #expect(ConfigKey("d", default: ConfigDuration.seconds(90), help: "").info.defaultText == "90s")
        #expect(ConfigKey("l", default: ["BTCUSDT", "ETHUSDT"], help: "").info.defaultText == "[BTCUSDT, ETHUSDT]")
        #expect(ConfigKey("mode", default: "a", env: "M", allowed: ["a", "b"], help: "").info.allowed == ["a", "b"])
    }
}
