import Foundation
import Host
import RuleEngine
import Testing

/// `StateFile` (observability.md §9): the exact encoding, the round trip, and every kind of refusal.
@Suite struct StateFileTests {
    /// The §9 example: http-api.md Example 3's halt, §5.7's fill, a `size_scale` override of 0.2.
    static let exampleJSON = #"""
        {"version":1,"written_at":"2026-01-05T09:30:00.360Z","trading_state":"HALTED","kill_switch":{"latched":true,"since":"2026-01-05T09:30:00.002Z","reason":"exchange incident #42","source":"ops"},"armed":true,"positions":[{"symbol":"BTCUSDT","qty":0.01,"avg_price":100001.5,"last_fill_price":100001.5,"since_ms":1767605400360}],"daily":{"day":"2026-01-05","realised_pnl_usdt":0.0},"risk_overrides":{"size_scale":0.2},"ops_token":null}

        """#

    static var example: StateFile {
        var values = SharedState.Values()
        values.trading = TradingStatus(
            state: .halted, sinceMs: 1_767_605_400_002, reason: "exchange incident #42", source: .ops)
        values.positions[Symbol(canonicalizing: "BTCUSDT")!] = Position(
            qty: 0.01, sinceMs: 1_767_605_400_360, lastFillPrice: 100_001.5, averageEntryPrice: 100_001.5)
        values.daily = DailyPnl(day: "2026-01-05", realisedPnlUsdt: 0)
        values.riskOverrides = try! RiskOverrides([(.sizeScale, 0.2)])
        return StateFile(values: values, writtenAtMs: 1_767_605_400_360)
    }

    @Test func encodesTheSpecificationsExampleByteForByte() {
        #expect(String(decoding: Self.example.encoded(), as: UTF8.self) == Self.exampleJSON)
    }

    @Test func decodesTheSpecificationsExample() throws {
        #expect(try StateFile.decode(Array(Self.exampleJSON.utf8)) == Self.example)
    }

    @Test func aFreshStateWritesNullKillSwitchDetailsAndTodaysDay() throws {
        let fresh = StateFile(values: SharedState.Values(), writtenAtMs: 1_767_605_400_360)
        let text = String(decoding: fresh.encoded(), as: UTF8.self)
        #expect(text == #"""
            {"version":1,"written_at":"2026-01-05T09:30:00.360Z","trading_state":"ACTIVE","kill_switch":{"latched":false,"since":null,"reason":null,"source":null},"armed":true,"positions":[],"daily":{"day":"2026-01-05","realised_pnl_usdt":0.0},"risk_overrides":{},"ops_token":null}

            """#)
        let decoded = try StateFile.decode(fresh.encoded())
        #expect(decoded.values.trading == .initial)
        #expect(decoded.values.daily.day == "2026-01-05")
    }

    @Test func roundTripsEverythingItHolds() throws {
        var file = Self.example
        file.values.armed = false
        file.values.trading = TradingStatus(state: .reducing, sinceMs: 1_767_605_000_000, reason: "dd", source: .dailyDrawdown)
        file.values.positions[Symbol(canonicalizing: "ETHUSDT")!] = Position(
            qty: -2.5, sinceMs: 1_767_605_000_001, lastFillPrice: 3001.25, averageEntryPrice: 3000)
        file.values.daily.realisedPnlUsdt = -12.75
        file.values.riskOverrides = try RiskOverrides([(.maxConcurrent, 0), (.ddDayPct, 1.5), (.tradesPerMinute, 10), (.sizeScale, 1)])
        file.opsToken = StateFile.RotatedToken(
            sha256: String(repeating: "ab", count: 32), configuredSha256: String(repeating: "0f", count: 32),
            rotatedAtMs: 1_767_605_400_000)
        let bytes = file.encoded()
        #expect(try StateFile.decode(bytes) == file)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""positions":[{"symbol":"BTCUSDT","#))
        #expect(text.contains(#"{"symbol":"ETHUSDT","qty":-2.5,"avg_price":3000.0,"last_fill_price":3001.25,"#))
        #expect(text.contains(#""risk_overrides":{"dd_day_pct":1.5,"max_concurrent":0,"size_scale":1.0,"trades_per_minute":10}"#))
        #expect(text.contains(#""ops_token":{"sha256":"abab"#))
        #expect(text.hasSuffix(#""rotated_at":"2026-01-05T09:30:00.000Z"}}"# + "\n"))
    }

    static let refusals: [(edit: @Sendable (String) -> String, kind: StateFile.Problem.Kind, message: String)] = [
        ({ String($0.prefix(80)) }, .notJSON, "not JSON: invalid JSON at byte 80: unexpected end of input; unterminated string"),
        ({ _ in "hello" }, .notJSON, "not JSON: invalid JSON at byte 0: unexpected character 'h'; expected a JSON value"),
        ({ _ in "[1]" }, .invalid, "the state file must be a JSON object, got an array"),
        ({ $0.replacingFirst(#""version":1"#, #""version":2"#) }, .unsupportedVersion,
         "version 2 is not supported (this build reads version 1)"),
        ({ $0.replacingFirst(#""version":1"#, #""version":"1""#) }, .invalid,
         #"'version' must be an integer, got the string "1""#),
        ({ $0.replacingFirst(#""armed":true,"#, "") }, .invalid, "missing key 'armed'"),
        ({ $0.replacingFirst(#""armed":true"#, #""armed":true,"extra":1"#) }, .invalid, "unknown key 'extra'"),
        ({ $0.replacingFirst(#""armed":true"#, #""armed":1"#) }, .invalid, "'armed' must be true or false, got the number 1"),
        ({ $0.replacingFirst(#""HALTED""#, #""PAUSED""#) }, .invalid,
         #"'trading_state' must be ACTIVE, REDUCING or HALTED, got "PAUSED""#),
        ({ $0.replacingFirst(#""latched":true"#, #""latched":false"#) }, .invalid,
         "'kill_switch.latched' is false but 'trading_state' is HALTED"),
        ({ $0.replacingFirst(#""source":"ops""#, #""source":"cron""#) }, .invalid,
         #"'kill_switch.source' must be ops, reject_storm, daily_drawdown or startup, got "cron""#),
        ({ $0.replacingFirst(#""since":"2026-01-05T09:30:00.002Z""#, #""since":"2026-01-05T09:30:00Z""#) }, .invalid,
         #"'kill_switch.since' must be an RFC 3339 UTC time with milliseconds (2026-01-05T09:30:00.000Z), got "2026-01-05T09:30:00Z""#),
        ({ $0.replacingFirst(#""qty":0.01"#, #""qty":"0.01""#) }, .invalid,
         #"'positions[0].qty' must be a finite number, got the string "0.01""#),
        ({ $0.replacingFirst(#""qty":0.01"#, #""qty":0"#) }, .invalid,
         "'positions[0].qty' must be non-zero (magnitude ≥ 1e-12), got 0.0"),
        ({ $0.replacingFirst(#""avg_price":100001.5"#, #""avg_price":-1.0"#) }, .invalid,
         "'positions[0].avg_price' must be > 0, got -1.0"),
        ({ $0.replacingFirst(#""symbol":"BTCUSDT""#, #""symbol":"btc/usdt""#) }, .invalid,
         #"'positions[0].symbol' must be a canonical symbol, got "btc/usdt""#),
        ({ $0.replacingFirst(#""since_ms":1767605400360"#, #""since_ms":1767605400360.5"#) }, .invalid,
         "'positions[0].since_ms' must be an integer, got the number 1767605400360.5"),
        ({ $0.replacingFirst(#""day":"2026-01-05""#, #""day":"2026-02-30""#) }, .invalid,
         #"'daily.day' must be a day YYYY-MM-DD, got "2026-02-30""#),
        ({ $0.replacingFirst(#""size_scale":0.2"#, #""size_scale":1.5"#) }, .invalid,
         "'risk_overrides.size_scale' must be ≤ 1, got 1.5"),
        ({ $0.replacingFirst(#""size_scale":0.2"#, #""max_concurrent":1.5"#) }, .invalid,
         "'risk_overrides.max_concurrent' must be an integer, got the number 1.5"),
        ({ $0.replacingFirst(#""size_scale":0.2"#, #""max_open":3"#) }, .invalid,
         "'risk_overrides.max_open' is not a numeric risk_caps param"),
        ({ $0.replacingFirst(#""ops_token":null"#, #""ops_token":{"sha256":"AB","configured_sha256":"","rotated_at":""}"#) },
         .invalid, "'ops_token.sha256' must be 64 lowercase hex digits (a SHA-256)"),
    ]

    @Test(arguments: refusals.indices)
    func refusesAnythingButTheExactFormat(_ index: Int) {
        let (edit, kind, message) = Self.refusals[index]
        let text = edit(Self.exampleJSON)
        #expect(throws: StateFile.Problem(kind, message)) { try StateFile.decode(Array(text.utf8)) }
    }

    @Test func aDuplicatedSymbolIsRefused() {
        let position = #"{"symbol":"BTCUSDT","qty":0.01,"avg_price":1.0,"last_fill_price":1.0,"since_ms":1}"#
        let text = Self.exampleJSON.replacingFirst(
            #""positions":["#, #""positions":["# + position + ",")
        #expect(throws: StateFile.Problem(.invalid, "'positions' holds BTCUSDT twice")) {
            try StateFile.decode(Array(text.utf8))
        }
    }

    @Test func nullKillSwitchDetailsAreOnlyValidWhileActive() {
        let text = Self.exampleJSON.replacingFirst(
            #""since":"2026-01-05T09:30:00.002Z","reason":"exchange incident #42","source":"ops""#,
            #""since":null,"reason":null,"source":null"#)
        #expect(throws: StateFile.Problem(.invalid, "'kill_switch' has no since, reason and source, but 'trading_state' is HALTED")) {
            try StateFile.decode(Array(text.utf8))
        }
    }
}

extension String {
    /// `self` with the first occurrence of `target` replaced; the test fails loudly when `target` is absent.
    func replacingFirst(_ target: String, _ replacement: String) -> String {
        guard let range = range(of: target) else { return "target not found: \(target)" }
        return replacingCharacters(in: range, with: replacement)
    }
}
