import Testing
@testable import Host

@Suite struct ConnectionStateMachineTests {
    typealias Machine = ConnectionStateMachine
    static let limits = HTTPLimits(
        headTimeout: .seconds(10), bodyTimeout: .seconds(20), idleTimeout: .seconds(60), writeTimeout: .seconds(5))
    let t0 = ContinuousClock.now

    func at(_ seconds: Int) -> ContinuousClock.Instant { t0 + .seconds(seconds) }

    @Test func theFirstHeadTimerStartsAtAcceptAndClosesSilentlyWhenNothingArrived() {
        var machine = Machine(limits: Self.limits, acceptedAt: at(0))
        #expect(machine.nextDeadline == at(10))
        let result1 = machine.expired(now: at(9))
        #expect(result1 == .none)
        let result2 = machine.expired(now: at(10))
        #expect(result2 == .close)
    }

    @Test func aHeadStartedBeforeTheFirstDeadlineGets408AtTheAcceptBasedDeadline() {
        var machine = Machine(limits: Self.limits, acceptedAt: at(0))
        machine.parsed(phase: .head, now: at(4))
        #expect(machine.nextDeadline == at(10), "the clock started at accept, not at the first byte")
        let result3 = machine.expired(now: at(10))
        #expect(result3 == .respond(.requestTimeout))
        #expect(!machine.acceptsRequests)
        #expect(machine.closeAfterResponses)
    }

    @Test func aLaterHeadIsTimedFromItsFirstByteAndNotResetByMoreBytes() {
        var machine = Machine(limits: Self.limits, acceptedAt: at(0))
        let result4 = machine.requestReceived(keepAlive: true)
        #expect(result4)
        machine.parsed(phase: .idle, now: at(1))
        #expect(machine.nextDeadline == nil, "a response is outstanding: not idle")
        let result5 = machine.responsesWritten(1, now: at(2))
        #expect(result5 == .none)
        #expect(machine.nextDeadline == at(62), "idle timer from the last response")
        machine.parsed(phase: .head, now: at(30))
        #expect(machine.nextDeadline == at(40))
        machine.parsed(phase: .head, now: at(35))
        #expect(machine.nextDeadline == at(40))
        machine.parsed(phase: .body, now: at(36))
        #expect(machine.nextDeadline == at(56))
        let result6 = machine.expired(now: at(56))
        #expect(result6 == .respond(.requestTimeout))
    }

    @Test func theIdleTimerClosesSilently() {
        var machine = Machine(limits: Self.limits, acceptedAt: at(0))
        _ = machine.requestReceived(keepAlive: true)
        _ = machine.responsesWritten(1, now: at(1))
        let result7 = machine.expired(now: at(61))
        #expect(result7 == .close)
    }

    @Test func aRequestThatDoesNotKeepAliveIsTheLastAndTheCloseLingers() {
        var machine = Machine(limits: Self.limits, acceptedAt: at(0))
        let result8 = machine.requestReceived(keepAlive: false)
        #expect(result8)
        let result9 = machine.requestReceived(keepAlive: true)
        #expect(!result9, "nothing after it is answered")
        let result10 = machine.responsesWritten(1, now: at(1))
        #expect(result10 == .closeGracefully)
        #expect(machine.lingering)
        #expect(machine.nextDeadline == at(1) + Machine.lingerTimeout)
        let result11 = machine.peerClosedInput()
        #expect(result11 == .close)
    }

    @Test func aParseErrorStopsReadingAndClosesAfterItsAnswer() {
        var machine = Machine(limits: Self.limits, acceptedAt: at(0))
        _ = machine.requestReceived(keepAlive: true)
        machine.failed()
        #expect(!machine.acceptsRequests)
        let result12 = machine.responsesWritten(1, now: at(1))
        #expect(result12 == .none, "the error is still queued")
        let result13 = machine.responsesWritten(1, now: at(1))
        #expect(result13 == .closeGracefully)
    }

    @Test func aBlockedWriteClosesAtTheWriteDeadline() {
        var machine = Machine(limits: Self.limits, acceptedAt: at(0))
        _ = machine.requestReceived(keepAlive: true)
        machine.writeBlocked(now: at(1))
        machine.writeBlocked(now: at(3))
        #expect(machine.nextDeadline == at(6))
        let result14 = machine.expired(now: at(6))
        #expect(result14 == .close)
    }

    @Test func aHalfClosedPeerGetsWhatIsOutstandingThenTheConnectionCloses() {
        var machine = Machine(limits: Self.limits, acceptedAt: at(0))
        _ = machine.requestReceived(keepAlive: true)
        let result15 = machine.peerClosedInput()
        #expect(result15 == .none)
        let result16 = machine.responsesWritten(1, now: at(1))
        #expect(result16 == .close)
    }

    @Test func drainClosesAnIdleConnectionAtOnce() {
        var machine = Machine(limits: Self.limits, acceptedAt: at(0))
        _ = machine.requestReceived(keepAlive: true)
        _ = machine.responsesWritten(1, now: at(1))
        let result17 = machine.beginDrain()
        #expect(result17 == .close)
    }

    @Test func drainLetsAnOutstandingResponseFinishAndReadsNothingMore() {
        var machine = Machine(limits: Self.limits, acceptedAt: at(0))
        _ = machine.requestReceived(keepAlive: true)
        let result18 = machine.beginDrain()
        #expect(result18 == .none)
        #expect(!machine.acceptsRequests)
        #expect(machine.closeAfterResponses)
        let result19 = machine.responsesWritten(1, now: at(1))
        #expect(result19 == .closeGracefully)
    }

    @Test func drainLetsARequestBeingReceivedFinishAsTheLast() {
        var machine = Machine(limits: Self.limits, acceptedAt: at(0))
        machine.parsed(phase: .head, now: at(1))
        let result20 = machine.beginDrain()
        #expect(result20 == .none)
        #expect(machine.acceptsRequests)
        let result21 = machine.requestReceived(keepAlive: true)
        #expect(result21)
        #expect(!machine.acceptsRequests)
    }

    @Test func aRefusedConnectionReadsNothingAndClosesAfterItsAnswer() {
        var machine = Machine(limits: Self.limits, acceptedAt: at(0), refused: true)
        #expect(!machine.acceptsRequests)
        #expect(machine.nextDeadline == nil)
        let result22 = machine.responsesWritten(1, now: at(0))
        #expect(result22 == .closeGracefully)
    }
}
