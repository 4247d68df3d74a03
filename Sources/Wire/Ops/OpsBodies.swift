public import Codec

// The request bodies and path parameters of the OPS endpoints (http-api.md §6.4–§6.5). Bodies are strict: unknown
// keys are `extra_forbidden`; an absent body is `{}` unless the endpoint requires one (then `missing` at ["body"]).
// Small value types, kept together because the architecture names this one file for them.

/// Reads an OPS body strictly: every known key through `read`, then `extra_forbidden` for the rest.
public enum OpsBody {
    public static func read<T>(
        _ body: some Collection<UInt8>, required: Bool, known: [String], _ read: (inout FieldReader) -> T
    ) -> Result<T, ValidationErrors> {
        let value: JSONValue
        if body.isEmpty && !required {
            value = .object([:])
        } else {
            switch PretradeRequest.parseBody(body) {
            case .success(let parsed): value = parsed
            case .failure(let errors): return .failure(errors)
            }
        }
        guard case .object(let object) = value else {
            return .failure(ValidationErrors([ValidationError(.modelAttributesType, at: ["body"], input: value)]))
        }
        var reader = FieldReader(object, loc: ["body"])
        let result = read(&reader)
        reader.forbidUnknownKeys(known)
        return reader.errors.isEmpty ? .success(result) : .failure(reader.errors)
    }
}

/// `POST /ops/cooloff/{sec}`: `-?[0-9]{1,9}`, else 422 `int_parsing` at `["path","sec"]`.
public enum CooloffSeconds {
    public static func parse(_ text: String) -> Result<Int64, ValidationErrors> {
        let digits = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
        if (1...9).contains(digits.count), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int64(text) {
            return .success(value)
        }
        return .failure(ValidationErrors([ValidationError(.intParsing, at: ["path", "sec"], input: .string(text))]))
    }
}

/// `POST /aurora/{mode}`: `arm` or `disarm`, case-insensitive.
public enum ArmMode: String, Sendable, Hashable {
    case arm, disarm

    /// The 400 detail for any other mode.
    public static let invalidModeDetail = "mode must be 'arm' or 'disarm'"

    public init?(path text: String) { self.init(rawValue: text.lowercased()) }
}

/// `POST /ops/halt` and `POST /ops/reduce`: optional `{"reason": string ≤ 500}`; absent or blank → `"ops"`.
public struct OpsReasonBody: Sendable, Hashable {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    public static func decode(_ body: some Collection<UInt8>) -> Result<OpsReasonBody, ValidationErrors> {
        OpsBody.read(body, required: false, known: ["reason"]) { reader in
            let reason = reader.string("reason", maxLength: 500, trim: true) ?? ""
            return OpsReasonBody(reason: reason.isEmpty ? "ops" : reason)
        }
    }
}

/// The trading states of the kill switch (gates.md §2.1).
public enum TradingState: String, Sendable, Hashable { case active = "ACTIVE", reducing = "REDUCING", halted = "HALTED" }

/// `POST /ops/resume`: `{"reason": string (trimmed, 1…500), "to"?: "ACTIVE" | "REDUCING"}`, body required.
public struct OpsResumeBody: Sendable, Hashable {
    public var reason: String
    public var to: TradingState

    public init(reason: String, to: TradingState = .active) {
        self.reason = reason
        self.to = to
    }

    public static func decode(_ body: some Collection<UInt8>) -> Result<OpsResumeBody, ValidationErrors> {
        OpsBody.read(body, required: true, known: ["reason", "to"]) { reader in
            let reason = reader.string("reason", required: true, minLength: 1, maxLength: 500, trim: true)
            let to = reader.literal("to", allowed: ["ACTIVE", "REDUCING"])
            return OpsResumeBody(reason: reason ?? "", to: to.flatMap(TradingState.init(rawValue:)) ?? .active)
        }
    }
}

/// `POST /ops/rotate_token`: `{"new_token": string}`, body required; the further checks (400s) are the host's.
public struct RotateTokenBody: Sendable, Hashable {
    public var newToken: String

    public init(newToken: String) { self.newToken = newToken }

    public static func decode(_ body: some Collection<UInt8>) -> Result<RotateTokenBody, ValidationErrors> {
        OpsBody.read(body, required: true, known: ["new_token"]) { reader in
            RotateTokenBody(newToken: reader.string("new_token", required: true, maxLength: .max) ?? "")
        }
    }
}

/// `POST /risk/set` (§6.5.5): the given numeric risk_caps params (runtime overrides), `reason`, `reset`.
public struct RiskSetBody: Sendable, Hashable {
    /// The numeric params in gates.md §9 table order, with their kind and range for `/risk/set`.
    public static let params: [(name: String, isInt: Bool, bounds: [NumberBound])] = [
        ("dd_day_pct", false, [.ge(0)]),
        ("max_concurrent", true, [.ge(0)]),
        ("size_scale", false, []),
        ("trades_per_minute", true, [.ge(1), .le(100_000)]),
        ("trades_per_minute_global", true, [.ge(1), .le(1_000_000)]),
        ("price_collar_bps", false, [.gt(0), .le(100_000)]),
        ("max_order_notional_usdt", false, [.gt(0), .le(1e12)]),
        ("max_symbol_exposure_usdt", false, [.gt(0), .le(1e12)]),
        ("min_order_notional_usdt", false, [.ge(0), .le(1e12)]),
    ]

    /// The keys given, in table order: `.int` for integer params, `.double` otherwise (`size_scale` clipped to [0, 1]).
    public var values: JSONObject
    public var reason: String?
    public var reset: Bool

    public init(values: JSONObject = [:], reason: String? = nil, reset: Bool = false) {
        self.values = values
        self.reason = reason
        self.reset = reset
    }

    public static func decode(_ body: some Collection<UInt8>) -> Result<RiskSetBody, ValidationErrors> {
        OpsBody.read(body, required: true, known: params.map(\.name) + ["reason", "reset"]) { reader in
            var values = JSONObject()
            for param in params {
                if param.isInt {
                    if let i = reader.read(param.name, { intWithin($0, param.bounds) }) { values.append(param.name, .int(i)) }
                } else if let d = reader.read(param.name, { doubleWithin($0, param.bounds) }) {
                    values.append(param.name, .double(param.name == "size_scale" ? min(max(d, 0), 1) : d))
                }
            }
            let reason = reader.string("reason", maxLength: 500)
            let reset = reader.bool("reset") ?? false
            return RiskSetBody(values: values, reason: reason, reset: reset)
        }
    }

    private static func doubleWithin(_ value: JSONValue, _ bounds: [NumberBound]) -> Result<Double, ValidationError.Kind> {
        Coercion.double(value).flatMap { x in
            bounds.first { !$0.admits(x) }.map { .failure(.outOfRange($0)) } ?? .success(x)
        }
    }

    private static func intWithin(_ value: JSONValue, _ bounds: [NumberBound]) -> Result<Int64, ValidationError.Kind> {
        Coercion.int(value).flatMap { i in
            bounds.first { !$0.admits(Double(i)) }.map { .failure(.outOfRange($0)) } ?? .success(i)
        }
    }
}

/// `{"status":"ok","trading_state":…,"previous":…,"enforced":…}` of halt, reduce and resume.
public struct TradingStateResponse: Sendable, Hashable {
    public var tradingState: TradingState
    public var previous: TradingState
    public var enforced: Bool

    public init(tradingState: TradingState, previous: TradingState, enforced: Bool) {
        self.tradingState = tradingState
        self.previous = previous
        self.enforced = enforced
    }

    public func bodyBytes() -> [UInt8] {
        JSONValue.object([
            "status": "ok", "trading_state": .string(tradingState.rawValue), "previous": .string(previous.rawValue),
            "enforced": .bool(enforced),
        ]).serialized()
    }
}
