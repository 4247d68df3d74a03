import Codec
import RuleEngine
import Testing

/// gates.md §2.1 and http-api.md §6.5.10–§6.5.12: every operator transition from every state, the automatic
/// latches, and the events each change records.
@Suite struct TradingTransitionTests {
    enum Action: String, Sendable, CaseIterable {
        case halt, reduce, resumeActive, resumeReducing
    }

    static func shared(in state: TradingState) -> SharedState {
        var values = SharedState.Values()
        values.trading = state == .active ? .initial : TradingStatus(state: state, sinceMs: 1, reason: "setup", source: .ops)
        return SharedState(values)
    }

    func perform(_ action: Action, on shared: SharedState) -> TradingTransition {
        let now = WallTime(ms: 5000)
        switch action {
        case .halt: return shared.halt(reason: "incident", now: now)
        case .reduce: return shared.reduce(reason: "incident", now: now)
        case .resumeActive: return shared.resume(reason: "fixed", to: .active, now: now)
        case .resumeReducing: return shared.resume(reason: "fixed", to: .reducing, now: now)
        }
    }

    @Test("operator transitions", arguments: [
        (TradingState.active, Action.halt, TradingState.halted, TradingTransition.Result.changed,
         ["GOVERNANCE.STATE", "AURORA.HALT"]),
        (.reducing, .halt, .halted, .changed, ["GOVERNANCE.STATE", "AURORA.HALT"]),
        (.halted, .halt, .halted, .unchanged, []),
        (.active, .reduce, .reducing, .changed, ["GOVERNANCE.STATE"]),
        (.reducing, .reduce, .reducing, .unchanged, []),
        (.halted, .reduce, .halted, .refused, []),
        (.active, .resumeActive, .active, .unchanged, []),
        (.active, .resumeReducing, .active, .unchanged, []),
        (.halted, .resumeActive, .active, .changed, ["GOVERNANCE.STATE", "AURORA.RESUME"]),
        (.halted, .resumeReducing, .reducing, .changed, ["GOVERNANCE.STATE", "AURORA.RESUME"]),
        (.reducing, .resumeActive, .active, .changed, ["GOVERNANCE.STATE", "AURORA.RESUME"]),
        (.reducing, .resumeReducing, .reducing, .unchanged, []),
    ] as [(TradingState, Action, TradingState, TradingTransition.Result, [String])])
    func transitions(from: TradingState, action: Action, to: TradingState, result: TradingTransition.Result,
                     events: [String]) {
        let shared = Self.shared(in: from)
        let before = shared.trading
        let transition = perform(action, on: shared)
        #expect(transition.previous == from)
        #expect(transition.current == to)
        #expect(transition.result == result)
        #expect(transition.events.map(\.code) == events)
        #expect(shared.trading.state == to)
        if result == .changed {
            #expect(shared.trading.sinceMs == 5000 && shared.trading.source == .ops)
        } else {
            #expect(shared.trading == before)
        }
    }

    @Test("a halt records GOVERNANCE.STATE then AURORA.HALT with the observability.md §3.5 keys")
    func haltEvents() {
        let shared = SharedState()
        let transition = shared.halt(reason: "exchange incident #42", now: WallTime(ms: 7))
        #expect(transition.events[0].details == [
            "from": "ACTIVE", "to": "HALTED", "reason": "exchange incident #42", "source": "ops",
        ])
        #expect(transition.events[1].details == [
            "reason": "exchange incident #42", "source": "ops", "reject_rate": nil, "window_total": nil,
        ])
        #expect(shared.trading == TradingStatus(state: .halted, sinceMs: 7, reason: "exchange incident #42", source: .ops))
        #expect(shared.trading.latched)
    }

    @Test("a blank or absent reason of halt and reduce is \"ops\"", arguments: [nil, "", "   "] as [String?])
    func defaultReason(reason: String?) {
        let shared = SharedState()
        _ = shared.reduce(reason: reason, now: WallTime(ms: 1))
        #expect(shared.trading.reason == "ops")
    }

    @Test("a second halt keeps the first reason")
    func haltKeepsFirstReason() {
        let shared = SharedState()
        _ = shared.halt(reason: "first", now: WallTime(ms: 1))
        _ = shared.halt(reason: "second", now: WallTime(ms: 2))
        #expect(shared.trading.reason == "first" && shared.trading.sinceMs == 1)
    }

    @Test("resume records AURORA.RESUME with reason, to and previous")
    func resumeEvent() {
        let shared = Self.shared(in: .halted)
        let transition = shared.resume(reason: "fixed", to: .reducing, now: WallTime(ms: 9))
        #expect(transition.events[1].details == ["reason": "fixed", "to": "REDUCING", "previous": "HALTED"])
    }

    @Test("automatic latches move only toward more restriction; a drawdown latch only from ACTIVE", arguments: [
        (TradingState.active, TradingChangeSource.rejectStorm, TradingState.halted, TradingState.halted),
        (.reducing, .rejectStorm, .halted, .halted),
        (.halted, .rejectStorm, .halted, .halted),
        (.active, .dailyDrawdown, .reducing, .reducing),
        (.active, .dailyDrawdown, .halted, .halted),
        (.reducing, .dailyDrawdown, .halted, .reducing),
        (.halted, .dailyDrawdown, .reducing, .halted),
    ])
    func latches(from: TradingState, source: TradingChangeSource, target: TradingState, expected: TradingState) {
        let shared = Self.shared(in: from)
        let transition = shared.latch(TradingLatch(target: target, reason: "auto", source: source), now: WallTime(ms: 3))
        #expect(shared.trading.state == expected)
        #expect(transition.changed == (expected != from))
        if transition.changed {
            #expect(shared.trading.source == source)
            #expect(transition.events.map(\.code) == (target == .halted ? ["GOVERNANCE.STATE", "AURORA.HALT"]
                                                                       : ["GOVERNANCE.STATE"]))
        } else {
            #expect(transition.events.isEmpty)
        }
    }

    @Test("the strongest of several latches is the most restrictive, the first among equals")
    func strongest() {
        let reduce = TradingLatch(target: .reducing, reason: "a", source: .dailyDrawdown)
        let halt = TradingLatch(target: .halted, reason: "b", source: .dailyDrawdown)
        let halt2 = TradingLatch(target: .halted, reason: "c", source: .dailyDrawdown)
        #expect(TradingLatch.strongest([reduce, halt, halt2]) == halt)
        #expect(TradingLatch.strongest([]) == nil)
    }

    @Test("a corrupt state file at start halts with source startup and from null")
    func startup() {
        let shared = SharedState()
        let transition = shared.haltAtStartup(reason: "state file corrupt", now: WallTime(ms: 4))
        #expect(shared.trading.state == .halted && shared.trading.source == .startup)
        #expect(transition.events[0].details["from"] == .null)
        #expect(transition.events.map(\.code) == ["GOVERNANCE.STATE", "AURORA.HALT"])
    }

    @Test("the armed flag reports whether it changed")
    func armed() {
        let shared = SharedState()
        #expect(!shared.setArmed(true))
        #expect(shared.setArmed(false))
        #expect(!shared.armed)
    }
}
