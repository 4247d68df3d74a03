/// Symbol canonicalisation exactly as rule-files.md §2.7 defines it (the bot may not import the engine's `Symbol`):
/// `binance:btc/usdt`, `BTC-USDT`, `BTCUSDT:USDT` → `BTCUSDT`.
enum SymbolName {
    static let exchangePrefixes: Set<String> = [
        "binance", "binanceusdm", "binancecoinm", "bybit", "okx", "okex", "kraken", "krakenfutures", "coinbase",
        "bitget", "kucoin", "gate", "gateio", "mexc", "deribit", "bitmex", "huobi", "htx", "bitfinex", "bitstamp",
    ]

    /// The canonical symbol, or nil when it is not `^[A-Z0-9]{2,32}$`.
    static func canonical(_ text: String) -> String? {
        var parts = text.trimmedASCII.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 2, exchangePrefixes.contains(parts[0].lowercased()) { parts.removeFirst() }
        var out = ""
        for scalar in (parts.first ?? "").unicodeScalars where scalar != "/" && scalar != "-" && scalar != "_" {
            if scalar.value >= 97 && scalar.value <= 122 {
                out.unicodeScalars.append(Unicode.Scalar(scalar.value - 32)!)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        let valid =
            (2...32).contains(out.utf8.count)
            && out.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) }
        return valid ? out : nil
    }
}
