import Testing
@testable import Host

/// The llhttp vectors over a real socket (reliability.md rows 1–2): the same pinned statuses as in-process, the
/// close after every rejection, and a canary pipelined behind each closing case that is never answered.
@Suite(.timeLimit(.minutes(1)))
struct HTTPServerConformanceTests {
    static let canary = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"

    @Test(arguments: LLHTTPVectors.all)
    func llhttpCaseIsAnsweredOverTheWireAsPinned(_ vector: LLHTTPCase) throws {
        let pinned = try #require(LLHTTPExpectations.outcomes[vector.key]).split(separator: " ")
        let statuses = pinned.dropLast().compactMap { Int($0) }
        let closes = pinned.last == "close"
        try withServer { _, port in
            let client = try RawClient(port: port)
            client.send(vector.raw + (closes ? Array(Self.canary.utf8) : []))
            if !closes { client.shutdownWrite() }
            let (bytes, closed) = client.readUntilClosed()
            let (responses, consumed) = RawResponse.parse(bytes)
            #expect(closed, "the server must close the connection")
            #expect(consumed == bytes.count, "nothing but whole responses: \(String(decoding: bytes, as: UTF8.self))")
            #expect(responses.map(\.status) == statuses, "\(vector.name)")
            if closes, let last = responses.last {
                #expect(last.header("Connection") == "close")
            }
            for response in responses where response.status >= 400 {
                #expect(response.bodyText == #"{"detail":"\#(HTTPParseError.detail(for: HTTPStatus(code: response.status, reasonPhrase: "")))"}"#
                    || [404, 405].contains(response.status))
            }
        }
    }

    @Test(arguments: HTTPParserTests.projectCases)
    func projectCaseIsAnsweredOverTheWire(_ name: String, _ raw: String, _ expected: String) throws {
        let pinned = expected.split(separator: " ")
        let statuses = pinned.dropLast().compactMap { Int($0) }
        let closes = pinned.last == "close"
        try withServer { _, port in
            let client = try RawClient(port: port)
            client.send(raw + (closes ? Self.canary : ""))
            if !closes { client.shutdownWrite() }
            let (bytes, closed) = client.readUntilClosed()
            let (responses, _) = RawResponse.parse(bytes)
            #expect(closed)
            #expect(responses.map(\.status) == statuses, "\(name)")
        }
    }
}
