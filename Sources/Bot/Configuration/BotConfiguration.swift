public import YAMLKit

/// The bot's configuration (bot.md §2), read once from flags, environment, `configs/bot.yaml` and the built-in
/// defaults, validated into typed values. Each key is declared once in `BotConfiguration+Keys.swift`.
public struct BotConfiguration: Sendable {
    public enum Mode: String, Sendable { case paper, live }
    public enum Source: String, Sendable { case replay, synthetic, binance }
    public enum Market: String, Sendable { case futures, spot }

    public var mode: Mode = .paper
    public var dryRun = true
    public var symbols = ["BTCUSDT"]
    public var maxTicks: Int64 = 0
    public var durationMs: Int64 = 0
    public var sessionDir: String?

    public var gateURL = "http://127.0.0.1:8000"
    public var gateTimeoutMs = 50
    public var posttradeTimeoutMs = 500
    public var allowOnGateError = false
    public var accountID = "wisescalp"
    public var accountModeSetting: String?
    public var riskTags = ["scalping", "auto"]

    public var source: Source = .synthetic
    public var signals = SignalSettings()
    public var speed = 1.0
    public var recordPath: String?
    public var replayFile: String?
    public var synthetic = SyntheticParameters()
    public var pollMs: Int64 = 1000

    public var strategy = StrategySettings()

    public var orderSize = 0.001
    public var orderType: OrderType = .limit
    public var limitTTLms: Int64 = 5000
    public var leverage = 10
    public var makerFeeBps = 2.0
    public var takerFeeBps = 5.0

    public var tradesPerMinuteLimit = 10
    public var maxSymbolExposureUsdt = 1000.0
    public var equityUsdt = 10000.0

    public var paperFilters = PaperExchange.Filters(qtyStep: 0.001, minQty: 0.001, minNotional: 5.0)
    public var paperRejectEvery = 0

    public var market: Market = .futures
    public var testnet = true
    public var binanceBaseURLSetting: String?
    public var binanceTimeoutMs = 5000
    public var recvWindowMs = 5000
    public var apiKeyEnv = "BINANCE_API_KEY"
    public var apiSecretEnv = "BINANCE_API_SECRET"

    /// Every key's origin by full dotted name, for `--print-config` and refusal messages.
    public var origins: [String: ConfigOrigin] = [:]
    /// Every key's effective value, in declaration order.
    public var effective: [(name: String, value: PlainValue)] = []

    public init() {}

    /// `gate.account_mode`, derived when not set: `paper`; live testnet `testnet`; live mainnet `prod`.
    public var accountMode: String {
        if let accountModeSetting { return accountModeSetting }
        if mode == .paper { return "paper" }
        return testnet ? "testnet" : "prod"
    }

    /// `binance.base_url`, derived when not set (bot.md §3.4).
    public var binanceBaseURL: String {
        if let binanceBaseURLSetting { return binanceBaseURLSetting }
        switch (market, testnet) {
        case (.futures, false): return "https://fapi.binance.com"
        case (.futures, true): return "https://testnet.binancefuture.com"
        case (.spot, false): return "https://api.binance.com"
        case (.spot, true): return "https://testnet.binance.vision"
        }
    }

    /// The origin of a key as `--print-config` and refusals show it (`flag`, `env NAME`, `file:line:col`, `default`).
    public func origin(of key: String) -> String { origins[key]?.description ?? "default" }
}
