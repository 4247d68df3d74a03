import Testing
@testable import Host

@Suite struct HTTPParserTests {
    // MARK: - llhttp vectors (../shared/conformance/http)

    @Test func theVectorFileIsReadInPlaceWithAllItsCases() {
        let cases = LLHTTPVectors.all
        #expect(cases.count == 121, "read \(LLHTTPVectors.filePath)")
        let counts = Dictionary(grouping: cases, by: \.expect).mapValues(\.count)
        #expect(counts == ["ok": 51, "error": 55, "upgrade": 10, "incomplete": 5])
        #expect(Set(cases.map(\.key)) == Set(LLHTTPExpectations.outcomes.keys))
    }

    @Test(arguments: LLHTTPVectors.all)
    func llhttpCaseGivesItsPinnedOutcomeHoweverItIsSplit(_ vector: LLHTTPCase) throws {
        let pinned = try #require(LLHTTPExpectations.outcomes[vector.key])
        let whole = ParseRun(vector.raw)
        #expect(whole.outcome == pinned, "\(vector.name): \(vector.llhttpError ?? "")")
        #expect(ParseRun(vector.raw, split: .byteByByte) == whole)
        for seed in UInt64(1)...4 {
            #expect(ParseRun(vector.raw, split: .random(seed: seed)) == whole, "seed \(seed)")
        }
        switch vector.expect {
        case "error", "upgrade":
            #expect(whole.ending == "close", "a rejected case must close the connection")
        case "incomplete":
            #expect(whole.ending != "open")
        default:
            break
        }
    }

    /// The error and upgrade cases again with a `Host` field added where they have none, so that the rejection
    /// llhttp makes is the one reached, not the missing `Host`.
    @Test(arguments: LLHTTPVectors.all.filter { $0.expect == "error" || $0.expect == "upgrade" })
    func rejectedCaseStaysRejectedWithAHostField(_ vector: LLHTTPCase) {
        var raw = vector.raw
        let lower = String(decoding: raw.map { $0 | 0x20 }, as: UTF8.self)
        if !lower.contains("\n\nhost:") && !lower.contains("\nhost:"), let lf = raw.firstIndex(of: 0x0A) {
            raw.insert(contentsOf: Array("Host: h\r\n".utf8), at: lf + 1)
        }
        let run = ParseRun(raw)
        let answeredThenClosed = ["request/connection.md:84", "request/connection.md:297", "request/connection.md:347"]
        #expect(run.ending == "close")
        if !answeredThenClosed.contains(vector.key) {
            #expect([400, 501, 505].contains(run.statuses.last ?? 0), "\(run)")
            #expect(run.statuses.count == 1, "nothing before the rejection is answered: \(run)")
        }
        #expect(ParseRun(raw, split: .byteByByte) == run)
    }

    // MARK: - The project's own cases (reliability.md §5.2)

    static let projectCases: [(String, String, String)] = [
        ("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", "400 close"),
        ("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", "400 close"),
        ("space before the colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", "400 close"),
        ("obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n 2\r\n\r\n", "400 close"),
        ("obs-fold with a tab", "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n\t2\r\n\r\n", "400 close"),
        ("bare LF", "GET / HTTP/1.1\nHost: a\r\n\r\n", "400 close"),
        ("bare CR in a value", "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", "400 close"),
        ("NUL in a value", "GET / HTTP/1.1\r\nHost: a\u{0}b\r\n\r\n", "400 close"),
        ("DEL in a value", "GET / HTTP/1.1\r\nHost: a\u{7F}b\r\n\r\n", "400 close"),
        ("tab between parts", "GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n", "400 close"),
        ("two spaces between parts", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", "400 close"),
        ("two spaces before the version", "GET /  HTTP/1.1\r\nHost: a\r\n\r\n", "400 close"),
        ("leading space", " GET / HTTP/1.1\r\nHost: a\r\n\r\n", "400 close"),
        ("trailing space", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n", "400 close"),
        ("lower-case http/1.1", "GET / http/1.1\r\nHost: a\r\n\r\n", "400 close"),
        ("HTTP/1.1x", "GET / HTTP/1.1x\r\nHost: a\r\n\r\n", "400 close"),
        ("HTTP/11", "GET / HTTP/11\r\nHost: a\r\n\r\n", "400 close"),
        ("HTTP/2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", "505 close"),
        ("HTTP/1.2", "GET / HTTP/1.2\r\nHost: a\r\n\r\n", "505 close"),
        ("PRI * HTTP/2.0 (the version before the target)", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "505 close"),
        ("asterisk-form", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", "400 close"),
        ("authority-form", "CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n", "400 close"),
        ("absolute-form", "GET http://h/ HTTP/1.1\r\nHost: h\r\n\r\n", "200 open"),
        ("absolute-form without a path", "GET http://h?x=1 HTTP/1.1\r\nHost: h\r\n\r\n", "200 open"),
        ("lower-case method", "get / HTTP/1.1\r\nHost: a\r\n\r\n", "400 close"),
        ("percent-decoded path", "POST /%65cho HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nx", "200 open"),
        ("bad percent escape", "GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n", "400 close"),
        ("query is not matched", "GET /?a=1 HTTP/1.1\r\nHost: a\r\n\r\n", "200 open"),
        ("CL with TE", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
            "400 close"),
        ("two equal CL", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx",
            "400 close"),
        ("CL list", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\n", "400 close"),
        ("CL +5", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\n", "400 close"),
        ("CL -1", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", "400 close"),
        ("CL 0x10", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n", "400 close"),
        ("CL ' 5 5'", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length:  5 5\r\n\r\n", "400 close"),
        ("CL empty", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n", "400 close"),
        ("CL of 19 digits", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000000000000000\r\n\r\n",
            "400 close"),
        ("CL 1e21", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1e21\r\n\r\n", "400 close"),
        ("CL of 18 digits (refused before the body)",
            "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 999999999999999999\r\n\r\n", "413 close"),
        ("TE chunked, gzip", "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", "400 close"),
        ("TE identity", "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n", "400 close"),
        ("TE chunked, chunked", "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
            "400 close"),
        ("two TE fields both chunked",
            "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
            "400 close"),
        ("TE on HTTP/1.0", "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "400 close"),
        ("TE gzip, chunked", "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "501 close"),
        ("TE CHUNKED", "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: CHUNKED\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            "200 open"),
        ("chunk size of 9 hex digits", chunked("000000003\r\nabc\r\n0\r\n\r\n"), "400 close"),
        ("chunk size 0x5", chunked("0x5\r\nabcde\r\n0\r\n\r\n"), "400 close"),
        ("chunk size +5", chunked("+5\r\nabcde\r\n0\r\n\r\n"), "400 close"),
        ("chunk size ' 5'", chunked(" 5\r\nabcde\r\n0\r\n\r\n"), "400 close"),
        ("chunk size g", chunked("g\r\nabcde\r\n0\r\n\r\n"), "400 close"),
        ("empty chunk size", chunked("\r\nabcde\r\n0\r\n\r\n"), "400 close"),
        ("chunk-size line of 1,024 bytes with its CRLF", chunked("5;" + String(repeating: "a", count: 1_020) + "\r\nabcde\r\n0\r\n\r\n"),
            "200 open"),
        ("chunk-size line of 1,025 bytes with its CRLF", chunked("5;" + String(repeating: "a", count: 1_021) + "\r\nabcde\r\n0\r\n\r\n"),
            "400 close"),
        ("NUL in a chunk extension", chunked("5;a=\"\u{0}\"\r\nabcde\r\n0\r\n\r\n"), "400 close"),
        ("quoted chunk extension", chunked("5;a=\"b\\\"c\";d=e;f\r\nabcde\r\n0\r\n\r\n"), "200 open"),
        ("chunk data not followed by CRLF", chunked("5\r\nabcdeX\r\n0\r\n\r\n"), "400 close"),
        ("no final CRLF after the trailers", chunked("5\r\nabcde\r\n0\r\nT: 1\r\nGET / HTTP/1.1\r\n\r\n"), "400 close"),
        ("a valid trailer", chunked("5\r\nabcde\r\n0\r\nT: 1\r\n\r\n"), "200 open"),
        ("an obs-fold trailer", chunked("5\r\nabcde\r\n0\r\nT: 1\r\n 2\r\n\r\n"), "400 close"),
        ("GET with a body (read and ignored)", "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nab", "200 open"),
        ("Connection: close", "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET / HTTP/1.1\r\n\r\n",
            "200 close"),
        ("HTTP/1.0 closes", "GET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\n\r\n", "200 close"),
        ("HTTP/1.0 with keep-alive", "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.0\r\n\r\n",
            "200 200 close"),
        ("three requests at once",
            "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\nOPTIONS / HTTP/1.1\r\nHost: a\r\n\r\n",
            "200 404 405 open"),
        ("a request pipelined behind a bad one is never parsed",
            "GET / HTTP/1.1\r\nHost : a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", "400 close"),
        ("Expect: foo", "POST /echo HTTP/1.1\r\nHost: a\r\nExpect: foo\r\nContent-Length: 1\r\n\r\nx", "417 close"),
        ("Expect on HTTP/1.0 is ignored", "POST /echo HTTP/1.0\r\nExpect: foo\r\nContent-Length: 1\r\n\r\nx",
            "200 close"),
        ("Upgrade", "GET / HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n", "400 close"),
        ("an incomplete head waits", "GET / HTTP/1.1\r\nHost: a\r\n", "waiting"),
        ("an incomplete body waits", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab", "waiting"),
    ]

    private static func chunked(_ body: String) -> String {
        "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + body
    }

    @Test(arguments: projectCases)
    func projectCaseGivesItsOutcome(_ name: String, _ raw: String, _ expected: String) {
        let bytes = Array(raw.utf8)
        let whole = ParseRun(bytes)
        #expect(whole.outcome == expected, "\(name): \(whole)")
        #expect(ParseRun(bytes, split: .byteByByte) == whole, "\(name)")
        #expect(ParseRun(bytes, split: .random(seed: 7)) == whole, "\(name)")
    }
}
