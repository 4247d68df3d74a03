import AuroraTesting
import Testing
import Wire

@testable import Bot

@Suite(.timeLimit(.minutes(1))) struct BinanceExchangeTests {
    static let key = "test-key-1234"
    static let secret = "test-secret-5678"

    static func exchange(_ fake: FakeBinance, secret: String = secret) -> BinanceExchange {
        let rest = BinanceREST(
            baseURL: fake.baseURL, market: .futures, transport: CurlTransport(), timeoutMs: 2000, recvWindowMs: 5000,
            apiKey: key, apiSecret: secret)
        var filters = BinanceFilters()
        filters.tickSize = 0.1
        return BinanceExchange(rest: rest, filters: ["BTCUSDT": filters], makerFeeBps: 2, takerFeeBps: 5)
    }

    static let update = MarketUpdate(
        symbol: "BTCUSDT", book: OrderBook(bids: [.init(60000.0, 1)], asks: [.init(60000.1, 1)]), tsMs: 0)

    static func ticket(
        _ side: OrderSide, _ type: OrderType = .market, qty: Double = 0.002, price: Double? = nil,
        reduceOnly: Bool = false, n: Int = 1
    ) -> OrderTicket {
        OrderTicket(
            symbol: "BTCUSDT", side: side, type: type, qty: qty, price: price, reduceOnly: reduceOnly,
            cid: "ws-20250101120000123-00000\(n)")
    }

    @Test func aSignedMarketOrderFillsAndAReduceOnlyExitFlattens() throws {
        let fake = FakeBinance(apiKey: Self.key, apiSecret: Self.secret)
        defer { fake.stop() }
        let exchange = Self.exchange(fake)
        let (entry, open) = exchange.place(Self.ticket(.buy), update: Self.update, nowMs: 0)
        #expect(open == nil)
        #expect(entry.status == .filled && entry.filled == 0.002 && entry.avgPrice == 60000.1)
        #expect(entry.oid == "4083942232")
        let (exit, _) = exchange.place(Self.ticket(.sell, reduceOnly: true, n: 2), update: Self.update, nowMs: 0)
        #expect(exit.status == .filled)
        #expect(fake.positions["BTCUSDT"] == 0)
        let posts = fake.requests.filter { $0.method == "POST" }
        #expect(posts.allSatisfy { $0.headers["x-mbx-apikey"] == Self.key && $0.body.isEmpty })
        let query = try #require(posts.last?.query)
        #expect(
            query.hasPrefix(
                "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.002&reduceOnly=true&newClientOrderId=ws-20250101120000123-000002&newOrderRespType=RESULT&recvWindow=5000&timestamp="
            ))
        #expect(query.contains("&signature="))
    }

    @Test func aLimitOrderCarriesGTCAndATickRoundedPrice() throws {
        let fake = FakeBinance(apiKey: Self.key, apiSecret: Self.secret)
        defer { fake.stop() }
        let (outcome, open) = Self.exchange(fake).place(
            Self.ticket(.buy, .limit, price: 59999.97), update: Self.update, nowMs: 0)
        #expect(outcome.status == .new)
        #expect(open != nil)
        let query = try #require(fake.requests.last?.query)
        #expect(
            query.hasPrefix(
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.002&price=59999.9&newClientOrderId="))
    }

    @Test func aRestingOrderIsCancelledByItsClientOrderID() throws {
        let fake = FakeBinance(apiKey: Self.key, apiSecret: Self.secret)
        defer { fake.stop() }
        let exchange = Self.exchange(fake)
        let (_, open) = exchange.place(Self.ticket(.buy, .limit, price: 59990.0), update: Self.update, nowMs: 0)
        let order = try #require(open)
        let outcome = exchange.cancel(order, nowMs: 5000)
        #expect(outcome.status == .canceled && outcome.filled == 0)
        #expect(fake.requests.last?.method == "DELETE")
    }

    @Test func exchangeErrorsBecomeRejectedOutcomesWithTheCode() {
        let fake = FakeBinance(apiKey: Self.key, apiSecret: Self.secret)
        defer { fake.stop() }
        fake.script(order: 1, .reject(code: -2010, message: "Account has insufficient balance for requested action."))
        let exchange = Self.exchange(fake)
        let (rejected, _) = exchange.place(Self.ticket(.buy), update: Self.update, nowMs: 0)
        #expect(rejected.status == .rejected)
        #expect(
            rejected.error
                == ExchangeError(code: "-2010", message: "Account has insufficient balance for requested action."))
        let (reduce, _) = exchange.place(Self.ticket(.sell, reduceOnly: true, n: 2), update: Self.update, nowMs: 0)
        #expect(reduce.error?.code == "-2022")
    }

    @Test func aWrongSecretIsRefusedWithABadSignature() {
        let fake = FakeBinance(apiKey: Self.key, apiSecret: Self.secret)
        defer { fake.stop() }
        let (outcome, _) = Self.exchange(fake, secret: "wrong").place(Self.ticket(.buy), update: Self.update, nowMs: 0)
        #expect(outcome.error?.code == "-1022")
    }

    @Test func aServerErrorLeavesTheStatusUnknownUntilTheQuerySaysTheOrderDoesNotExist() throws {
        let fake = FakeBinance(apiKey: Self.key, apiSecret: Self.secret)
        defer { fake.stop() }
        fake.script(order: 1, .status(503))
        let exchange = Self.exchange(fake)
        let (outcome, open) = exchange.place(Self.ticket(.buy), update: Self.update, nowMs: 0)
        #expect(outcome.status == .unknown)
        var order = try #require(open)
        let queried = try #require(exchange.advance(&order, update: nil, nowMs: 1000))
        #expect(queried.status == .rejected && queried.error?.code == "-2013")
    }

    @Test func aRateLimitPausesEveryRequest() {
        let fake = FakeBinance(apiKey: Self.key, apiSecret: Self.secret)
        defer { fake.stop() }
        fake.script(order: 1, .rateLimit(retryAfterSeconds: 30))
        let exchange = Self.exchange(fake)
        #expect(exchange.place(Self.ticket(.buy), update: Self.update, nowMs: 0).outcome.error?.code == "HTTP_429")
        let before = fake.requests.count
        #expect(
            exchange.place(Self.ticket(.buy, n: 2), update: Self.update, nowMs: 0).outcome.error?.code == "HTTP_429")
        #expect(fake.requests.count == before)
    }
}
