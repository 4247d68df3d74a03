/// A responder's refusal: the complete response to send instead (usually the `{"detail": …}` shape of
/// http-api.md §2.3). Throwing it never closes the connection by itself.
public struct HTTPError: Error, Sendable, Hashable, CustomStringConvertible {
    public var response: HTTPResponse

    /// `{"detail":"<detail>"}` with `status`.
    public init(_ status: HTTPStatus, detail: String, headers: HTTPHeaders = [:]) {
        response = .error(status, detail: detail, headers: headers)
    }

    /// Any response, e.g. a 422 with a `detail` list.
    public init(response: HTTPResponse) {
        self.response = response
    }

    public var status: HTTPStatus { response.status }

    public var description: String {
        "\(status): \(String(decoding: response.body, as: UTF8.self))"
    }

    /// 404 `{"detail":"Not Found"}`: no route has this path (§2.4).
    public static let notFound = HTTPError(.notFound, detail: "Not Found")

    /// 405 `{"detail":"Method Not Allowed"}` with `Allow` listing `allowed` (§2.4, §1.7).
    public static func methodNotAllowed(allowed: [HTTPMethod]) -> HTTPError {
        HTTPError(
            .methodNotAllowed, detail: "Method Not Allowed",
            headers: ["Allow": allowed.map(\.rawValue).joined(separator: ", ")])
    }

    /// 500 `{"detail":"Internal Server Error"}`: a defect in Aurora, never caused by input.
    public static let internalServerError = HTTPError(.internalServerError, detail: "Internal Server Error")
}
