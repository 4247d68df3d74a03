import AuroraTesting
import Codec
import Foundation
import Testing
@testable import Host

/// The OPS routes over real sockets: the authentication matrix (every endpoint × no, wrong, right token ×
/// allowed `127.0.0.1`, disallowed `127.0.0.2`), OPS disabled, forwarded addresses, rotation, auth-fail records.
@Suite(.timeLimit(.minutes(1)))
struct OpsHandlersTests {
    struct Endpoint: Sendable, CustomTestStringConvertible {
        var method: String
        var path: String
        var body: String?
        /// The authorized answer with the fake rule types (no health_guard or risk_caps rule).
        var status: Int
        var testDescription: String { "\(method) \(path)" }
    }

    static let endpoints: [Endpoint] = [
        Endpoint(method: "POST", path: "/ops/cooloff/30", body: nil, status: 409),
        Endpoint(method: "POST", path: "/ops/reset", body: nil, status: 409),
        Endpoint(method: "POST", path: "/aurora/arm", body: nil, status: 409),
        Endpoint(method: "GET", path: "/risk/snapshot", body: nil, status: 409),
        Endpoint(method: "POST", path: "/risk/set", body: #"{"size_scale":0.5}"#, status: 409),
        Endpoint(method: "POST", path: "/ops/rotate_token", body: #"{"new_token":"short"}"#, status: 400),
        Endpoint(method: "POST", path: "/ops/reload", body: nil, status: 200),
        Endpoint(method: "GET", path: "/ops/rules", body: nil, status: 200),
        Endpoint(method: "GET", path: "/ops/state", body: nil, status: 200),
        Endpoint(method: "POST", path: "/ops/halt", body: #"{"reason":"matrix"}"#, status: 200),
        Endpoint(method: "POST", path: "/ops/reduce", body: nil, status: 200),
        Endpoint(method: "POST", path: "/ops/resume", body: #"{"reason":"matrix"}"#, status: 200),
    ]

    @Test(arguments: endpoints)
    func everyEndpointChecksThePeerThenTheHeaderThenTheToken(_ endpoint: Endpoint) throws {
        let gate = try OpsGate.start()
        let cases: [(token: String?, source: String, status: Int, body: String?)] = [
            (nil, "127.0.0.2", 403, #"{"detail":"Forbidden"}"#),
            ("wrong-token-wrong-token-wrong-token", "127.0.0.2", 403, #"{"detail":"Forbidden"}"#),
            (OpsGate.token, "127.0.0.2", 403, #"{"detail":"Forbidden"}"#),
            (nil, "127.0.0.1", 401, #"{"detail":"Missing X-OPS-TOKEN"}"#),
            ("wrong-token-wrong-token-wrong-token", "127.0.0.1", 403, #"{"detail":"Forbidden"}"#),
            (OpsGate.token, "127.0.0.1", endpoint.status, nil),
        ]
        for c in cases {
            let response = try call(gate.port, endpoint.method, endpoint.path, body: endpoint.body, token: c.token,
                                    from: c.source)
            #expect(response.status == c.status, "\(c.source) token=\(c.token == nil ? "none" : "given"): \(response)")
            if let body = c.body { #expect(response.bodyText == body) }
        }
        let metrics = gate.host.metrics.exposition()
        #expect(metricLines(metrics, "aurora_ops_auth_fail_total{") == [
            #"aurora_ops_auth_fail_total{reason="disabled"} 0"#, #"aurora_ops_auth_fail_total{reason="invalid"} 1"#,
            #"aurora_ops_auth_fail_total{reason="missing"} 1"#, #"aurora_ops_auth_fail_total{reason="not_allowed"} 3"#,
        ])
    }

    @Test(arguments: endpoints)
    func withoutATokenEveryEndpointAnswers503(_ endpoint: Endpoint) throws {
        let gate = try OpsGate.start(token: nil)
        let response = try call(gate.port, endpoint.method, endpoint.path, body: endpoint.body, token: OpsGate.token)
        #expect(response.status == 503)
        #expect(response.bodyText == #"{"detail":"OPS disabled: no token configured"}"#)
        #expect(metricLines(gate.host.metrics.exposition(), #"aurora_ops_auth_fail_total{reason="disabled"}"#)
            == [#"aurora_ops_auth_fail_total{reason="disabled"} 1"#])
        let health = try call(gate.port, "GET", "/health")
        #expect(health.status == 200)
    }

    @Test func anUnauthenticatedCallWithABadBodyIs401Not422() throws {
        let gate = try OpsGate.start()
        let response = try call(gate.port, "POST", "/ops/resume", body: #"{"reason": 5, "extra": 1}"#)
        #expect(response.status == 401)
        let wrongPath = try call(gate.port, "POST", "/ops/cooloff/abc", token: "x-wrong-wrong-wrong-wrong-wrong")
        #expect(wrongPath.status == 403)
    }

    @Test func aTrustedProxysForwardedAddressIsTheClientAddress() throws {
        let gate = try OpsGate.start { settings in
            settings.opsPolicy = OpsGuard.Policy(allowlist: [try! CIDR(parsing: "10.0.0.0/8")],
                                                 trustedProxies: [try! CIDR(parsing: "127.0.0.1")])
        }
        let forwarded = try call(gate.port, "GET", "/ops/state", token: OpsGate.token,
                                 headers: [("X-Forwarded-For", "192.168.9.9, 10.1.2.3")])
        #expect(forwarded.status == 200)
        let outside = try call(gate.port, "GET", "/ops/state", token: OpsGate.token,
                               headers: [("X-Forwarded-For", "10.1.2.3, 192.168.9.9")])
        #expect(outside.status == 403)
        let malformed = try call(gate.port, "GET", "/ops/state", token: OpsGate.token,
                                 headers: [("X-Forwarded-For", "10.1.2.3, not-an-address")])
        #expect(malformed.status == 403)
        let direct = try call(gate.port, "GET", "/ops/state", token: OpsGate.token)
        #expect(direct.status == 403)
        let untrusted = try call(gate.port, "GET", "/ops/state", token: OpsGate.token, from: "127.0.0.2",
                                 headers: [("X-Forwarded-For", "10.1.2.3")])
        #expect(untrusted.status == 403)
    }

    @Test func authFailuresAreRecordedDebouncedAndWithoutTheToken() throws {
        let gate = try OpsGate.start()
        for _ in 0..<3 { _ = try call(gate.port, "GET", "/ops/state") }
        _ = try call(gate.port, "POST", "/ops/halt", token: "presented-secret-value-000000000")
        let lines = requestEvents(gate.sink).filter { $0.contains("OPS.AUTH_FAIL") }
        #expect(lines.count == 2)
        let first = try json(line: lines[0])
        #expect(first["details"] == .object(JSONObject([
            ("reason", "missing"), ("method", "GET"), ("path", "/ops/state"), ("remote", "127.0.0.1"),
        ])))
        #expect(first["src"] == "ops")
        #expect(try json(line: lines[1])["details"]?["reason"] == "invalid")
        let everything = (gate.sink?.lines(.events) ?? []).joined() + gate.host.metrics.exposition()
        #expect(!everything.contains("presented-secret-value"))
        #expect(!everything.contains(OpsGate.token))
        #expect(metricLines(gate.host.metrics.exposition(), "aurora_events_dropped_total{reason=\"debounce\"}")
            == [#"aurora_events_dropped_total{reason="debounce"} 2"#])
    }

    @Test func rotationRevokesTheOldTokenAtOnceAndPersistsOnlyDigests() throws {
        let directory = TemporaryDirectory()
        let statePath = directory.file("state/aurora_state.json")
        let gate = try OpsGate.start(statePath: statePath)
        let next = "rotated-token-ABCDEFGHIJKLMNOP-1234"
        let rotated = try call(gate.port, "POST", "/ops/rotate_token", body: #"{"new_token":"  \#(next) "}"#,
                               token: OpsGate.token)
        #expect(rotated.status == 200)
        #expect(rotated.bodyText == #"{"status":"ok"}"#)
        #expect(try call(gate.port, "GET", "/ops/state", token: OpsGate.token).status == 403)
        #expect(try call(gate.port, "GET", "/ops/state", token: next).status == 200)
        let again = try call(gate.port, "POST", "/ops/rotate_token", body: #"{"new_token":"\#(next)-second"}"#,
                             token: next)
        #expect(again.status == 429)
        #expect(again.bodyText == #"{"detail":"rotation cooldown active"}"#)
        #expect(Int(again.header("Retry-After") ?? "") == 30)
        let file = try String(contentsOfFile: statePath, encoding: .utf8)
        let state = try json(line: file)
        #expect(state["ops_token"]?["sha256"]?.stringValue == Hex.encode(SHA256.hash(next.utf8)))
        #expect(state["ops_token"]?["configured_sha256"]?.stringValue == Hex.encode(SHA256.hash(OpsGate.token.utf8)))
        #expect(!file.contains(next) && !file.contains(OpsGate.token))
        let event = try #require(requestEvents(gate.sink).first { $0.contains("OPS.TOKEN_ROTATE") })
        #expect(try json(line: event)["details"]?["token_mask"] == "****1234")
        #expect(metricLines(gate.host.metrics.exposition(), "aurora_ops_token_rotations_total ")
            == ["aurora_ops_token_rotations_total 1"])
    }

    @Test(arguments: [
        (#"{"new_token":"   "}"#, 400, #"{"detail":"new_token must be non-empty"}"#),
        (#"{"new_token":"short"}"#, 400, #"{"detail":"new_token too short (min 24)"}"#),
        (#"{"new_token":"has a space in the middle of it!!"}"#, 400,
         #"{"detail":"new_token must be printable ASCII without spaces"}"#),
    ])
    func invalidNewTokensAre400AndChangeNothing(body: String, status: Int, detail: String) throws {
        let gate = try OpsGate.start()
        let response = try call(gate.port, "POST", "/ops/rotate_token", body: body, token: OpsGate.token)
        #expect(response.status == status)
        #expect(response.bodyText == detail)
        #expect(try call(gate.port, "GET", "/ops/rules", token: OpsGate.token).status == 200)
    }
}
