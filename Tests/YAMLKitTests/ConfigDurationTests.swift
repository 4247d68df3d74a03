import Testing
import YAMLKit

@Suite struct ConfigDurationTests {
    static let texts: [(String, Int64?)] = [
        ("250ms", 250), ("1.5s", 1500), ("2m", 120_000), ("1h", 3_600_000), ("0s", 0), (" 5s ", 5000),
        ("0.25h", 900_000), ("90s", 90_000), ("0.5ms", nil), ("5", nil), ("-1s", nil), ("+1s", nil), ("1.s", nil),
        ("s", nil), ("5 s", nil), ("5sec", nil), ("1e3ms", nil), ("", nil), ("99999999999999999999h", nil),
    ]

    @Test(arguments: texts)
    func textParses(text: String, milliseconds: Int64?) {
        #expect(ConfigDuration(parsing: text)?.milliseconds == milliseconds)
    }

    @Test(arguments: [
        (Int64(0), "0s"), (250, "250ms"), (1500, "1500ms"), (90_000, "90s"), (900_000, "15m"), (7_200_000, "2h"),
    ])
    func theDescriptionUsesTheLargestExactUnit(milliseconds: Int64, text: String) {
        #expect(ConfigDuration(milliseconds: milliseconds).description == text)
        #expect(ConfigDuration(milliseconds: milliseconds).plain == .string(text))
    }

    @Test func plainNumbersNeedTheKeysUnit() {
        #expect(ConfigDuration.parse(text: "30") == nil)
        #expect(ConfigDuration.parse(text: "30", unit: "s") == .seconds(30))
        #expect(ConfigDuration.parse(text: "30", unit: "bps") == nil)
        #expect(ConfigDuration.parse(text: "2m", unit: "s") == .minutes(2))
        #expect(ConfigDuration.hours(1).duration == .seconds(3600))
        #expect(ConfigDuration.milliseconds(1500).seconds == 1.5)
    }

    @Test func aQuotedDurationIsAccepted() throws {
        let node = try #require(try mapping("d: \"250ms\"\n")["d"])
        #expect(try ConfigDuration.decode(node, key: "d").get() == .milliseconds(250))
    }
}
