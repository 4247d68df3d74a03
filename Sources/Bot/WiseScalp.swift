/// A start-up that cannot run: refusals and configuration problems (exit 2) or an unwritable session (exit 1).
public struct BotStartError: Error, Sendable, Hashable, CustomStringConvertible {
    public var lines: [String]
    public var exitCode: Int32

    public init(lines: [String], exitCode: Int32 = 2) {
        self.lines = lines
        self.exitCode = exitCode
    }

    public var description: String { lines.joined(separator: "\n") }
}

/// WiseScalp, the trading bot (bot.md): `WiseScalp(configuration:transport:)`, then `run()`.
public final class WiseScalp {
    public let configuration: BotConfiguration
    let transport: any HTTPTransport
    let environment: [String: String]
    public let stop: StopSignal
    let warn: (String) -> Void
    let progress: ((String) -> Void)?
    let summaryJSONPath: String?
    let startWallMs: Int64
    /// The run id, `YYYYmmdd-HHMMSS` of the start (UTC).
    public let runID: String
    /// The session directory actually used.
    public let sessionDir: String

    /// `environment` holds the process environment (and `--env-file` variables): API keys come only from there.
    /// `warn` receives every stderr line; `progress` the progress line's text (nil: no progress line).
    public init(
        configuration: BotConfiguration, transport: any HTTPTransport, environment: [String: String] = [:],
        stop: StopSignal = StopSignal(), warn: @escaping (String) -> Void = { _ in },
        progress: ((String) -> Void)? = nil, summaryJSONPath: String? = nil, startWallMs: Int64? = nil
    ) {
        self.configuration = configuration
        self.transport = transport
        self.environment = environment
        self.stop = stop
        self.warn = warn
        self.progress = progress
        self.summaryJSONPath = summaryJSONPath
        self.startWallMs = startWallMs ?? WallClock.nowMs()
        runID = UTCStamp.runID(ms: self.startWallMs)
        sessionDir = configuration.sessionDir ?? "logs/\(runID)-bot"
    }

    /// Runs to the end (bot.md §1, §5) and returns the summary, also written to `<session_dir>/summary.json`.
    /// Throws for a start-up refusal or an invalid input file (exit 2) and an unwritable session (exit 1); a
    /// summary whose `endedBy` is `fatal` means exit 1.
    public func run() throws(BotStartError) -> RunSummary {
        let c = configuration
        let refusals = SafetyChecks.refusals(c, environment: environment)
        if !refusals.isEmpty { throw BotStartError(lines: refusals) }
        let source = try makeSource()
        guard FileBytes.makeDirectories(sessionDir) else {
            throw BotStartError(lines: ["WiseScalp: cannot create the session directory '\(sessionDir)'"], exitCode: 1)
        }
        let gate = GateClient(
            baseURL: c.gateURL, transport: transport, timeoutMs: c.gateTimeoutMs,
            posttradeTimeoutMs: c.posttradeTimeoutMs, allowOnError: c.allowOnGateError, warn: warn)
        guard let outbox = PosttradeOutbox(journalPath: sessionDir + "/bot_orders.jsonl", send: gate.posttrade) else {
            throw BotStartError(lines: ["WiseScalp: cannot write '\(sessionDir)/bot_orders.jsonl'"], exitCode: 1)
        }
        var recorder: ReplayRecorder?
        if let path = c.recordPath {
            guard let made = ReplayRecorder(path: path) else {
                throw BotStartError(lines: ["WiseScalp: cannot write the recording '\(path)'"], exitCode: 1)
            }
            recorder = made
        }
        let venue = try makeVenue()
        if c.allowOnGateError { warn("WiseScalp: gate errors will ALLOW orders (paper only)") }
        if c.mode == .live, !c.dryRun, !c.testnet {
            warn("WiseScalp: LIVE ORDERS ON BINANCE MAINNET (\(c.market.rawValue))")
        }
        if !gate.health() { warn("WiseScalp: gate not reachable at \(gate.baseURL): every order will be denied") }
        let loop = RunLoop(
            parts: RunLoop.Parts(
                config: c, source: source, exchange: venue.exchange, gate: gate, outbox: outbox,
                events: BotEventLog(path: sessionDir + "/bot_events.jsonl", runID: runID), recorder: recorder,
                stop: stop, runID: runID, cidStamp: UTCStamp.compact(ms: startWallMs), filters: venue.filters,
                exchangeName: venue.exchange.exchangeName, dryRun: c.mode == .live && c.dryRun, warn: warn,
                progress: progress, exchangeFlat: venue.isFlat))
        var summary = loop.run()
        if c.allowOnGateError, summary.gateErrorsAllowed > 0 {
            warn("WiseScalp: \(summary.gateErrorsAllowed) gate errors were allowed (paper only)")
        }
        if !outbox.pending.isEmpty {
            var lines: [UInt8] = []
            for body in outbox.pending { lines += body + [0x0A] }
            _ = FileBytes.write(lines, to: sessionDir + "/bot_undelivered.jsonl")
        }
        summary.posttradePending = outbox.pending.count
        var json = Array(summary.jsonText().utf8)
        json.append(0x0A)
        _ = FileBytes.write(json, to: sessionDir + "/summary.json")
        if let summaryJSONPath { _ = FileBytes.write(json, to: summaryJSONPath) }
        return summary
    }

    private func makeSource() throws(BotStartError) -> any MarketDataSource {
        let c = configuration
        switch c.source {
        case .replay:
            guard let file = c.replayFile else {
                throw BotStartError(lines: [
                    "WiseScalp: market_data.source is 'replay' (\(c.origin(of: "market_data.source"))) but "
                        + "market_data.replay.file is not set: name the file with --replay FILE"
                ])
            }
            do {
                return try ReplaySource(path: file, symbols: c.symbols)
            } catch {
                throw BotStartError(lines: error.description.split(separator: "\n").map(String.init))
            }
        case .synthetic:
            guard let source = SyntheticSource(symbols: c.symbols, parameters: c.synthetic) else {
                throw BotStartError(lines: [
                    "WiseScalp: market_data.synthetic tick_size and lot_size must be an integer or 1/N"
                ])
            }
            return source
        case .binance:
            return BinancePollingSource(
                rest: binanceREST(), market: c.market, symbols: c.symbols, levels: c.signals.levels,
                pollMs: c.pollMs, stop: stop)
        }
    }

    func binanceREST() -> BinanceREST {
        let c = configuration
        return BinanceREST(
            baseURL: c.binanceBaseURL, market: c.market, transport: transport, timeoutMs: c.binanceTimeoutMs,
            recvWindowMs: c.recvWindowMs, apiKey: environment[c.apiKeyEnv] ?? "",
            apiSecret: environment[c.apiSecretEnv] ?? "")
    }
}
