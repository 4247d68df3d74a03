import Testing
@testable import Host

extension HTTPParserTests {
    static let small = HTTPLimits(maxHeadBytes: 128, maxHeaders: 4, maxBodyBytes: 16)

    /// `GET / HTTP/1.1`, `Host: a` and one `X:` field padded so that the head is exactly `size` bytes.
    static func head(ofSize size: Int) -> String {
        let fixed = "GET / HTTP/1.1\r\nHost: a\r\nX: \r\n\r\n"
        return "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "p", count: size - fixed.utf8.count) + "\r\n\r\n"
    }

    static let limitCases: [(String, String, String)] = [
        ("a head of exactly max_head_bytes", head(ofSize: 128), "200 open"),
        ("a head one byte over", head(ofSize: 129), "431 close"),
        ("a request line over the limit", "GET /" + String(repeating: "a", count: 200) + " HTTP/1.1\r\n", "431 close"),
        ("max_headers fields", "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", "200 open"),
        ("one field more", "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", "431 close"),
        ("a body of exactly max_body_bytes",
            "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 16\r\n\r\n" + String(repeating: "b", count: 16), "200 open"),
        ("a declared length one over, no body byte sent", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 17\r\n\r\n",
            "413 close"),
        ("a chunked body decoding to one byte over",
            "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n8\r\naaaaaaaa\r\n9\r\n", "413 close"),
        ("trailers that push the head over the limit",
            "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: "
                + String(repeating: "t", count: 80) + "\r\n\r\n", "431 close"),
        ("trailers that push the field count over the limit",
            "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n",
            "431 close"),
        ("leading empty lines count toward the head", String(repeating: "\r\n", count: 65), "431 close"),
    ]

    @Test(arguments: limitCases)
    func limitIsEnforcedWithItsStatus(_ name: String, _ raw: String, _ expected: String) {
        let bytes = Array(raw.utf8)
        let whole = ParseRun(bytes, limits: Self.small)
        #expect(whole.outcome == expected, "\(name): \(whole)")
        #expect(ParseRun(bytes, limits: Self.small, split: .byteByByte) == whole, "\(name)")
    }

    @Test func theDefaultLimitsAcceptAHeadOfExactly16KiBAndRefuseOneByteMore() {
        #expect(ParseRun(Array(Self.head(ofSize: 16_384).utf8)).outcome == "200 open")
        #expect(ParseRun(Array(Self.head(ofSize: 16_385).utf8)).outcome == "431 close")
    }

    @Test func aRequestIsDecodedIntoItsParts() throws {
        var parser = HTTPParser(limits: .default)
        var buffer = InputBuffer(
            Array("POST http://h:1/p%20q?x=1&y#frag HTTP/1.1\r\nHost: h\r\nX-Two: a\r\nx-two:  b \r\nContent-Length: 3\r\n\r\nabcGET".utf8))
        let event = try #require(try parser.next(from: &buffer))
        guard case .request(let request) = event else {
            Issue.record("expected a request, got \(event)")
            return
        }
        #expect(request.method == .post)
        #expect(request.target == "http://h:1/p%20q?x=1&y#frag")
        #expect(request.path == "/p q")
        #expect(request.query == "x=1&y")
        #expect(request.version == .http1_1)
        #expect(request.headers.fields.map(\.name) == ["Host", "X-Two", "x-two", "Content-Length"])
        #expect(request.headers.values(for: "X-TWO") == ["a", "b"])
        #expect(request.headers["content-length"] == "3")
        #expect(request.body == Array("abc".utf8))
        #expect(request.keepAlive)
        #expect(buffer.readableCount == 3, "the pipelined bytes stay in the buffer")
        #expect(try parser.next(from: &buffer) == nil)
        #expect(parser.phase == .head)
    }

    @Test func expectContinueComesBeforeTheBodyOnlyWhenThereIsOne() throws {
        let withBody = ParseRun(Array("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\nhi".utf8))
        #expect(withBody.events == ["100?POST /echo", "POST /echo body=2"])
        #expect(withBody.outcome == "200 open")
        let chunked = ParseRun(
            Array("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n".utf8))
        #expect(chunked.events == ["100?POST /echo", "POST /echo body=0"])
        let empty = ParseRun(Array("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n".utf8))
        #expect(empty.events == ["POST /echo body=0"])
        let tooLarge = ParseRun(
            Array("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2097152\r\n\r\n".utf8))
        #expect(tooLarge.events == [])
        #expect(tooLarge.outcome == "413 close")
    }

    @Test func afterAnErrorTheParserKeepsThrowingIt() {
        var parser = HTTPParser(limits: .default)
        var buffer = InputBuffer(Array("GET / HTTP/1.1\r\nHost : a\r\n\r\n".utf8))
        let first = #expect(throws: HTTPParseError.self) { try parser.next(from: &buffer) }
        buffer.append(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        let second = #expect(throws: HTTPParseError.self) { try parser.next(from: &buffer) }
        #expect(first == second)
        #expect(first?.description
            == "whitespace-before-colon (400) at byte 20 of the request: whitespace between the header name and the "
                + "colon; write 'Name: value'")
    }
}
