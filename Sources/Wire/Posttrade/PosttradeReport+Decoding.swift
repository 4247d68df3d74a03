public import Codec

extension PosttradeReport {
    /// Parses and reads a body. 422 only for a bad body (empty, invalid JSON, not an object), a close marker that
    /// is present, not `null` and not a boolean (`bool_type` at its location), or a success without a usable fill
    /// price (`fill_price_missing` at `["body","price"]`).
    public static func decode(_ body: some Collection<UInt8>) -> Result<PosttradeReport, ValidationErrors> {
        switch PretradeRequest.parseBody(body) {
        case .success(let value): decode(value)
        case .failure(let errors): .failure(errors)
        }
    }

    public static func decode(_ value: JSONValue) -> Result<PosttradeReport, ValidationErrors> {
        guard case .object(let top) = value else {
            return .failure(ValidationErrors([ValidationError(.modelAttributesType, at: ["body"], input: value)]))
        }
        let response = top["response"]?.objectValue
        let info = response?["info"]?.objectValue
        var reader = SourceReader(top: top, response: response, info: info)
        var report = PosttradeReport(closeMarkers: [], ignoredFields: [], payload: top)
        report.symbol = reader.first("symbol", [.top("symbol")], Coercion.string)
        report.side = reader.first("side", [.top("side")]) { value in
            Coercion.string(value).flatMap { OrderSide(word: $0).map(Result.success) ?? .failure(.stringType) }
        }
        report.qty = reader.first(
            "qty", [.top("qty"), .top("amount"), .response("amount"), .info("origQty")], Coercion.double)
        report.price = reader.first("price", [.top("price"), .response("price")], Coercion.double)
        report.filled = reader.first(
            "filled", [.top("filled"), .response("filled"), .info("executedQty")], nonNegative)
        report.average = reader.first(
            "average", [.top("average"), .top("avg_price"), .response("average"), .info("avgPrice")], positive)
        report.status = reader.first(
            "status",
            [.top("status"), .top("lifecycle_state"), .top("state"), .response("status"), .info("status")],
            Coercion.string)
        report.oid = reader.first(
            "oid",
            [.top("oid"), .top("order_id"), .top("orderId"), .top("id"), .response("id"), .info("orderId")], identifier)
        report.cid = reader.first(
            "cid",
            [
                .top("cid"), .top("client_order_id"), .top("clientOrderId"), .top("client_orderId"),
                .response("clientOrderId"), .info("clientOrderId"),
            ], identifier)
        report.positionID = reader.first("position_id", [.top("position_id"), .top("positionId")], identifier)
        report.orderType = reader.first(
            "order_type", [.top("order_type"), .top("type"), .response("type")], Coercion.string)
        report.error = top["error"]
        report.errorCode = top["error_code"]
        report.errorMsg = top["error_msg"]
        report.action = reader.first("action", [.top("action")], Coercion.string)
        let ts = reader.first("ts", [.top("ts_ns"), .top("ts"), .top("timestamp")], timestamp)
        report.ts = ts?.value
        report.tsInteger = ts?.exact
        report.pnlUsdt = reader.first("pnl_usdt", [.top("pnl_usdt")], Coercion.double)
        report.decisionID = reader.first("decision_id", [.top("decision_id")], Coercion.string)
        report.rewardTag = reader.first("reward_tag", [.top("reward_tag")], Coercion.string)
        report.governanceGate = reader.first(
            "governance_gate", [.top("governance_gate"), .top("gate")], Coercion.string)

        var errors = ValidationErrors()
        let levels: [(JSONObject?, [JSONValue])] = [
            (top, ["body"]), (response, ["body", "response"]), (info, ["body", "response", "info"]),
        ]
        for (object, loc) in levels {
            guard let object else { continue }
            for key in ["close", "reduceOnly", "reduce_only"] {
                guard let value = object[key], !value.isNull else { continue }
                if case .bool(let flag) = value {
                    report.closeMarkers.append(flag)
                } else {
                    errors.append(ValidationError(.boolType, at: loc + [.string(key)], input: value))
                }
            }
        }
        if report.classification == .success && report.fillPrice == nil {
            errors.append(ValidationError(.fillPriceMissing, at: ["body", "price"], input: value))
        }
        report.ignoredFields = reader.ignored
        return errors.isEmpty ? .success(report) : .failure(errors)
    }

    private static func nonNegative(_ value: JSONValue) -> Result<Double, ValidationError.Kind> {
        Coercion.double(value).flatMap { $0 >= 0 ? .success($0) : .failure(.outOfRange(.ge(0))) }
    }

    private static func positive(_ value: JSONValue) -> Result<Double, ValidationError.Kind> {
        Coercion.double(value).flatMap { $0 > 0 ? .success($0) : .failure(.outOfRange(.gt(0))) }
    }

    /// A number, and its exact integer when it was sent as one (a JSON integer or an integer string).
    private static func timestamp(_ value: JSONValue) -> Result<(value: Double, exact: Int64?), ValidationError.Kind> {
        Coercion.double(value).map { d in
            let number = value.stringValue.flatMap(Coercion.numericString) ?? value
            return (d, number.intValue)
        }
    }

    /// Ids may be strings or integers; integers become their decimal string.
    private static func identifier(_ value: JSONValue) -> Result<String, ValidationError.Kind> {
        switch value {
        case .string(let s): .success(s)
        case .int(let i): .success(String(i))
        default: .failure(.stringType)
        }
    }
}

/// "First present wins" over the top level, `response` and `response.info` (http-api.md §5.1).
private struct SourceReader {
    enum Source {
        case top(String), response(String), info(String)
    }

    let top: JSONObject
    let response: JSONObject?
    let info: JSONObject?
    var ignored: [String] = []

    /// The first source present and not `null` supplies the field; if unusable the field is absent and ignored.
    mutating func first<T>(
        _ field: String, _ sources: [Source], _ coerce: (JSONValue) -> Result<T, ValidationError.Kind>
    ) -> T? {
        for source in sources {
            let value: JSONValue? =
                switch source {
                case .top(let key): top[key]
                case .response(let key): response?[key]
                case .info(let key): info?[key]
                }
            guard let value, !value.isNull else { continue }
            switch coerce(value) {
            case .success(let result): return result
            case .failure:
                ignored.append(field)
                return nil
            }
        }
        return nil
    }
}
