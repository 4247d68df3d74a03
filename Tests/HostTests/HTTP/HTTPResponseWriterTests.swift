import Testing
@testable import Host

@Suite struct HTTPResponseWriterTests {
    /// 1994-11-06 08:49:37 UTC, RFC 9110's example.
    static let pinnedClock: @Sendable () -> Int = { 784_111_777 }

    private func written(
        _ response: HTTPResponse, method: HTTPMethod? = .get, version: HTTPVersion? = .http1_1, closing: Bool = false
    ) -> String {
        var writer = HTTPResponseWriter(clock: Self.pinnedClock)
        var out: [UInt8] = []
        writer.write(response, method: method, version: version, closing: closing, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func aJSONResponseCarriesTheSpecifiedHeaders() {
        #expect(written(.json(.ok, Array(#"{"a":1}"#.utf8)))
            == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\n"
                + "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\nServer: aurora\r\nCache-Control: no-store\r\n\r\n{\"a\":1}")
    }

    @Test func aClosingErrorSaysConnectionClose() {
        #expect(written(.error(.badRequest, detail: "Bad Request"), method: nil, version: nil, closing: true)
            == "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 24\r\n"
                + "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\nServer: aurora\r\nCache-Control: no-store\r\n"
                + "Connection: close\r\n\r\n{\"detail\":\"Bad Request\"}")
    }

    @Test func aKeptAliveHTTP10ConnectionSaysKeepAlive() {
        #expect(written(HTTPResponse(status: .ok), version: .http1_0).contains("\r\nConnection: keep-alive\r\n\r\n"))
    }

    @Test func headGetsTheHeadersOfTheBodyItOmits() {
        let text = written(.json(.ok, Array("12345".utf8)), method: .head)
        #expect(text.hasSuffix("Content-Length: 5\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nServer: aurora\r\n"
            + "Cache-Control: no-store\r\n\r\n"))
    }

    @Test func theResponderKeepsItsOwnFieldsButNotTheOnesTheWriterOwns() {
        let response = HTTPResponse(
            status: .methodNotAllowed,
            headers: ["Allow": "POST", "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Content-Length": "99",
                "Connection": "keep-alive"],
            body: Array("x".utf8))
        #expect(written(response)
            == "HTTP/1.1 405 Method Not Allowed\r\nAllow: POST\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
                + "Content-Length: 1\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nServer: aurora\r\nCache-Control: no-store\r\n\r\nx")
    }

    @Test func theErrorBodyEscapesItsDetail() {
        #expect(HTTPResponse.error(.badRequest, detail: "a\"b\\c\n\u{1}é/").body
            == Array(#"{"detail":"a\"b\\c\n\u0001é/"}"#.utf8))
    }

    @Test func theInterimResponseIsExactly100Continue() {
        #expect(HTTPResponseWriter.continueResponse == Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
    }
}
