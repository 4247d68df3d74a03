import Testing
@testable import Host

@Suite(.timeLimit(.minutes(1)))
struct HTTPServerTests {
    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try withServer { _, port in
            let client = try RawClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello")
            let responses = client.readResponses(3)
            #expect(responses.map(\.status) == [200, 404, 200])
            #expect(responses.map(\.bodyText) == [#"{"ok":true}"#, #"{"detail":"Not Found"}"#, "hello"])
            #expect(responses.allSatisfy { $0.header("Connection") == nil })
        }
    }

    @Test func expectContinueGetsAnInterimResponseBeforeTheBody() throws {
        try withServer { _, port in
            let client = try RawClient(port: port)
            client.send("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            let interim = client.readResponses(1)
            #expect(interim.map(\.status) == [100])
            client.send("hello")
            let final = client.readResponses(1)
            #expect(final.map(\.status) == [200])
            #expect(final.first?.bodyText == "hello")
        }
    }

    @Test func expectContinueOnAnUnknownPathGetsTheFinalStatusAndCloses() throws {
        try withServer { _, port in
            let client = try RawClient(port: port)
            client.send("POST /nope HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            let (bytes, closed) = client.readUntilClosed()
            let (responses, _) = RawResponse.parse(bytes)
            #expect(responses.map(\.status) == [404])
            #expect(responses.first?.header("Connection") == "close")
            #expect(closed)
        }
    }

    @Test func expectContinueWithATooLargeBodyIsRefusedBeforeAnyBodyByte() throws {
        try withServer { _, port in
            let client = try RawClient(port: port)
            client.send("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2097152\r\n\r\n")
            let (bytes, closed) = client.readUntilClosed()
            #expect(RawResponse.parse(bytes).0.map(\.status) == [413])
            #expect(RawResponse.parse(bytes).0.first?.bodyText == #"{"detail":"Request Entity Too Large"}"#)
            #expect(closed)
        }
    }

    @Test func connectionCloseIsAnsweredThenClosed() throws {
        try withServer { _, port in
            let client = try RawClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
            let (bytes, closed) = client.readUntilClosed()
            let responses = RawResponse.parse(bytes).0
            #expect(responses.map(\.status) == [200])
            #expect(responses.first?.header("Connection") == "close")
            #expect(closed)
        }
    }

    @Test func http10KeepAliveIsHonouredAndSaidSo() throws {
        try withServer { _, port in
            let client = try RawClient(port: port)
            client.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let first = client.readResponses(1)
            #expect(first.first?.header("Connection") == "keep-alive")
            client.send("GET / HTTP/1.0\r\n\r\n")
            let (bytes, closed) = client.readUntilClosed()
            #expect(RawResponse.parse(bytes).0.first?.header("Connection") == "close")
            #expect(closed)
        }
    }

    @Test func headGetsTheGetHeadersWithoutABody() throws {
        try withServer { _, port in
            let client = try RawClient(port: port)
            client.send("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n")
            client.shutdownWrite()
            let text = String(decoding: client.readUntilClosed().bytes, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"))
            #expect(text.hasSuffix("Cache-Control: no-store\r\nConnection: close\r\n\r\n"), "no body after the head")
        }
    }

    @Test func aParkedResponseCompletedFromAnotherThreadKeepsPipelinedAnswersInOrder() throws {
        let parking = ParkingResponder()
        let counting = CountingResponder()
        var router = Router()
        router.add(.get, "/park", parking)
        router.add(.get, "/count", counting)
        try withServer(router: router) { _, port in
            let client = try RawClient(port: port)
            client.send("GET /park HTTP/1.1\r\nHost: a\r\n\r\nGET /count HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(poll { parking.parkedCount == 1 && counting.calls == 1 })
            #expect(poll(timeout: .milliseconds(50)) { client.hasPendingBytes } == false,
                "the answer behind the parked one waits")
            parking.completeOldest(with: #"{"parked":true}"#)
            let responses = client.readResponses(2)
            #expect(responses.map(\.bodyText) == [#"{"parked":true}"#, "1"])
        }
    }

    @Test func aDroppedTicketAnswers500() throws {
        struct Forgetful: HTTPResponder {
            func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
                _ = context.park()
                return HTTPResponse(status: .ok)
            }
        }
        var router = Router()
        router.add(.get, "/", Forgetful())
        try withServer(router: router) { _, port in
            let client = try RawClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            let responses = client.readResponses(1)
            #expect(responses.map(\.status) == [500])
            #expect(responses.first?.bodyText == #"{"detail":"Internal Server Error"}"#)
        }
    }

    @Test func theLoopTurnDelegateRunsBeforeTheResponsesOfItsTurnAreWritten() throws {
        let delegate = RecordingDelegate()
        var router = Router()
        router.add(.get, "/", delegate.responder)
        try withServer(router: router, delegate: delegate) { _, port in
            let client = try RawClient(port: port)
            for expected in 1...5 {
                client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
                #expect(client.readResponses(1).first?.bodyText == "\(expected)")
                #expect(delegate.coveredResponses >= expected)
            }
        }
    }

    @Test func overTheConnectionLimitTheServerAnswers503AndCloses() throws {
        try withServer(limits: HTTPLimits(maxConnections: 1)) { server, port in
            let first = try RawClient(port: port)
            first.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(first.readResponses(1).map(\.status) == [200])
            let second = try RawClient(port: port)
            let (bytes, closed) = second.readUntilClosed()
            let responses = RawResponse.parse(bytes).0
            #expect(responses.map(\.status) == [503])
            #expect(responses.first?.header("Retry-After") == "1")
            #expect(responses.first?.header("Connection") == "close")
            #expect(responses.first?.bodyText == #"{"detail":"too many connections"}"#)
            #expect(closed)
            #expect(server.refusedConnections == 1)
            #expect(server.openConnections == 1)
        }
    }

    @Test func manyPipelinedRequestsAreAllAnsweredInOrderPastTheQueueLimit() throws {
        let counting = CountingResponder()
        var router = Router()
        router.add(.get, "/", counting)
        try withServer(router: router) { _, port in
            let client = try RawClient(port: port)
            client.send(String(repeating: "GET / HTTP/1.1\r\nHost: a\r\n\r\n", count: 200))
            let responses = client.readResponses(200)
            #expect(responses.map(\.bodyText) == (1...200).map(String.init))
        }
    }

    @Test func severalLoopsShareOnePort() throws {
        try withServer(threads: 3) { _, port in
            let clients = try (0..<12).map { _ in try RawClient(port: port) }
            for client in clients { client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n") }
            #expect(clients.map { $0.readResponses(1).first?.status } == Array(repeating: 200, count: 12))
        }
    }
}
