/// An incremental HTTP/1.1 request decoder (http-api.md §1.1–§1.5). It consumes bytes one at a time from the
/// front of an `InputBuffer`, so the same bytes give the same events and the same error however they are split
/// across calls. It never reads past the end of the request it is decoding: pipelined bytes stay in the buffer.
///
/// After it throws, every later call throws the same error: the connection answers it and closes.
package struct HTTPParser: Sendable {
    /// What a call produced. `expectContinue` comes after a head with `Expect: 100-continue` and a non-empty body,
    /// before any body byte is consumed; the same request then follows as `request`.
    package enum Event: Sendable, Hashable {
        case expectContinue(HTTPRequestHead)
        case request(HTTPRequest)
    }

    /// Where the parser stands, for the connection's timers: no byte of the next request yet, inside a head
    /// (the request line and header fields), or reading a body (including chunked trailers).
    package enum Phase: Sendable, Hashable {
        case idle, head, body
    }

    enum State: Sendable, Hashable {
        case start, startLF, method, target, version, requestLineCR, requestLineLF
        case fieldStart, fieldName, fieldValue, fieldValueLF, headEndLF
        case fixedBody(remaining: Int)
        case chunkSize, chunkSizeLF, chunkExtensionName, chunkExtensionValueStart, chunkExtensionToken
        case chunkExtensionQuoted, chunkExtensionEscape, chunkExtensionAfterQuoted
        case chunkData(remaining: Int), chunkDataCR, chunkDataLF
    }

    /// What the header fields seen so far say about framing and the connection.
    struct FieldSummary: Sendable {
        var contentLength: Int?
        var transferEncoding: [UInt8]?
        var hostCount = 0
        var connectionTokens: [String] = []
        var expectations: [[UInt8]] = []
        var upgrade = false
    }

    let limits: HTTPLimits
    var state: State = .start
    var failure: HTTPParseError?
    /// Bytes consumed of the current request, leading empty lines and body included.
    var offset = 0
    var headBytes = 0
    var fieldCount = 0
    var inTrailers = false
    var methodBytes: [UInt8] = []
    var targetBytes: [UInt8] = []
    var versionBytes: [UInt8] = []
    var version = HTTPVersion.http1_1
    var requestLine: (method: HTTPMethod, target: String, path: String, query: String?)?
    var nameBytes: [UInt8] = []
    var valueBytes: [UInt8] = []
    var headers = HTTPHeaders()
    var summary = FieldSummary()
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    var chunkDigits = 0
    var chunkValue = 0
    var chunkLineBytes = 0
    var extensionNameBytes = 0

    package init(limits: HTTPLimits) {
        self.limits = limits
    }

    package var phase: Phase {
        switch state {
        case .start where offset == 0: .idle
        case .fixedBody, .chunkData, .chunkDataCR, .chunkDataLF, .chunkSize, .chunkSizeLF, .chunkExtensionName,
            .chunkExtensionValueStart, .chunkExtensionToken, .chunkExtensionQuoted, .chunkExtensionEscape,
            .chunkExtensionAfterQuoted:
            .body
        default: inTrailers ? .body : .head
        }
    }

    /// Decodes the next event from the front of `buffer`; nil means every byte was consumed and more are needed.
    package mutating func next(from buffer: inout InputBuffer) throws(HTTPParseError) -> Event? {
        if let failure { throw failure }
        do throws(HTTPParseError) {
            return try advance(&buffer)
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func advance(_ buffer: inout InputBuffer) throws(HTTPParseError) -> Event? {
        while true {
            switch state {
            case .fixedBody(let remaining):
                let count = min(remaining, buffer.readableCount)
                guard count > 0 else { return nil }
                take(count, from: &buffer)
                if remaining == count { return finishRequest() }
                state = .fixedBody(remaining: remaining - count)
                return nil
            case .chunkData(let remaining):
                let count = min(remaining, buffer.readableCount)
                guard count > 0 else { return nil }
                take(count, from: &buffer)
                state = remaining == count ? .chunkDataCR : .chunkData(remaining: remaining - count)
            default:
                guard buffer.readIndex < buffer.bytes.count else { return nil }
                let byte = buffer.bytes[buffer.readIndex]
                buffer.readIndex += 1
                offset += 1
                if let event = try consume(byte) { return event }
            }
        }
    }

    private mutating func take(_ count: Int, from buffer: inout InputBuffer) {
        body.append(contentsOf: buffer.bytes[buffer.readIndex..<(buffer.readIndex + count)])
        buffer.readIndex += count
        offset += count
    }

    /// An error at the byte just consumed.
    func error(_ code: HTTPParseError.Code, _ message: String) -> HTTPParseError {
        HTTPParseError(code, at: offset - 1, message)
    }

    private var countsTowardHead: Bool {
        switch state {
        case .start, .startLF, .method, .target, .version, .requestLineCR, .requestLineLF, .fieldStart, .fieldName,
            .fieldValue, .fieldValueLF, .headEndLF:
            true
        default: false
        }
    }

    private mutating func consume(_ byte: UInt8) throws(HTTPParseError) -> Event? {
        if countsTowardHead {
            headBytes += 1
            guard headBytes <= limits.maxHeadBytes else {
                throw error(
                    .headTooLarge,
                    "the request line, header fields and trailers exceed server.max_head_bytes "
                        + "(\(limits.maxHeadBytes) bytes)")
            }
        }
        switch state {
        case .start, .startLF, .method, .target, .version, .requestLineCR, .requestLineLF:
            try consumeRequestLine(byte)
        case .fieldStart, .fieldName, .fieldValue, .fieldValueLF, .headEndLF:
            return try consumeField(byte)
        default:
            return try consumeChunked(byte)
        }
        return nil
    }

    private mutating func consumeField(_ byte: UInt8) throws(HTTPParseError) -> Event? {
        switch state {
        case .fieldStart:
            if byte == HTTPByte.cr {
                state = .headEndLF
            } else if byte == HTTPByte.lf {
                throw error(.bareLF, "a bare LF ends a line of the head; every line must end in CRLF")
            } else if byte == HTTPByte.space || byte == HTTPByte.tab {
                throw error(
                    .obsoleteLineFolding,
                    "a header line starts with whitespace (obsolete line folding); a field must be on one line")
            } else if HTTPByte.isToken(byte) {
                nameBytes.removeAll(keepingCapacity: true)
                nameBytes.append(byte)
                state = .fieldName
            } else {
                throw error(
                    .invalidFieldName, "\(HTTPByte.describe(byte)) cannot start a header name; a name is a token")
            }
        case .fieldName:
            if byte == HTTPByte.colon {
                valueBytes.removeAll(keepingCapacity: true)
                state = .fieldValue
            } else if HTTPByte.isToken(byte) {
                nameBytes.append(byte)
            } else if byte == HTTPByte.space || byte == HTTPByte.tab {
                throw error(
                    .whitespaceBeforeColon,
                    "whitespace between the header name and the colon; write 'Name: value'")
            } else if byte == HTTPByte.cr || byte == HTTPByte.lf {
                throw error(.invalidFieldName, "a header line without a colon; write 'Name: value'")
            } else {
                throw error(.invalidFieldName, "\(HTTPByte.describe(byte)) in a header name; a name is a token")
            }
        case .fieldValue:
            if byte == HTTPByte.cr {
                state = .fieldValueLF
            } else if byte == HTTPByte.lf {
                throw error(.bareLF, "a bare LF ends a header line; every line must end in CRLF")
            } else if HTTPByte.isFieldValue(byte) {
                valueBytes.append(byte)
            } else {
                throw error(
                    .invalidFieldValue,
                    "\(HTTPByte.describe(byte)) in a header value; control characters are not allowed")
            }
        case .fieldValueLF:
            guard byte == HTTPByte.lf else {
                throw error(.bareCR, "a bare CR in a header line; CR is only allowed before LF")
            }
            try completeField()
            state = .fieldStart
        default:
            guard byte == HTTPByte.lf else {
                throw error(.bareCR, "a bare CR after the header fields; the head ends with CRLF CRLF")
            }
            if inTrailers { return finishRequest() }
            return try finishHead()
        }
        return nil
    }

    /// Hands out the finished request and resets for the next one on the connection.
    mutating func finishRequest() -> Event {
        let request = HTTPRequest(head: head!, body: body)
        resetForNextRequest()
        return .request(request)
    }

    private mutating func resetForNextRequest() {
        state = .start
        offset = 0
        headBytes = 0
        fieldCount = 0
        inTrailers = false
        methodBytes.removeAll(keepingCapacity: true)
        targetBytes.removeAll(keepingCapacity: true)
        versionBytes.removeAll(keepingCapacity: true)
        version = .http1_1
        requestLine = nil
        headers = HTTPHeaders()
        summary = FieldSummary()
        head = nil
        body = []
        chunkDigits = 0
        chunkValue = 0
        chunkLineBytes = 0
        extensionNameBytes = 0
    }
}
