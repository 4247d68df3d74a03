import RuleEngine
import Testing

/// rule-files.md §2.7, the canonicalisation table.
@Suite struct SymbolTests {
    @Test(arguments: [
        ("btcusdt", "BTCUSDT"), ("BTCUSDT", "BTCUSDT"), (" BTCUSDT ", "BTCUSDT"), ("BTC/USDT", "BTCUSDT"),
        ("BTC-USDT", "BTCUSDT"), ("btc_usdt", "BTCUSDT"), ("eth-usdt", "ETHUSDT"), ("ETH/USDT", "ETHUSDT"),
        ("binance:btc/usdt", "BTCUSDT"), ("binanceusdm:BTC/USDT", "BTCUSDT"), ("BTC/USDT:USDT", "BTCUSDT"),
        ("BTCUSDT:USDT", "BTCUSDT"), ("binance:BTC/USDT:USDT", "BTCUSDT"), ("binanceusdm:BTC/USDT:USDT", "BTCUSDT"),
        ("ethusdt:perp", "ETHUSDT"), ("bybit:ethusdt", "ETHUSDT"), ("1000PEPE/USDT", "1000PEPEUSDT"),
        ("foo:BTCUSDT", "FOO"),
    ])
    func canonical(_ text: String, _ expected: String) {
        #expect(Symbol(canonicalizing: text)?.rawValue == expected)
    }

    @Test(arguments: ["binance:", ":BTCUSDT", "BTC USDT", "BTC.USDT", "B", ""])
    func invalid(_ text: String) {
        #expect(Symbol(canonicalizing: text) == nil)
    }

    @Test(arguments: [("buy", Side.buy), (" LONG ", .buy), ("Sell", .sell), ("short", .sell)])
    func sides(_ text: String, _ side: Side) {
        #expect(Side(canonicalizing: text) == side)
        #expect(Side(canonicalizing: "hold") == nil)
    }
}
