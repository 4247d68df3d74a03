public import YAMLKit

extension BotConfiguration {
    /// Reads every key of bot.md §2 from `sources` (flags by full dotted name, environment, file mapping). Returns
    /// the configuration, or every problem (unknown keys, wrong types, out-of-range values) as diagnostics.
    public static func read(_ sources: ConfigSources) -> Result<BotConfiguration, Diagnostics> {
        var sources = sources
        var extra = Diagnostics()
        if let text = sources.environment["EXCHANGE_USE_FUTURES"] {
            if let futures = Bool.parse(text: text) {
                sources.environment["EXCHANGE_USE_FUTURES"] = futures ? "futures" : "spot"
            } else {
                extra.append(
                    Diagnostic(
                        .error, .typeMismatch,
                        "environment variable EXCHANGE_USE_FUTURES must be true/false/1/0/yes/no/on/off, got '\(text)'")
                )
                sources.environment["EXCHANGE_USE_FUTURES"] = nil
            }
        }
        var c = BotConfiguration()
        var root = ConfigReader(sources: sources)
        c.mode =
            Mode(
                rawValue: root.read(
                    ConfigKey(
                        "mode", default: "paper", env: "WISESCALP_MODE",
                        allowed: ["paper", "live"], help: "paper or live"))) ?? .paper
        c.dryRun = root.read(ConfigKey("dry_run", default: true, env: "DRY_RUN", help: "live only: build, never send"))
        let symbols = root.read(ConfigKey("symbols", default: ["BTCUSDT"], env: "WISESCALP_SYMBOLS", help: "symbols"))
        var canonical: [String] = []
        for symbol in symbols {
            if let name = SymbolName.canonical(symbol) {
                if !canonical.contains(name) { canonical.append(name) }
            } else {
                root.reject("symbols", code: .invalidValue, "'symbols' has an invalid symbol '\(symbol)'")
            }
        }
        if canonical.isEmpty, symbols.isEmpty {
            root.reject("symbols", code: .invalidValue, "'symbols' must name at least one symbol")
        }
        c.symbols = canonical.isEmpty ? ["BTCUSDT"] : canonical
        c.maxTicks = root.read(
            ConfigKey(
                "max_ticks", default: Int64(0), env: "WISESCALP_MAX_TICKS", range: "≥ 0",
                help: "updates processed", isValid: { $0 >= 0 }))
        c.durationMs =
            root.read(
                ConfigKey(
                    "duration", default: ConfigDuration.seconds(0), env: "WISESCALP_DURATION",
                    range: "≥ 0s", help: "bot clock", isValid: { $0.milliseconds >= 0 })
            )
            .milliseconds
        c.sessionDir = root.read(
            ConfigKey<String?>(
                "session_dir", default: nil, env: "WISESCALP_SESSION_DIR",
                help: "the bot's own directory"))

        var gate = root.section("gate")
        c.gateURL = gate.read(ConfigKey("url", default: "http://127.0.0.1:8000", env: "AURORA_GATE_URL", help: "gate"))
        c.gateTimeoutMs = gate.read(
            ConfigKey(
                "timeout_ms", default: 50, env: "AURORA_GATE_TIMEOUT_MS",
                range: "1–10000", help: "pretrade", isValid: { (1...10000).contains($0) }))
        c.posttradeTimeoutMs = gate.read(
            ConfigKey(
                "posttrade_timeout_ms", default: 500, range: "1–10000",
                help: "posttrade", isValid: { (1...10000).contains($0) }))
        c.allowOnGateError =
            gate.read(
                ConfigKey(
                    "on_gate_error", default: "deny", allowed: ["deny", "allow"],
                    help: "§7")) == "allow"
        c.accountID = gate.read(ConfigKey("account_id", default: "wisescalp", help: "account.account_id"))
        c.accountModeSetting = gate.read(ConfigKey<String?>("account_mode", default: nil, help: "account.mode"))
        c.riskTags = gate.read(ConfigKey("risk_tags", default: ["scalping", "auto"], help: "risk_tags"))

        var md = root.section("market_data")
        c.source =
            Source(
                rawValue: md.read(
                    ConfigKey(
                        "source", default: "synthetic", env: "WISESCALP_SOURCE",
                        allowed: ["replay", "synthetic", "binance"], help: "§3")))
            ?? .synthetic
        c.signals.levels = md.read(
            ConfigKey(
                "levels", default: 5, range: "1–50", help: "L",
                isValid: { (1...50).contains($0) }))
        c.signals.tradeWindowMs = md.read(
            ConfigKey(
                "trade_window_ms", default: Int64(5000), range: "≥ 100",
                help: "TFI window", isValid: { $0 >= 100 }))
        c.speed = md.read(ConfigKey("speed", default: 1.0, range: "≥ 0", help: "pacing", isValid: { $0 >= 0 }))
        c.recordPath = md.read(ConfigKey<String?>("record", default: nil, help: "replay JSONL output"))
        var replay = md.section("replay")
        c.replayFile = replay.read(ConfigKey<String?>("file", default: nil, help: "§3.2"))
        var syn = md.section("synthetic")
        c.synthetic = readSynthetic(&syn)
        var mdBinance = md.section("binance")
        c.pollMs = mdBinance.read(
            ConfigKey(
                "poll_ms", default: Int64(1000), range: "≥ 200", help: "poll period",
                isValid: { $0 >= 200 }))

        var sig = root.section("signals")
        c.signals.wObi = sig.read(ConfigKey("w_obi", default: 0.6, help: "score weight"))
        c.signals.wTfi = sig.read(ConfigKey("w_tfi", default: 0.4, help: "score weight"))
        c.signals.volWindow = sig.read(
            ConfigKey(
                "vol_window", default: 60, range: "≥ 2", help: "mids",
                isValid: { $0 >= 2 }))
        c.signals.trapWindowMs = sig.read(
            ConfigKey(
                "trap_window_ms", default: Int64(2000), range: "≥ 1",
                help: "TRAP window", isValid: { $0 >= 1 }))
        c.signals.volFloorBps = sig.read(ConfigKey("vol_floor_bps", default: 2.0, help: "a/b clamp"))
        c.signals.volCapBps = sig.read(ConfigKey("vol_cap_bps", default: 150.0, help: "a/b clamp"))
        c.signals.sprtWindow = sig.read(
            ConfigKey(
                "sprt_window", default: 10, range: "≥ 1", help: "SPRT samples",
                isValid: { $0 >= 1 }))
        c.signals.emaFast = sig.read(
            ConfigKey(
                "ema_fast", default: 15, range: "≥ 1", help: "regime",
                isValid: { $0 >= 1 }))
        c.signals.emaSlow = sig.read(
            ConfigKey(
                "ema_slow", default: 60, range: "≥ 1", help: "regime",
                isValid: { $0 >= 1 }))

        var st = root.section("strategy")
        c.strategy.entryScore = st.read(
            ConfigKey(
                "entry_score", default: 0.35, range: "> 0 and ≤ 1", help: "entry",
                isValid: { $0 > 0 && $0 <= 1 }))
        c.strategy.exitScore = st.read(
            ConfigKey(
                "exit_score", default: 0.05, range: "≥ 0 and < entry_score",
                help: "soft exit", isValid: { $0 >= 0 }))
        if c.strategy.exitScore >= c.strategy.entryScore {
            st.reject(
                "exit_score", code: .outOfRange,
                "'strategy.exit_score' must be < 'strategy.entry_score' (\(c.strategy.entryScore)), got \(c.strategy.exitScore)"
            )
        }
        c.signals.tpMult = st.read(ConfigKey("tp_mult", default: 1.0, range: "> 0", help: "b", isValid: { $0 > 0 }))
        c.signals.slMult = st.read(ConfigKey("sl_mult", default: 1.0, range: "> 0", help: "a", isValid: { $0 > 0 }))
        c.strategy.timeStopMs =
            st.read(ConfigKey("time_stop", default: ConfigDuration.seconds(90), help: "time stop"))
            .milliseconds
        c.strategy.reversalTicks = st.read(
            ConfigKey(
                "reversal_ticks", default: 2, range: "≥ 1", help: "reversal",
                isValid: { $0 >= 1 }))
        c.strategy.warmupTicks = st.read(
            ConfigKey(
                "warmup_ticks", default: 30, range: "≥ 2", help: "warmup",
                isValid: { $0 >= 2 }))
        c.strategy.closeOnExit = st.read(ConfigKey("close_on_exit", default: true, help: "close at the end"))

        var ex = root.section("execution")
        c.orderSize = ex.read(
            ConfigKey(
                "order_size", default: 0.001, range: "> 0", help: "base qty",
                isValid: { $0 > 0 }))
        c.orderType =
            OrderType(
                rawValue: ex.read(
                    ConfigKey(
                        "order_type", default: "limit",
                        allowed: ["limit", "market"], help: "entries")
                )
                .uppercased()) ?? .limit
        c.limitTTLms = ex.read(ConfigKey("limit_ttl", default: ConfigDuration.seconds(5), help: "TTL")).milliseconds
        c.leverage = ex.read(
            ConfigKey(
                "leverage", default: 10, range: "1–125", help: "futures",
                isValid: { (1...125).contains($0) }))
        c.makerFeeBps = ex.read(
            ConfigKey(
                "maker_fee_bps", default: 2.0, range: "≥ 0", help: "fee",
                isValid: { $0 >= 0 }))
        c.takerFeeBps = ex.read(
            ConfigKey(
                "taker_fee_bps", default: 5.0, range: "≥ 0", help: "fee",
                isValid: { $0 >= 0 }))

        var lim = root.section("limits")
        c.tradesPerMinuteLimit = lim.read(
            ConfigKey(
                "trades_per_minute_limit", default: 10, range: "≥ 1",
                help: "§10", isValid: { $0 >= 1 }))
        c.maxSymbolExposureUsdt = lim.read(
            ConfigKey(
                "max_symbol_exposure_usdt", default: 1000.0, range: "> 0",
                help: "§10", isValid: { $0 > 0 }))
        var acct = root.section("account")
        c.equityUsdt = acct.read(
            ConfigKey(
                "equity_usdt", default: 10000.0, range: "> 0", help: "equity",
                isValid: { $0 > 0 }))
        var dq = root.section("dq")
        c.signals.staleAfterMs = dq.read(ConfigKey("stale_after_ms", default: Int64(2000), help: "§4"))
        c.signals.abnormalSpreadBps = dq.read(ConfigKey("abnormal_spread_bps", default: 50.0, help: "§4"))

        var paper = root.section("paper")
        c.paperFilters.qtyStep = paper.read(
            ConfigKey(
                "qty_step", default: 0.001, range: "> 0", help: "step",
                isValid: { $0 > 0 }))
        c.paperFilters.minQty = paper.read(
            ConfigKey(
                "min_qty", default: 0.001, range: "> 0", help: "min",
                isValid: { $0 > 0 }))
        c.paperFilters.minNotional = paper.read(
            ConfigKey(
                "min_notional_usdt", default: 5.0, range: "≥ 0",
                help: "min", isValid: { $0 >= 0 }))
        c.paperRejectEvery = paper.read(
            ConfigKey(
                "reject_every", default: 0, range: "≥ 0", help: "faults",
                isValid: { $0 >= 0 }))

        var bn = root.section("binance")
        c.market =
            Market(
                rawValue: bn.read(
                    ConfigKey(
                        "market", default: "futures", env: "EXCHANGE_USE_FUTURES",
                        allowed: ["futures", "spot"], help: "venue"))) ?? .futures
        c.testnet = bn.read(ConfigKey("testnet", default: true, env: "EXCHANGE_TESTNET", help: "testnet"))
        c.binanceBaseURLSetting = bn.read(ConfigKey<String?>("base_url", default: nil, help: "override"))
        c.binanceTimeoutMs = bn.read(
            ConfigKey(
                "timeout_ms", default: 5000, range: "≥ 1", help: "timeout",
                isValid: { $0 >= 1 }))
        c.recvWindowMs = bn.read(
            ConfigKey(
                "recv_window_ms", default: 5000, env: "BINANCE_RECV_WINDOW",
                range: "1–60000", help: "recvWindow", isValid: { (1...60000).contains($0) }))
        c.apiKeyEnv = bn.read(ConfigKey("api_key_env", default: "BINANCE_API_KEY", help: "key variable"))
        c.apiSecretEnv = bn.read(ConfigKey("api_secret_env", default: "BINANCE_API_SECRET", help: "secret variable"))

        let result = root.finish()
        var diagnostics = extra
        diagnostics.append(contentsOf: result.diagnostics)
        if diagnostics.hasErrors { return .failure(diagnostics) }
        c.origins = result.origins
        c.effective = result.effective
        if c.replayFile != nil,
            result.origins["market_data.source"] == nil
                || result.origins["market_data.source"] == .builtIn
        {
            c.source = .replay
        }
        return .success(c)
    }

    private static func readSynthetic(_ r: inout ConfigReader) -> SyntheticParameters {
        var p = SyntheticParameters()
        p.seed = UInt64(bitPattern: r.read(ConfigKey("seed", default: Int64(1), help: "seed")))
        p.startPrice = r.read(ConfigKey("start_price", default: 60000.0, range: "> 0", help: "", isValid: { $0 > 0 }))
        p.tickSize = r.read(
            ConfigKey(
                "tick_size", default: 0.1, range: "an integer or 1/N", help: "",
                isValid: { Quantum($0) != nil }))
        p.lotSize = r.read(
            ConfigKey(
                "lot_size", default: 0.001, range: "an integer or 1/N", help: "",
                isValid: { Quantum($0) != nil }))
        p.stepMs = r.read(ConfigKey("step_ms", default: Int64(100), range: "≥ 1", help: "", isValid: { $0 >= 1 }))
        p.levels = r.read(
            ConfigKey(
                "levels", default: 20, range: "1–1000", help: "",
                isValid: { (1...1000).contains($0) }))
        p.volBps = r.read(ConfigKey("vol_bps", default: 1.0, help: ""))
        p.driftBps = r.read(ConfigKey("drift_bps", default: 0.0, help: ""))
        p.levelQtyMean = r.read(ConfigKey("level_qty_mean", default: 1.0, range: "> 0", help: "", isValid: { $0 > 0 }))
        p.refreshProb = r.read(
            ConfigKey(
                "refresh_prob", default: 0.3, range: "0–1", help: "",
                isValid: { (0...1).contains($0) }))
        p.tradesPerStep = r.read(
            ConfigKey(
                "trades_per_step", default: 2.0, range: "0–30", help: "",
                isValid: { (0...30).contains($0) }))
        p.tradeQtyMean = r.read(ConfigKey("trade_qty_mean", default: 0.05, range: "> 0", help: "", isValid: { $0 > 0 }))
        p.wideSpreadProb = r.read(
            ConfigKey(
                "wide_spread_prob", default: 0.01, range: "0–1", help: "",
                isValid: { (0...1).contains($0) }))
        p.wideSpreadTicks = r.read(
            ConfigKey(
                "wide_spread_ticks", default: 20, range: "≥ 1", help: "",
                isValid: { $0 >= 1 }))
        p.spoofProb = r.read(
            ConfigKey(
                "spoof_prob", default: 0.005, range: "0–1", help: "",
                isValid: { (0...1).contains($0) }))
        p.spoofQtyMult = r.read(
            ConfigKey("spoof_qty_mult", default: 20.0, range: "≥ 0", help: "", isValid: { $0 >= 0 }))
        p.spoofSteps = r.read(ConfigKey("spoof_steps", default: 3, range: "≥ 1", help: "", isValid: { $0 >= 1 }))
        p.startTsMs = r.read(ConfigKey("start_ts_ms", default: Int64(1_700_000_000_000), help: ""))
        p.dataAgeMs = r.read(ConfigKey("data_age_ms", default: 0.0, range: "≥ 0", help: "", isValid: { $0 >= 0 }))
        return p
    }
}
