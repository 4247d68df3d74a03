import Testing
import Wire

@testable import Bot

@Suite struct PaperExchangeTests {
    static let book = OrderBook(
        bids: [.init(100.0, 2.0), .init(99.9, 1.0)], asks: [.init(100.1, 1.0), .init(100.2, 2.0)])

    static func exchange(rejectEvery: Int = 0, minNotional: Double = 5) -> PaperExchange {
        PaperExchange(
            makerFeeBps: 2, takerFeeBps: 5, limitTTLms: 5000,
            filters: .init(qtyStep: 0.001, minQty: 0.001, minNotional: minNotional), rejectEvery: rejectEvery)
    }

    static func update(_ book: OrderBook = book, trades: [MarketUpdate.Trade] = [], ts: Int64 = 0) -> MarketUpdate {
        MarketUpdate(symbol: "BTCUSDT", book: book, trades: trades, tsMs: ts)
    }

    static func ticket(
        _ side: OrderSide, _ type: OrderType, _ qty: Double, price: Double? = nil,
        reduceOnly: Bool = false
    ) -> OrderTicket {
        OrderTicket(symbol: "BTCUSDT", side: side, type: type, qty: qty, price: price, reduceOnly: reduceOnly, cid: "c")
    }

    static func near(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-9 } ?? false }

    @Test func aMarketBuyWalksTheAsksAtTheTakerFee() {
        let (outcome, open) = Self.exchange().place(Self.ticket(.buy, .market, 2), update: Self.update(), nowMs: 0)
        #expect(open == nil)
        #expect(outcome.status == .filled)
        #expect(Self.near(outcome.avgPrice, 100.15))
        #expect(Self.near(outcome.feesUsdt, 200.3 * 5 / 1e4))
        #expect(outcome.oid == "paper-1")
        #expect(outcome.latencyMs == 0)
    }

    @Test func aMarketOrderLargerThanTheBookExpiresPartlyFilled() {
        let (outcome, _) = Self.exchange().place(Self.ticket(.sell, .market, 5), update: Self.update(), nowMs: 0)
        #expect(outcome.status == .expired)
        #expect(Self.near(outcome.filled, 3))
        #expect(Self.near(outcome.avgPrice, (200.0 + 99.9) / 3))
    }

    @Test func aMarketableLimitFillsItsCrossingPartAtOnceAndRestsTheRest() throws {
        let (outcome, open) = Self.exchange().place(
            Self.ticket(.buy, .limit, 1.5, price: 100.1), update: Self.update(), nowMs: 0)
        #expect(outcome.status == .partiallyFilled)
        #expect(Self.near(outcome.filled, 1))
        #expect(Self.near(outcome.feesUsdt, 100.1 * 5 / 1e4))
        let order = try #require(open)
        #expect(order.queueAhead == 0)
    }

    @Test func aRestingBuyWaitsForTheQueueAheadThenFillsAtItsPrice() throws {
        let paper = Self.exchange()
        let (_, open) = paper.place(Self.ticket(.buy, .limit, 1, price: 100.0), update: Self.update(), nowMs: 0)
        var order = try #require(open)
        #expect(order.queueAhead == 2)
        let atPrice = MarketUpdate.Trade(price: 100.0, qty: 2.5, side: .sell, ts: 1)
        let outcome = try #require(paper.advance(&order, update: Self.update(trades: [atPrice], ts: 1), nowMs: 1))
        #expect(outcome.status == .partiallyFilled)
        #expect(Self.near(outcome.filled, 0.5))
        #expect(Self.near(outcome.feesUsdt, 50 * 2 / 1e4))
        #expect(paper.positions["BTCUSDT"].map { abs($0 - 0.5) < 1e-12 } == true)
    }

    @Test func aTradeThroughTheLimitFillsTheWholeRemainderAtTheLimit() throws {
        let paper = Self.exchange()
        let (_, open) = paper.place(Self.ticket(.buy, .limit, 1, price: 100.0), update: Self.update(), nowMs: 0)
        var order = try #require(open)
        let through = MarketUpdate.Trade(price: 99.9, qty: 0.01, side: .sell, ts: 1)
        let outcome = try #require(paper.advance(&order, update: Self.update(trades: [through], ts: 1), nowMs: 1))
        #expect(outcome.status == .filled)
        #expect(Self.near(outcome.avgPrice, 100.0))
    }

    @Test func aBookThatCrossesTheLimitFillsTheRemainder() throws {
        let paper = Self.exchange()
        let (_, open) = paper.place(Self.ticket(.sell, .limit, 1, price: 100.1), update: Self.update(), nowMs: 0)
        var order = try #require(open)
        let crossed = OrderBook(bids: [.init(100.2, 1)], asks: [.init(100.3, 1)])
        let outcome = try #require(paper.advance(&order, update: Self.update(crossed, ts: 1), nowMs: 1))
        #expect(outcome.status == .filled)
        #expect(Self.near(outcome.avgPrice, 100.1))
    }

    @Test func theTTLCancelsTheRemainderAsAPartial() throws {
        let paper = Self.exchange()
        let (_, open) = paper.place(Self.ticket(.buy, .limit, 1, price: 100.1), update: Self.update(), nowMs: 0)
        #expect(open == nil)
        let (_, resting) = paper.place(Self.ticket(.buy, .limit, 2, price: 99.9), update: Self.update(), nowMs: 0)
        var order = try #require(resting)
        let trade = MarketUpdate.Trade(price: 99.9, qty: 1.5, side: .sell, ts: 100)
        _ = paper.advance(&order, update: Self.update(trades: [trade], ts: 100), nowMs: 100)
        #expect(order.outcome.status == .partiallyFilled)
        #expect(paper.advance(&order, update: Self.update(ts: 4999), nowMs: 4999) == nil)
        let outcome = try #require(paper.advance(&order, update: Self.update(ts: 5000), nowMs: 5000))
        #expect(outcome.status == .canceled)
        #expect(Self.near(outcome.filled, 0.5))
    }

    @Test func aReduceOnlyOrderIsCappedAtThePositionAndRejectedWhenFlat() {
        let paper = Self.exchange()
        let (rejected, _) = paper.place(
            Self.ticket(.sell, .market, 1, reduceOnly: true), update: Self.update(), nowMs: 0)
        #expect(rejected == .rejected("-2022", "ReduceOnly Order is rejected."))
        _ = paper.place(Self.ticket(.buy, .market, 0.5), update: Self.update(), nowMs: 0)
        let (closed, _) = paper.place(Self.ticket(.sell, .market, 2, reduceOnly: true), update: Self.update(), nowMs: 0)
        #expect(closed.status == .filled)
        #expect(Self.near(closed.filled, 0.5))
        #expect(paper.positions["BTCUSDT"] == nil)
    }

    @Test func everyNthEntryIsRejectedWhenFaultsAreInjected() {
        let paper = Self.exchange(rejectEvery: 2)
        let statuses = (0..<4).map { _ in
            paper.place(Self.ticket(.buy, .market, 0.1), update: Self.update(), nowMs: 0).outcome
        }
        #expect(statuses.map(\.status) == [.filled, .rejected, .filled, .rejected])
        #expect(statuses[1].error == ExchangeError(code: "-2010", message: "insufficient balance (simulated)"))
        #expect(statuses[1].oid == nil)
    }

    @Test func anOrderBelowTheMinimumNotionalIsRejected() {
        let (outcome, _) = Self.exchange(minNotional: 50).place(
            Self.ticket(.buy, .limit, 0.1, price: 100.0), update: Self.update(), nowMs: 0)
        #expect(outcome.status == .rejected)
        #expect(outcome.error?.code == "-4164")
    }
}
