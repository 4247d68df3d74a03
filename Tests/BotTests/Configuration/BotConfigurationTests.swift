import Testing
import YAMLKit

@testable import Bot

@Suite struct BotConfigurationTests {
    static func read(flags: [String: String] = [:], env: [String: String] = [:], yaml: String? = nil)
        -> Result<BotConfiguration, Diagnostics>
    {
        var sources = ConfigSources(flags: flags, environment: env)
        if let yaml {
            let text = SourceText(path: "configs/bot.yaml", string: yaml)
            if case .success(let node) = YAMLParser.parse(text) {
                sources.file = node.mapping
                sources.path = "configs/bot.yaml"
            }
        }
        return BotConfiguration.read(sources)
    }

    static func messages(_ result: Result<BotConfiguration, Diagnostics>) -> [String] {
        guard case .failure(let diagnostics) = result else { return [] }
        return diagnostics.all.map(\.message)
    }

    @Test func theDefaultsAreTheSafeOnes() throws {
        let c = try Self.read().get()
        #expect(c.mode == .paper && c.dryRun && c.testnet && !c.allowOnGateError)
        #expect(c.symbols == ["BTCUSDT"] && c.source == .synthetic)
        #expect(c.gateURL == "http://127.0.0.1:8000" && c.gateTimeoutMs == 50 && c.posttradeTimeoutMs == 500)
        #expect(c.accountMode == "paper" && c.binanceBaseURL == "https://testnet.binancefuture.com")
        #expect(c.signals.levels == 5 && c.strategy.entryScore == 0.35 && c.strategy.timeStopMs == 90_000)
        #expect(c.origin(of: "mode") == "default")
    }

    @Test func flagBeatsEnvironmentBeatsFile() throws {
        let yaml = "mode: paper\ngate:\n  timeout_ms: 70\n  url: http://127.0.0.1:1\n"
        let c = try Self.read(
            flags: ["gate.url": "http://127.0.0.1:3"],
            env: ["AURORA_GATE_URL": "http://127.0.0.1:2", "AURORA_GATE_TIMEOUT_MS": "80"], yaml: yaml
        ).get()
        #expect(c.gateURL == "http://127.0.0.1:3" && c.origin(of: "gate.url") == "flag")
        #expect(c.gateTimeoutMs == 80 && c.origin(of: "gate.timeout_ms") == "env AURORA_GATE_TIMEOUT_MS")
        #expect(c.origin(of: "mode") == "configs/bot.yaml:1:1")
    }

    @Test(arguments: [("yes", true), ("OFF", false), ("1", true), ("false", false)])
    func environmentBooleansAreStrict(text: String, expected: Bool) throws {
        #expect(try Self.read(env: ["DRY_RUN": text]).get().dryRun == expected)
    }

    @Test func anInvalidEnvironmentBooleanNamesTheVariable() {
        #expect(Self.messages(Self.read(env: ["DRY_RUN": "maybe"])) == ["'dry_run' must be true or false, got 'maybe'"])
        #expect(
            Self.messages(Self.read(env: ["EXCHANGE_USE_FUTURES": "perhaps"])) == [
                "environment variable EXCHANGE_USE_FUTURES must be true/false/1/0/yes/no/on/off, got 'perhaps'"
            ])
    }

    @Test func exchangeUseFuturesFalseSelectsSpot() throws {
        let c = try Self.read(env: ["EXCHANGE_USE_FUTURES": "false", "EXCHANGE_TESTNET": "no"]).get()
        #expect(c.market == .spot && !c.testnet && c.binanceBaseURL == "https://api.binance.com")
    }

    @Test func unknownKeysAndOutOfRangeValuesAreErrors() {
        let messages = Self.messages(Self.read(yaml: "gate:\n  timeout_ms: 0\nstrategyy: {}\n"))
        #expect(messages.contains("'gate.timeout_ms' must be 1–10000, got 0"))
        #expect(messages.contains("unknown key 'strategyy' in configs/bot.yaml"))
    }

    @Test func symbolsAreCanonicalised() throws {
        #expect(
            try Self.read(env: ["WISESCALP_SYMBOLS": "binance:btc/usdt, ETH-USDT"]).get().symbols
                == ["BTCUSDT", "ETHUSDT"])
    }

    @Test func aReplayFileFlagSelectsTheReplaySource() throws {
        let c = try Self.read(flags: ["market_data.replay.file": "x.jsonl"]).get()
        #expect(c.source == .replay && c.replayFile == "x.jsonl")
    }
}
