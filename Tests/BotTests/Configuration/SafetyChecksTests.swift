import Testing
import YAMLKit

@testable import Bot

@Suite struct SafetyChecksTests {
    static func configuration(_ flags: [String: String]) throws -> BotConfiguration {
        try BotConfiguration.read(ConfigSources(flags: flags)).get()
    }

    @Test func liveWithGateErrorsAllowedAndNonBinanceDataIsRefused() throws {
        let c = try Self.configuration(["mode": "live", "gate.on_gate_error": "allow"])
        #expect(
            SafetyChecks.refusals(c, environment: [:]) == [
                "WiseScalp: refusing to start: gate.on_gate_error is 'allow' (flag) but mode is 'live' (flag): gate errors "
                    + "must deny orders in live mode",
                "WiseScalp: refusing to start: market_data.source is 'synthetic' (default) but mode is 'live' (flag): live "
                    + "mode needs market_data.source: binance",
            ])
    }

    @Test func liveOrdersNeedBothKeys() throws {
        let c = try Self.configuration(["mode": "live", "dry_run": "false", "market_data.source": "binance"])
        #expect(
            SafetyChecks.refusals(c, environment: ["BINANCE_API_KEY": "k"]) == [
                "WiseScalp: refusing to start: mode is 'live' (flag) with dry_run false (flag) but the API secret variable "
                    + "BINANCE_API_SECRET (binance.api_secret_env, default) is unset or empty"
            ])
        #expect(SafetyChecks.refusals(c, environment: ["BINANCE_API_KEY": "k", "BINANCE_API_SECRET": "s"]).isEmpty)
    }

    @Test(
        arguments: [
            ("http://127.0.0.1:9000", nil),
            ("http://localhost:1", nil),
            ("http://[::1]:1", nil),
            ("https://fapi.binance.com", nil),
            ("http://fapi.binance.com", "uses http with a host other than 127.0.0.1, ::1 or localhost: use https"),
            ("ftp://127.0.0.1", "must use https (or http to 127.0.0.1, ::1 or localhost)"),
        ] as [(String, String?)])
    func baseURLsMustBeHTTPSOrLoopback(url: String, problem: String?) {
        #expect(SafetyChecks.baseURLProblem(url) == problem)
    }

    @Test func paperWithGateErrorsAllowedIsAccepted() throws {
        let c = try Self.configuration(["gate.on_gate_error": "allow"])
        #expect(SafetyChecks.refusals(c, environment: [:]).isEmpty)
        #expect(c.allowOnGateError)
    }
}
