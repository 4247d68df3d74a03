public import Codec

/// One problem with a request, shaped as FastAPI/pydantic reports it in a 422 `detail` item (http-api.md §2.3).
///
/// Encoded with the keys `type`, `loc`, `msg`, `input` and, when present, `ctx`, in that order.
public struct ValidationError: Sendable, Hashable, CustomStringConvertible {
    /// The stable error type, e.g. `float_parsing`, `missing`, `greater_than_equal`.
    public var type: String
    /// `"body"`, `"path"` or `"query"`, then the field path; array indices are integers.
    public var loc: [JSONValue]
    /// The exact message of the type (http-api.md §2.3).
    public var msg: String
    /// The offending value; for `missing` the enclosing object; for `json_invalid` `{}`.
    public var input: JSONValue
    /// Type-specific context (`{"ge": 0}`), nil when the type has none.
    public var ctx: JSONObject?

    public init(type: String, loc: [JSONValue], msg: String, input: JSONValue, ctx: JSONObject? = nil) {
        self.type = type
        self.loc = loc
        self.msg = msg
        self.input = input
        self.ctx = ctx
    }

    /// An error of `kind` at `loc` about `input`.
    public init(_ kind: Kind, at loc: [JSONValue], input: JSONValue) {
        self.init(type: kind.type, loc: loc, msg: kind.msg, input: input, ctx: kind.ctx)
    }

    /// `missing` at `loc`; `enclosing` is the object the field was looked up in (`null` for a missing body).
    public static func missing(at loc: [JSONValue], in enclosing: JSONValue) -> ValidationError {
        ValidationError(.missing, at: loc, input: enclosing)
    }

    /// `json_invalid` at `["body", <offset>]` with the reader's reason in `ctx.error`.
    public static func jsonInvalid(_ error: JSONReadError) -> ValidationError {
        ValidationError(
            type: "json_invalid", loc: ["body", .int(Int64(error.offset))], msg: "JSON decode error",
            input: .object([:]), ctx: ["error": .string(error.message)])
    }

    /// The item as a JSON object.
    public var json: JSONValue {
        var object: JSONObject = ["type": .string(type), "loc": .array(loc), "msg": .string(msg), "input": input]
        if let ctx { object.append("ctx", .object(ctx)) }
        return .object(object)
    }

    /// Writes the item as one JSON object.
    public func write(to writer: inout JSONWriter) { writer.write(json) }

    /// `float_parsing at body.order.qty: Input should be a valid number, …`.
    public var description: String {
        let path = loc.map { $0.stringValue ?? $0.intValue.map { String($0) } ?? $0.serializedString }
        return "\(type) at \(path.joined(separator: ".")): \(msg)"
    }
}
