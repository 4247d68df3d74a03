import Host
import Testing

/// `OpsAuthResult`: the status, body and metric label of every outcome (http-api.md §6.1, §6.2).
@Suite struct OpsAuthResultTests {
    static let peer = CIDR.Address(parsing: "127.0.0.1")!

    @Test(arguments: [
        (OpsAuthResult.Failure.disabled, 503, #"{"detail":"OPS disabled: no token configured"}"#, "disabled"),
        (.notAllowed, 403, #"{"detail":"Forbidden"}"#, "not_allowed"),
        (.missing, 401, #"{"detail":"Missing X-OPS-TOKEN"}"#, "missing"),
        (.invalid, 403, #"{"detail":"Forbidden"}"#, "invalid"),
    ])
    func aFailureAnswersItsStatusAndDetail(_ failure: OpsAuthResult.Failure, _ status: Int, _ body: String, _ label: String) {
        let result = OpsAuthResult(failure: failure, remote: Self.peer, emitsEvent: true)
        #expect(!result.isAuthorized)
        #expect(result.status == status)
        #expect(result.responseBody.map { String(decoding: $0, as: UTF8.self) } == body)
        #expect(result.reasonLabel == label)
    }

    @Test func anAuthorizedRequestHasNoBodyAndNoLabel() {
        let result = OpsAuthResult(failure: nil, remote: Self.peer, emitsEvent: false)
        #expect(result.isAuthorized)
        #expect(result.status == 200)
        #expect(result.responseBody == nil)
        #expect(result.reasonLabel == nil)
    }
}
