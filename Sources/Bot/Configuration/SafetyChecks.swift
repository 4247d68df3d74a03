/// The start-up refusals of bot.md §1 that need only the configuration and the environment (1–4); the account
/// checks of refusal 5 run when the Binance adapter starts. Each problem is one line naming the key and its origin.
public enum SafetyChecks {
    public static func refusals(_ c: BotConfiguration, environment: [String: String]) -> [String] {
        var out: [String] = []
        let mode = "mode is 'live' (\(c.origin(of: "mode")))"
        if c.mode == .live, c.allowOnGateError {
            out.append(
                "WiseScalp: refusing to start: gate.on_gate_error is 'allow' (\(c.origin(of: "gate.on_gate_error"))) "
                    + "but \(mode): gate errors must deny orders in live mode")
        }
        if c.mode == .live, c.source != .binance {
            out.append(
                "WiseScalp: refusing to start: market_data.source is '\(c.source.rawValue)' "
                    + "(\(c.origin(of: "market_data.source"))) but \(mode): live mode needs market_data.source: binance"
            )
        }
        if c.mode == .live, !c.dryRun {
            for (key, name) in [("binance.api_key_env", c.apiKeyEnv), ("binance.api_secret_env", c.apiSecretEnv)]
            where (environment[name] ?? "").isEmpty {
                let what = key == "binance.api_key_env" ? "API key" : "API secret"
                out.append(
                    "WiseScalp: refusing to start: \(mode) with dry_run false (\(c.origin(of: "dry_run"))) but the "
                        + "\(what) variable \(name) (\(key), \(c.origin(of: key))) is unset or empty")
            }
        }
        if let problem = baseURLProblem(c.binanceBaseURL) {
            out.append(
                "WiseScalp: refusing to start: binance.base_url '\(c.binanceBaseURL)' "
                    + "(\(c.origin(of: "binance.base_url"))) \(problem)")
        }
        return out
    }

    /// Why a Binance base URL is refused (refusal 4), nil when it is acceptable.
    static func baseURLProblem(_ url: String) -> String? {
        let parts = URLParts(url)
        switch parts.scheme {
        case "https": return parts.host.isEmpty ? "has no host" : nil
        case "http":
            return ["127.0.0.1", "::1", "localhost"].contains(parts.host.lowercased())
                ? nil : "uses http with a host other than 127.0.0.1, ::1 or localhost: use https"
        default: return "must use https (or http to 127.0.0.1, ::1 or localhost)"
        }
    }
}
