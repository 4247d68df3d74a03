import AuroraTesting
import Testing
import Wire

@testable import Bot

@Suite(.timeLimit(.minutes(1))) struct GateClientTests {
    static let body = Array(#"{"order":{"symbol":"BTCUSDT","side":"buy","qty":0.002}}"#.utf8)

    @Test func anAllowIsReadWithItsCapAndDecisionID() {
        let gate = FakeGate(script: [.allow(maxQty: 0.001)])
        defer { gate.stop() }
        let client = GateClient(
            baseURL: gate.baseURL, transport: CurlTransport(), timeoutMs: 2000, posttradeTimeoutMs: 500)
        let result = client.check(body: Self.body, requestedQty: 0.002)
        #expect(result.errorKind == nil)
        #expect(
            result.decision
                == .init(
                    allow: true, maxQty: 0.001, reason: "ok", riskScale: 1.0,
                    decisionID: "20250101-000000-1"))
        #expect(gate.pretradeBodies == [String(decoding: Self.body, as: UTF8.self)])
        #expect(client.roundTrips.count == 1)
    }

    @Test func aDenyCarriesItsReasonHardnessAndCooldown() {
        let gate = FakeGate(script: [.deny(reason: "cooldown_after_close_active", hard: false, cooldownMs: 1500)])
        defer { gate.stop() }
        let client = GateClient(
            baseURL: gate.baseURL, transport: CurlTransport(), timeoutMs: 2000, posttradeTimeoutMs: 500)
        let decision = client.check(body: Self.body, requestedQty: 0.002).decision
        #expect(!decision.allow && decision.cooldownMs == 1500 && !decision.hardGate)
        #expect(decision.reason == "cooldown_after_close_active")
    }

    @Test(arguments: [
        (FakeGate.Answer.slow(delayMs: 400), "timeout"),
        (FakeGate.Answer.status(500), "http_500"),
        (FakeGate.Answer.status(422), "http_422"),
        (FakeGate.Answer.malformed, "malformed"),
        (FakeGate.Answer.drop, "connect"),
    ])
    func everyFailureIsAHardDeny(answer: FakeGate.Answer, kind: String) {
        let gate = FakeGate(script: [answer])
        defer { gate.stop() }
        var warnings: [String] = []
        let client = GateClient(
            baseURL: gate.baseURL, transport: CurlTransport(), timeoutMs: 100, posttradeTimeoutMs: 500,
            warn: { warnings.append($0) })
        let result = client.check(body: Self.body, requestedQty: 0.002)
        #expect(result.errorKind == kind)
        #expect(result.decision == .init(allow: false, maxQty: 0, reason: "gate_unavailable:\(kind)", hardGate: true))
        #expect(
            warnings
                == (kind == "http_422" ? [#"WiseScalp: the gate refused a request (422): {"detail":"scripted"}"#] : []))
    }

    @Test func aRefusedConnectionIsAConnectDeny() {
        let client = GateClient(
            baseURL: LoopbackHTTPServer.refusedURL(), transport: CurlTransport(), timeoutMs: 200,
            posttradeTimeoutMs: 200)
        let result = client.check(body: Self.body, requestedQty: 0.002)
        #expect(result.decision.reason == "gate_unavailable:connect")
        #expect(!client.health())
    }

    @Test func onGateErrorAllowTurnsFailuresIntoAnAllowOfTheRequestedQuantity() {
        let client = GateClient(
            baseURL: LoopbackHTTPServer.refusedURL(), transport: CurlTransport(), timeoutMs: 200,
            posttradeTimeoutMs: 200,
            allowOnError: true)
        let result = client.check(body: Self.body, requestedQty: 0.002)
        #expect(result.decision == .init(allow: true, maxQty: 0.002, reason: "gate_error_allowed:connect"))
    }

    @Test func posttradeSucceedsOnlyOn2xxAndHealthAnswers() {
        let gate = FakeGate()
        defer { gate.stop() }
        gate.failPosttrade(1)
        let client = GateClient(
            baseURL: gate.baseURL + "/", transport: CurlTransport(), timeoutMs: 500, posttradeTimeoutMs: 500)
        #expect(client.health())
        #expect(!client.posttrade(body: Array(#"{"a":1}"#.utf8)))
        #expect(client.posttrade(body: Array(#"{"a":2}"#.utf8)))
        #expect(gate.posttradeBodies == [#"{"a":2}"#])
    }
}
