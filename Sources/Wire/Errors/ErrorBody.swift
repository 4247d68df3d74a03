import Codec

/// Every error body: `{"detail": "<string>"}` or the 422 `{"detail": [...]}` (http-api.md §2.3).
public enum ErrorBody: Sendable, Hashable {
    case message(String)
    case validation(ValidationErrors)

    public func bodyBytes() -> [UInt8] {
        switch self {
        case .validation(let errors): return errors.bodyBytes()
        case .message(let text):
            var writer = JSONWriter(capacity: text.utf8.count + 16)
            writer.beginObject()
            writer.field("detail")
            writer.string(text)
            writer.endObject()
            return writer.bytes
        }
    }

    /// Reads `{"detail": …}`; nil for anything else.
    public static func decode(_ body: some Collection<UInt8>) -> ErrorBody? {
        guard let detail = (try? JSONReader.parse(body))?["detail"] else { return nil }
        if let text = detail.stringValue { return .message(text) }
        guard let items = detail.arrayValue else { return nil }
        var errors = ValidationErrors()
        for item in items {
            guard let type = item["type"]?.stringValue, let loc = item["loc"]?.arrayValue,
                let msg = item["msg"]?.stringValue
            else { return nil }
            errors.append(
                ValidationError(type: type, loc: loc, msg: msg, input: item["input"] ?? .null, ctx: item["ctx"]?.objectValue))
        }
        return .validation(errors)
    }

    // The exact string details of http-api.md §2.3.
    public static let badRequest = ErrorBody.message("Bad Request")
    public static let missingOpsToken = ErrorBody.message("Missing X-OPS-TOKEN")
    public static let forbidden = ErrorBody.message("Forbidden")
    public static let notFound = ErrorBody.message("Not Found")
    public static let methodNotAllowed = ErrorBody.message("Method Not Allowed")
    public static let requestTimeout = ErrorBody.message("Request Timeout")
    public static let payloadTooLarge = ErrorBody.message("Request Entity Too Large")
    public static let unsupportedMediaType = ErrorBody.message("Unsupported Media Type: expected application/json")
    public static let expectationFailed = ErrorBody.message("Expectation Failed")
    public static let rotationCooldown = ErrorBody.message("rotation cooldown active")
    public static let headersTooLarge = ErrorBody.message("Request Header Fields Too Large")
    public static let internalServerError = ErrorBody.message("Internal Server Error")
    public static let notImplemented = ErrorBody.message("Not Implemented")
    public static let opsDisabled = ErrorBody.message("OPS disabled: no token configured")
    public static let noPredictor = ErrorBody.message("no predictor configured")
    public static let tooManyConnections = ErrorBody.message("too many connections")
    public static let logUnavailable = ErrorBody.message("log unavailable")
    public static let stateFileUnavailable = ErrorBody.message("state file unavailable")
    public static let httpVersionNotSupported = ErrorBody.message("HTTP Version Not Supported")
}
