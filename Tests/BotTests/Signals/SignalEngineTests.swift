import Testing
import Wire

@testable import Bot

@Suite struct SignalEngineTests {
    static let bids = [OrderBook.Level(100.0, 2.0), OrderBook.Level(99.9, 1.0), OrderBook.Level(99.8, 3.0)]
    static let asks = [OrderBook.Level(100.1, 1.0), OrderBook.Level(100.2, 2.0), OrderBook.Level(100.3, 4.0)]
    static let book = OrderBook(bids: bids, asks: asks)

    static func settings() -> SignalSettings {
        var s = SignalSettings()
        s.levels = 3
        return s
    }

    static func near(_ a: Double?, _ b: Double, _ tolerance: Double = 5e-7) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance
    }

    /// bot.md §4 worked example.
    @Test func theWorkedExampleGivesThePinnedSignals() throws {
        var engine = SignalEngine(settings: Self.settings())
        let trades = [
            MarketUpdate.Trade(price: 100.1, qty: 0.5, side: .buy, ts: 990),
            MarketUpdate.Trade(price: 100.1, qty: 0.3, side: .buy, ts: 995),
            MarketUpdate.Trade(price: 100.0, qty: 0.2, side: .sell, ts: 999),
        ]
        let s_ = engine.update(MarketUpdate(symbol: "X", book: Self.book, trades: trades, tsMs: 1000))
        let s = try #require(s_)
        #expect(Self.near(s.mid, 100.05))
        #expect(Self.near(s.spreadBps, 9.995002))
        #expect(Self.near(s.microPrice, 100.066667))
        #expect(Self.near(s.obi, -0.076923))
        #expect(Self.near(s.tfi, 0.6))
        #expect(Self.near(s.score, 0.193846))
        #expect(s.obiSign == -1 && s.tfiSign == 1)
        #expect(s.trapCancelDeltas == nil && s.trapAddDeltas == nil && s.trapTradesCnt == nil)
        #expect(s.sprtSamples.count == 1)
        #expect(s.volStdBps == nil)
        #expect(!s.crossedBook && !s.abnormalSpread && !s.staleBook)
    }

    @Test(arguments: [
        (OrderSide.buy, 100.16, 5.997001),
        (OrderSide.sell, 99.98, 1.999000),
    ])
    func walkingTheBookForTwoAndAHalfGivesTheExampleSlippage(side: OrderSide, vwap: Double, bps: Double) throws {
        let result = try #require(BookWalk.slippage(Self.book, side: side, qty: 2.5))
        #expect(Self.near(result.walk.vwap, vwap, 1e-9))
        #expect(Self.near(result.bps, bps))
        #expect(!result.walk.isShort)
    }

    @Test func aShortBookPricesTheRemainderAtTheLastLevel() throws {
        let walk = try #require(BookWalk(Self.asks, qty: 10))
        #expect(walk.isShort)
        #expect(Self.near(walk.vwap, 100.26, 1e-9))
        #expect(Self.near(walk.available, 7, 1e-12))
    }

    /// The example's second update: this pair alone gives the pinned TRAP deltas.
    @Test func theExamplePairGivesThePinnedTrapDeltas() throws {
        var engine = SignalEngine(settings: Self.settings())
        _ = engine.update(MarketUpdate(symbol: "X", book: Self.book, tsMs: 1000))
        let next = OrderBook(
            bids: [.init(100.0, 1.5), .init(99.9, 1.0), .init(99.8, 3.0)],
            asks: [.init(100.1, 0.5), .init(100.2, 2.5), .init(100.3, 4.0)])
        let trades = [
            MarketUpdate.Trade(price: 100.0, qty: 0.2, side: .sell, ts: 1050),
            MarketUpdate.Trade(price: 100.1, qty: 0.3, side: .buy, ts: 1060),
        ]
        let s_ = engine.update(MarketUpdate(symbol: "X", book: next, trades: trades, tsMs: 1100))
        let s = try #require(s_)
        let cancel = try #require(s.trapCancelDeltas)
        let add = try #require(s.trapAddDeltas)
        #expect(zip(cancel, [0.5, 0, 0]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(zip(add, [0, 0.5, 0]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(s.trapTradesCnt == 2)
    }

    @Test func trapPairsOutsideTheWindowAreDropped() throws {
        var settings = Self.settings()
        settings.trapWindowMs = 100
        var engine = SignalEngine(settings: settings)
        let thin = OrderBook(bids: [.init(100.0, 1.0)], asks: [.init(100.1, 1.0)])
        _ = engine.update(MarketUpdate(symbol: "X", book: Self.book, tsMs: 1000))
        _ = engine.update(MarketUpdate(symbol: "X", book: thin, tsMs: 1050))
        let s_ = engine.update(MarketUpdate(symbol: "X", book: thin, tsMs: 1200))
        let s = try #require(s_)
        #expect(s.trapCancelDeltas == [0, 0, 0])
        #expect(s.trapAddDeltas == [0, 0, 0])
    }

    @Test func tfiCountsOnlyTradesInsideTheWindow() throws {
        var settings = Self.settings()
        settings.tradeWindowMs = 100
        var engine = SignalEngine(settings: settings)
        _ = engine.update(
            MarketUpdate(
                symbol: "X", book: Self.book, trades: [.init(price: 100.1, qty: 1, side: .buy, ts: 1000)], tsMs: 1000))
        let s_ = engine.update(
            MarketUpdate(
                symbol: "X", book: Self.book, trades: [.init(price: 100.0, qty: 1, side: .sell, ts: 1100)], tsMs: 1100))
        let s = try #require(s_)
        #expect(s.tfi == -1)
        let quiet_ = engine.update(MarketUpdate(symbol: "X", book: Self.book, tsMs: 1300))
        let quiet = try #require(quiet_)
        #expect(quiet.tfi == nil)
        #expect(quiet.tfiSign == 0)
    }

    @Test func anEmptySideProducesNoSignals() {
        var engine = SignalEngine(settings: Self.settings())
        #expect(engine.update(MarketUpdate(symbol: "X", book: OrderBook(bids: Self.bids, asks: []), tsMs: 1)) == nil)
    }

    @Test func volatilityAndDispersionFollowTheDefinitions() throws {
        var engine = SignalEngine(settings: Self.settings())
        var last: Signals?
        for (i, mid) in [100.0, 101.0, 100.0].enumerated() {
            let book = OrderBook(bids: [.init(mid - 0.05, 1)], asks: [.init(mid + 0.05, 1)])
            last = engine.update(MarketUpdate(symbol: "X", book: book, tsMs: Int64(i) * 100))
        }
        let s = try #require(last)
        let r1 = Math.log(101.0 / 100.0)
        let r2 = Math.log(100.0 / 101.0)
        let mean = (r1 + r2) / 2
        let v1: Double = (r1 - mean) * (r1 - mean)
        let v2: Double = (r2 - mean) * (r2 - mean)
        let std = ((v1 + v2) / 2).squareRoot()
        #expect(Self.near(s.volStdBps, std * 1e4, 1e-9))
        let mids = [100.0, 101.0, 100.0]
        let m = mids.reduce(0, +) / 3
        let squares: Double = mids.map { ($0 - m) * ($0 - m) }.reduce(0, +)
        let d: Double = (squares / 3).squareRoot() / 100 * 1e4
        #expect(Self.near(s.bBps, d, 1e-9))
        #expect(Self.near(s.aBps, d, 1e-9))
        // EMAs seeded with r1 > 0 stay positive after one step toward r2 = −r1 (α = 2/16 and 2/61).
        #expect(s.modeRegime == "trend_pos")
    }

    @Test func aBookUnchangedLongerThanStaleAfterIsStale() throws {
        var settings = Self.settings()
        settings.staleAfterMs = 500
        var engine = SignalEngine(settings: settings)
        _ = engine.update(MarketUpdate(symbol: "X", book: Self.book, tsMs: 0))
        let fresh_ = engine.update(MarketUpdate(symbol: "X", book: Self.book, tsMs: 400))
        let fresh = try #require(fresh_)
        let stale_ = engine.update(MarketUpdate(symbol: "X", book: Self.book, tsMs: 600))
        let stale = try #require(stale_)
        #expect(!fresh.staleBook)
        #expect(stale.staleBook)
    }
}
