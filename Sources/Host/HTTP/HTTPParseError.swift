/// Why the parser refused a request. Every code maps to the status and `detail` text of http-api.md §2.3; the
/// server answers with them and closes the connection (§1.4–§1.6).
package struct HTTPParseError: Error, Sendable, Hashable, CustomStringConvertible {
    package let code: Code
    /// The byte of the request (counted from its first byte, leading empty lines included) at which the problem
    /// was found.
    package let offset: Int
    /// What was wrong and what would be right, for an operator.
    package let message: String

    package init(_ code: Code, at offset: Int, _ message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    package var status: HTTPStatus { code.status }

    /// The exact `detail` string of http-api.md §2.3 for this status.
    package var detail: String { Self.detail(for: code.status) }

    /// The response the server sends for this error (the server adds `Connection: close`).
    package var response: HTTPResponse { .error(status, detail: detail) }

    package var description: String { "\(code) (\(status.code)) at byte \(offset) of the request: \(message)" }

    /// The §2.3 `detail` text of a status the parser or the connection produces.
    package static func detail(for status: HTTPStatus) -> String {
        switch status.code {
        case 400: "Bad Request"
        case 408: "Request Timeout"
        case 413: "Request Entity Too Large"
        case 417: "Expectation Failed"
        case 431: "Request Header Fields Too Large"
        case 501: "Not Implemented"
        case 505: "HTTP Version Not Supported"
        default: status.reasonPhrase
        }
    }
}

extension HTTPParseError {
    /// A stable name for each way a request can be refused, with its status.
    package struct Code: Sendable, Hashable, CustomStringConvertible {
        package let name: String
        package let status: HTTPStatus

        private init(_ name: String, _ status: HTTPStatus) {
            self.name = name
            self.status = status
        }

        package var description: String { name }

        // Request line (§1.1, §1.2).
        package static let invalidRequestLine = Code("invalid-request-line", .badRequest)
        package static let invalidMethod = Code("invalid-method", .badRequest)
        package static let invalidTarget = Code("invalid-target", .badRequest)
        package static let invalidVersion = Code("invalid-version", .badRequest)
        package static let unsupportedVersion = Code("unsupported-version", .httpVersionNotSupported)
        // Line endings and header fields (§1.2).
        package static let bareCR = Code("bare-cr", .badRequest)
        package static let bareLF = Code("bare-lf", .badRequest)
        package static let obsoleteLineFolding = Code("obs-fold", .badRequest)
        package static let invalidFieldName = Code("invalid-field-name", .badRequest)
        package static let whitespaceBeforeColon = Code("whitespace-before-colon", .badRequest)
        package static let invalidFieldValue = Code("invalid-field-value", .badRequest)
        package static let missingHost = Code("missing-host", .badRequest)
        package static let duplicateHost = Code("duplicate-host", .badRequest)
        package static let upgradeNotSupported = Code("upgrade-not-supported", .badRequest)
        // Framing (§1.3, §1.4).
        package static let invalidContentLength = Code("invalid-content-length", .badRequest)
        package static let duplicateContentLength = Code("duplicate-content-length", .badRequest)
        package static let contentLengthWithTransferEncoding = Code(
            "content-length-with-transfer-encoding", .badRequest)
        package static let transferEncodingOnHTTP10 = Code("transfer-encoding-on-http-1.0", .badRequest)
        package static let invalidTransferEncoding = Code("invalid-transfer-encoding", .badRequest)
        package static let unsupportedTransferCoding = Code("unsupported-transfer-coding", .notImplemented)
        package static let invalidChunkSize = Code("invalid-chunk-size", .badRequest)
        package static let chunkSizeLineTooLong = Code("chunk-size-line-too-long", .badRequest)
        package static let invalidChunkExtension = Code("invalid-chunk-extension", .badRequest)
        package static let invalidChunkTerminator = Code("invalid-chunk-terminator", .badRequest)
        // Limits and expectations (§1.3, §1.5).
        package static let headTooLarge = Code("head-too-large", .requestHeaderFieldsTooLarge)
        package static let tooManyHeaders = Code("too-many-headers", .requestHeaderFieldsTooLarge)
        package static let bodyTooLarge = Code("body-too-large", .payloadTooLarge)
        package static let expectationFailed = Code("expectation-failed", .expectationFailed)
    }
}
