import Testing
import Wire
@testable import Host

struct AckTrackerTests {
    private func entry(_ key: String, at ms: Int64) -> AckTracker.Entry {
        AckTracker.Entry(key: key, submittedMs: ms, symbol: "BTCUSDT", cid: key, oid: nil, side: .buy, orderType: nil,
                         price: nil, qty: 1)
    }

    @Test func aSubmitStartsTrackingAndAnAcknowledgementStopsIt() {
        let tracker = AckTracker()
        #expect(tracker.observe(entry("a", at: 0), status: " Submitted ", classification: .neither) == nil)
        #expect(tracker.count == 1)
        _ = tracker.observe(entry("a", at: 5), status: "ACK", classification: .neither)
        #expect(tracker.count == 0)
    }

    @Test func anOutcomeStopsTrackingAndOtherStatusesStartNothing() {
        let tracker = AckTracker()
        _ = tracker.observe(entry("a", at: 0), status: "new", classification: .neither)
        _ = tracker.observe(entry("a", at: 1), status: nil, classification: .failed)
        _ = tracker.observe(entry("b", at: 0), status: "pending", classification: .neither)
        _ = tracker.observe(entry("c", at: 0), status: "new", classification: .success)
        #expect(tracker.count == 0)
    }

    @Test func expiryIsStrictlyAfterTheTTLAndKeepsTheFirstSubmitTime() {
        let tracker = AckTracker()
        _ = tracker.observe(entry("a", at: 1_000), status: "new", classification: .neither)
        _ = tracker.observe(entry("a", at: 9_000), status: "new", classification: .neither)
        #expect(tracker.expire(nowMs: 6_000, ttlMs: 5_000).isEmpty)
        #expect(tracker.expire(nowMs: 6_001, ttlMs: 5_000).map(\.submittedMs) == [1_000])
        #expect(tracker.count == 0)
    }

    @Test func aFullTrackerEvictsTheOldestKey() {
        let tracker = AckTracker(capacity: 2)
        _ = tracker.observe(entry("a", at: 1), status: "new", classification: .neither)
        _ = tracker.observe(entry("b", at: 2), status: "new", classification: .neither)
        let evicted = tracker.observe(entry("c", at: 3), status: "new", classification: .neither)
        #expect(evicted?.key == "a")
        #expect(tracker.count == 2)
    }

    @Test func stoppedKeysDoNotGrowTheQueueWithoutBound() {
        let tracker = AckTracker(capacity: 4)
        for i in 0..<20_000 {
            _ = tracker.observe(entry("k\(i)", at: Int64(i)), status: "new", classification: .neither)
            _ = tracker.observe(entry("k\(i)", at: Int64(i)), status: "filled", classification: .success)
        }
        #expect(tracker.count == 0)
        let evicted = (0..<5).compactMap { tracker.observe(entry("n\($0)", at: 0), status: "new", classification: .neither) }
        #expect(evicted.map(\.key) == ["n0"])
    }
}
