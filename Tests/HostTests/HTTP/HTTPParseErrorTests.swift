import Testing
@testable import Host

@Suite struct HTTPParseErrorTests {
    static let codes: [(HTTPParseError.Code, Int, String)] = [
        (.invalidRequestLine, 400, "Bad Request"), (.invalidMethod, 400, "Bad Request"),
        (.invalidTarget, 400, "Bad Request"), (.invalidVersion, 400, "Bad Request"),
        (.unsupportedVersion, 505, "HTTP Version Not Supported"), (.bareCR, 400, "Bad Request"),
        (.bareLF, 400, "Bad Request"), (.obsoleteLineFolding, 400, "Bad Request"),
        (.invalidFieldName, 400, "Bad Request"), (.whitespaceBeforeColon, 400, "Bad Request"),
        (.invalidFieldValue, 400, "Bad Request"), (.missingHost, 400, "Bad Request"),
        (.duplicateHost, 400, "Bad Request"), (.upgradeNotSupported, 400, "Bad Request"),
        (.invalidContentLength, 400, "Bad Request"), (.duplicateContentLength, 400, "Bad Request"),
        (.contentLengthWithTransferEncoding, 400, "Bad Request"), (.transferEncodingOnHTTP10, 400, "Bad Request"),
        (.invalidTransferEncoding, 400, "Bad Request"), (.unsupportedTransferCoding, 501, "Not Implemented"),
        (.invalidChunkSize, 400, "Bad Request"), (.chunkSizeLineTooLong, 400, "Bad Request"),
        (.invalidChunkExtension, 400, "Bad Request"), (.invalidChunkTerminator, 400, "Bad Request"),
        (.headTooLarge, 431, "Request Header Fields Too Large"), (.tooManyHeaders, 431, "Request Header Fields Too Large"),
        (.bodyTooLarge, 413, "Request Entity Too Large"), (.expectationFailed, 417, "Expectation Failed"),
    ]

    @Test(arguments: codes)
    func eachCodeMapsToItsStatusAndDetail(_ code: HTTPParseError.Code, _ status: Int, _ detail: String) {
        let error = HTTPParseError(code, at: 0, "x")
        #expect(error.status.code == status)
        #expect(error.detail == detail)
        #expect(error.response.body == Array(#"{"detail":"\#(detail)"}"#.utf8))
        #expect(error.response.headers["Content-Type"] == "application/json")
    }

    @Test func theRequestTimeoutDetailIsTheSpecifiedOne() {
        #expect(HTTPParseError.detail(for: .requestTimeout) == "Request Timeout")
    }
}
