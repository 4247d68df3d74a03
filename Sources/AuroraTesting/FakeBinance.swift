import Codec
import Foundation
import Synchronization

/// A Binance REST fake on `127.0.0.1:0` (bot.md §13): serves the futures and spot endpoints from a scripted book,
/// checks `X-MBX-APIKEY` (401 `-2015`), the HMAC-SHA256 signature of the query (400 `-1022`), `timestamp` within
/// `recvWindow` and `recvWindow ≤ 60000` (400 `-1021`), the `newClientOrderId` format (400 `-1100`), and that a
/// reduce-only order never grows a position (400 `-2022`). Keeps orders and positions; records every request.
public final class FakeBinance: Sendable {
    /// A scripted fault for the Nth order POST (1-based).
    public enum Fault: Sendable, Hashable {
        case reject(code: Int, message: String)
        case delay(ms: Int)
        case status(Int)
        case rateLimit(retryAfterSeconds: Int)
    }

    public struct Order: Sendable, Hashable {
        public var orderID: Int64
        public var cid: String
        public var symbol: String
        public var side: String
        public var type: String
        public var qty: Double
        public var price: Double?
        public var reduceOnly: Bool
        public var status: String
        public var executed: Double
        public var avgPrice: Double
    }

    private struct State {
        var bid = 60000.0
        var ask = 60000.1
        var orders: [Order] = []
        var positions: [String: Double] = [:]
        var requests: [LoopbackHTTPServer.Request] = []
        var faults: [Int: Fault] = [:]
        var orderPosts = 0
        var nextID: Int64 = 4_083_942_231
        var hedgeMode = false
    }

    private final class Store: Sendable {
        let mutex = Mutex(State())
    }

    public let apiKey: String
    private let secret: [UInt8]
    private let store = Store()
    private let server: LoopbackHTTPServer

    public init(apiKey: String, apiSecret: String) {
        self.apiKey = apiKey
        secret = Array(apiSecret.utf8)
        let store = self.store
        let key = apiKey
        let secretBytes = secret
        server = LoopbackHTTPServer { request in
            FakeBinance.handle(request, store: store, apiKey: key, secret: secretBytes)
        }
    }

    public var baseURL: String { server.baseURL }
    public func stop() { server.stop() }

    public func setBook(bid: Double, ask: Double) {
        store.mutex.withLock {
            $0.bid = bid; $0.ask = ask
        }
    }
    public func script(order n: Int, _ fault: Fault) { store.mutex.withLock { $0.faults[n] = fault } }
    public func setHedgeMode(_ on: Bool) { store.mutex.withLock { $0.hedgeMode = on } }
    public func setPosition(_ symbol: String, _ qty: Double) { store.mutex.withLock { $0.positions[symbol] = qty } }
    public var orders: [Order] { store.mutex.withLock { $0.orders } }
    public var positions: [String: Double] { store.mutex.withLock { $0.positions } }
    public var requests: [LoopbackHTTPServer.Request] { store.mutex.withLock { $0.requests } }

    private static func error(_ status: Int, _ code: Int, _ message: String) -> LoopbackHTTPServer.Response {
        .json(status, #"{"code":\#(code),"msg":"\#(message)"}"#)
    }

    private static func params(_ query: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            out[parts[0]] = parts.count > 1 ? (parts[1].removingPercentEncoding ?? parts[1]) : ""
        }
        return out
    }

    private static func handle(
        _ request: LoopbackHTTPServer.Request, store: Store, apiKey: String, secret: [UInt8]
    ) -> LoopbackHTTPServer.Response {
        store.mutex.withLock { $0.requests.append(request) }
        let path = request.path.replacingOccurrences(of: "/api/v3/", with: "/fapi/v1/")
        let p = params(request.query)
        switch (request.method, path) {
        case ("GET", "/fapi/v1/time"):
            return .json(200, #"{"serverTime":\#(Int64(Date().timeIntervalSince1970 * 1000))}"#)
        case ("GET", "/fapi/v1/exchangeInfo"):
            return .json(
                200,
                #"{"symbols":[{"symbol":"BTCUSDT","filters":[{"filterType":"PRICE_FILTER","tickSize":"0.10"},{"filterType":"LOT_SIZE","stepSize":"0.001","minQty":"0.001"},{"filterType":"MARKET_LOT_SIZE","stepSize":"0.001","minQty":"0.001"},{"filterType":"MIN_NOTIONAL","notional":"5"},{"filterType":"NOTIONAL","minNotional":"5"}]}]}"#
            )
        case ("GET", "/fapi/v1/depth"):
            let (bid, ask) = store.mutex.withLock { ($0.bid, $0.ask) }
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            return .json(
                200,
                #"{"lastUpdateId":\#(now),"T":\#(now),"bids":[["\#(bid)","5.0"],["\#(bid - 0.1)","5.0"]],"asks":[["\#(ask)","0.5"],["\#(ask + 0.1)","0.5"]]}"#
            )
        case ("GET", "/fapi/v1/aggTrades"):
            return .json(200, "[]")
        default:
            break
        }
        // Signed endpoints.
        guard request.headers["x-mbx-apikey"] == apiKey else {
            return error(401, -2015, "Invalid API-key, IP, or permissions for action.")
        }
        guard let range = request.query.range(of: "&signature=") else {
            return error(400, -1022, "Signature for this request is not valid.")
        }
        let signed = String(request.query[..<range.lowerBound])
        let signature = String(request.query[range.upperBound...])
        let expected = Hex.encode(HMACSHA256.authenticate(Array(signed.utf8) + request.body, key: secret))
        guard ConstantTime.equals(Array(expected.utf8), Array(signature.utf8)) else {
            return error(400, -1022, "Signature for this request is not valid.")
        }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        guard let window = p["recvWindow"].flatMap(Int64.init), window <= 60000,
            let ts = p["timestamp"].flatMap(Int64.init),
            abs(now - ts) <= window
        else { return error(400, -1021, "Timestamp for this request is outside of the recvWindow.") }
        switch (request.method, path) {
        case ("GET", "/fapi/v1/positionSide/dual"):
            return .json(200, #"{"dualSidePosition":\#(store.mutex.withLock { $0.hedgeMode })}"#)
        case ("GET", "/fapi/v2/positionRisk"):
            let positions = store.mutex.withLock { $0.positions }
            let items = positions.map { #"{"symbol":"\#($0.key)","positionAmt":"\#($0.value)"}"# }
            return .json(200, "[" + items.joined(separator: ",") + "]")
        case ("POST", "/fapi/v1/leverage"):
            return .json(200, #"{"leverage":\#(p["leverage"] ?? "1"),"symbol":"\#(p["symbol"] ?? "")"}"#)
        case ("POST", "/fapi/v1/order"):
            return placeOrder(p, store: store)
        case ("GET", "/fapi/v1/order"), ("DELETE", "/fapi/v1/order"):
            return store.mutex.withLock { s -> LoopbackHTTPServer.Response in
                guard let index = s.orders.firstIndex(where: { $0.cid == p["origClientOrderId"] }) else {
                    return error(400, -2013, "Order does not exist.")
                }
                if request.method == "DELETE", s.orders[index].status == "NEW" { s.orders[index].status = "CANCELED" }
                return .json(200, orderJSON(s.orders[index]))
            }
        default:
            return error(404, -1000, "unknown endpoint")
        }
    }

    private static func placeOrder(_ p: [String: String], store: Store) -> LoopbackHTTPServer.Response {
        let cid = p["newClientOrderId"] ?? ""
        guard (1...36).contains(cid.count), cid.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else { return error(400, -1100, "Illegal characters found in parameter 'newClientOrderId'.") }
        return store.mutex.withLock { s -> LoopbackHTTPServer.Response in
            s.orderPosts += 1
            switch s.faults[s.orderPosts] {
            case .reject(let code, let message)?: return error(400, code, message)
            case .status(let status)?: return .json(status, "{}")
            case .rateLimit(let seconds)?:
                return LoopbackHTTPServer.Response(status: 429, headers: [("Retry-After", String(seconds))])
            case .delay(let ms)?:
                var response = LoopbackHTTPServer.Response.json(503, "{}")
                response.delayMs = ms
                return response
            case nil: break
            }
            let symbol = p["symbol"] ?? ""
            let side = p["side"] ?? ""
            let qty = Double(p["quantity"] ?? "") ?? 0
            let reduceOnly = p["reduceOnly"] == "true"
            let position = s.positions[symbol] ?? 0
            let signed = side == "BUY" ? qty : -qty
            if reduceOnly, position == 0 || (position > 0) == (signed > 0) || abs(signed) > abs(position) + 1e-12 {
                return error(400, -2022, "ReduceOnly Order is rejected.")
            }
            let price = p["price"].flatMap(Double.init)
            let touch = side == "BUY" ? s.ask : s.bid
            let marketable =
                p["type"] == "MARKET" || (side == "BUY" ? (price ?? 0) >= s.ask : (price ?? .infinity) <= s.bid)
            s.nextID += 1
            var order = Order(
                orderID: s.nextID, cid: cid, symbol: symbol, side: side, type: p["type"] ?? "", qty: qty, price: price,
                reduceOnly: reduceOnly, status: "NEW", executed: 0, avgPrice: 0)
            if marketable {
                order.status = "FILLED"
                order.executed = qty
                order.avgPrice = p["type"] == "MARKET" ? touch : (price ?? touch)
                s.positions[symbol] = position + signed
                if abs(s.positions[symbol] ?? 0) < 1e-12 { s.positions[symbol] = 0 }
            }
            s.orders.append(order)
            return .json(200, orderJSON(order))
        }
    }

    private static func orderJSON(_ o: Order) -> String {
        #"{"orderId":\#(o.orderID),"clientOrderId":"\#(o.cid)","symbol":"\#(o.symbol)","status":"\#(o.status)","executedQty":"\#(o.executed)","avgPrice":"\#(o.avgPrice)","cummulativeQuoteQty":"\#(o.executed * o.avgPrice)","origQty":"\#(o.qty)"}"#
    }
}
