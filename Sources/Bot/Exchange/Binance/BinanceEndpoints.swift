/// The REST paths of bot.md §3.4 and §8.2 for one market.
struct BinanceEndpoints: Sendable, Hashable {
    let market: BotConfiguration.Market

    var time: String { market == .futures ? "/fapi/v1/time" : "/api/v3/time" }
    var exchangeInfo: String { market == .futures ? "/fapi/v1/exchangeInfo" : "/api/v3/exchangeInfo" }
    var depth: String { market == .futures ? "/fapi/v1/depth" : "/api/v3/depth" }
    var aggTrades: String { market == .futures ? "/fapi/v1/aggTrades" : "/api/v3/aggTrades" }
    var order: String { market == .futures ? "/fapi/v1/order" : "/api/v3/order" }
    static let positionSideDual = "/fapi/v1/positionSide/dual"
    static let positionRisk = "/fapi/v2/positionRisk"
    static let leverage = "/fapi/v1/leverage"
    static let balance = "/fapi/v2/balance"
    static let account = "/api/v3/account"

    /// Futures: the smallest of 5, 10, 20, 50, 100, 500, 1000 that is ≥ L; spot: L.
    func depthLimit(levels: Int) -> Int {
        guard market == .futures else { return levels }
        return [5, 10, 20, 50, 100, 500, 1000].first { $0 >= levels } ?? 1000
    }
}
