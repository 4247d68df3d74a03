import Codec
import Wire

/// `POST /predict` (http-api.md §7.6): 503 without a configured predictor (checked before the body); otherwise
/// `forecast = bias + Σ wᵢ·xᵢ` with the interval `forecast ± z·residual_sigma`.
struct PredictHandler: HTTPResponder {
    let env: APIEnvironment

    static let noPredictor = HTTPError(.serviceUnavailable, detail: "no predictor configured")

    func checkHead(_ head: HTTPRequestHead, context: inout RequestContext) -> HTTPResponse? {
        if env.predictor == nil { return Self.noPredictor.response }
        return ContentType.isJSON(head.headers) ? nil : ContentType.refusal.response
    }

    func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
        guard let predictor = env.predictor else { throw Self.noPredictor }
        try ContentType.check(request.headers)
        let start = ContinuousClock.now
        let features: [Double]
        switch Self.features(request.body, expected: predictor.weights.count) {
        case .failure(let errors): throw HTTPError(response: .json(.unprocessableEntity, errors.bodyBytes()))
        case .success(let values): features = values
        }
        var forecast = predictor.bias
        for (w, x) in zip(predictor.weights, features) { forecast += w * x }
        let half = predictor.z * predictor.residualSigma
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        env.metrics.prediction(loop: context.loopIndex, seconds: seconds)
        var writer = JSONWriter()
        writer.write(.object(JSONObject([
            ("forecast", .double(forecast)), ("interval_lower", .double(forecast - half)),
            ("interval_upper", .double(forecast + half)), ("weights", .array(predictor.weights.map { .double($0) })),
            ("kappa_plus", .double(half)), ("regime", .int(predictor.regime)), ("latency_ms", .double(seconds * 1_000)),
        ])))
        return .json(.ok, writer.bytes)
    }

    /// `{"features": [number]}` with exactly `expected` numbers.
    static func features(_ body: [UInt8], expected: Int) -> Result<[Double], ValidationErrors> {
        var errors = ValidationErrors()
        guard body.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            errors.append(.missing(at: ["body"], in: .null))
            return .failure(errors)
        }
        let value: JSONValue
        do throws(JSONReadError) {
            value = try JSONReader.parse(body)
        } catch {
            errors.append(.jsonInvalid(error))
            return .failure(errors)
        }
        guard case .object(let object) = value else {
            errors.append(ValidationError(.modelAttributesType, at: ["body"], input: value))
            return .failure(errors)
        }
        var reader = FieldReader(object, loc: ["body"])
        guard object["features"].map({ !$0.isNull }) == true else {
            errors.append(.missing(at: ["body", "features"], in: value))
            return .failure(errors)
        }
        let features = reader.doubles("features")
        guard reader.errors.isEmpty, let features else { return .failure(reader.errors) }
        guard features.count == expected else {
            errors.append(ValidationError(.valueError("expected \(expected) features, got \(features.count)"),
                                          at: ["body", "features"], input: object["features"] ?? .null))
            return .failure(errors)
        }
        return .success(features)
    }
}
