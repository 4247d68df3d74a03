import AuroraTesting
import Codec
import Testing
@testable import Host

@Suite(.timeLimit(.minutes(1)))
struct PredictHandlerTests {
    @Test func withoutAPredictorTheAnswerIs503BeforeTheBody() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        let response = try exchange(gate.port, "POST", "/predict", body: "not json")
        #expect(response.status == 503)
        #expect(response.bodyText == #"{"detail":"no predictor configured"}"#)
    }

    @Test func aLinearPredictorForecastsWithItsInterval() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry) {
            $0.predictor = .init(weights: [0.5, -1.0], bias: 1.0, residualSigma: 0.5, z: 2.0, regime: 3)
        }
        let response = try exchange(gate.port, "POST", "/predict", body: #"{"features":[2.0,"1.5"],"other":1}"#)
        #expect(response.status == 200)
        let body = try json(response)
        #expect(body.objectValue?.keys == ["forecast", "interval_lower", "interval_upper", "weights", "kappa_plus",
                                          "regime", "latency_ms"])
        #expect(body["forecast"] == 0.5)
        #expect(body["interval_lower"] == -0.5)
        #expect(body["interval_upper"] == 1.5)
        #expect(body["weights"] == [0.5, -1.0])
        #expect(body["kappa_plus"] == 1.0)
        #expect(body["regime"] == 3)
        let metrics = try exchange(gate.port, "GET", "/metrics").bodyText
        #expect(metrics.contains("aurora_prediction_requests_total 1\n"))
        #expect(metrics.contains("aurora_prediction_latency_seconds_count 1\n"))
    }

    @Test(arguments: [
        (#"{"features":[1.0]}"#, #"{"detail":[{"type":"value_error","loc":["body","features"],"msg":"Value error, expected 2 features, got 1","input":[1.0]}]}"#),
        (#"{}"#, #"{"detail":[{"type":"missing","loc":["body","features"],"msg":"Field required","input":{}}]}"#),
        (#"{"features":[1.0,"abc"]}"#, #"{"detail":[{"type":"float_parsing","loc":["body","features",1],"msg":"Input should be a valid number, unable to parse string as a number","input":"abc"}]}"#),
    ])
    func badFeaturesAre422(body: String, detail: String) throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry) {
            $0.predictor = .init(weights: [0.5, -1.0], bias: 1.0, residualSigma: 0.5)
        }
        let response = try exchange(gate.port, "POST", "/predict", body: body)
        #expect(response.status == 422)
        #expect(response.bodyText == detail)
    }
}
