/// The signals of one update of one symbol (bot.md §4). Optional values are unknown and are omitted from requests.
public struct Signals: Sendable, Hashable {
    public var mid: Double
    public var bestBid: Double
    public var bestAsk: Double
    public var spreadBps: Double
    public var microPrice: Double
    public var obi: Double
    public var tfi: Double?
    public var score: Double
    public var volStdBps: Double?
    public var aBps: Double?
    public var bBps: Double?
    public var modeRegime: String?
    public var sprtSamples: [Double]
    public var trapCancelDeltas: [Double]?
    public var trapAddDeltas: [Double]?
    public var trapTradesCnt: Int64?
    public var staleBook: Bool
    public var crossedBook: Bool
    public var abnormalSpread: Bool

    public var obiSign: Int64 { Math.sign(obi) }
    public var tfiSign: Int64 { Math.sign(tfi ?? 0) }
}
