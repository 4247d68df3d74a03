/// Header fields that decide framing and the connection, and the checks made once the head is complete
/// (http-api.md §1.2–§1.6).
extension HTTPParser {
    mutating func completeField() throws(HTTPParseError) {
        fieldCount += 1
        guard fieldCount <= limits.maxHeaders else {
            throw error(.tooManyHeaders, "more than server.max_headers (\(limits.maxHeaders)) header and trailer "
                + "fields")
        }
        let value = Array(HTTPByte.trimmed(valueBytes[...]))
        if inTrailers { return }  // trailers are checked like header fields, then ignored
        let name = HTTPByte.lowercased(nameBytes)
        switch name {
        case "content-length":
            guard summary.contentLength == nil else {
                throw error(.duplicateContentLength, "a second Content-Length field; send exactly one")
            }
            guard (1...18).contains(value.count), value.allSatisfy(HTTPByte.isDigit) else {
                throw error(.invalidContentLength, "Content-Length '\(String(decoding: value, as: UTF8.self))' "
                    + "is not 1 to 18 ASCII digits")
            }
            summary.contentLength = value.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        case "transfer-encoding":
            if summary.transferEncoding == nil {
                summary.transferEncoding = value
            } else {
                summary.transferEncoding!.append(contentsOf: Array(", ".utf8) + value)
            }
        case "host":
            summary.hostCount += 1
            guard summary.hostCount == 1 else {
                throw error(.duplicateHost, "a second Host field; a request carries exactly one")
            }
        case "connection":
            summary.connectionTokens.append(contentsOf: HTTPByte.listElements(value))
        case "expect":
            summary.expectations.append(value)
        case "upgrade":
            summary.upgrade = true
        default:
            break
        }
        headers.add(HTTPField(name: String(decoding: nameBytes, as: UTF8.self), valueBytes: value))
    }

    /// Validates the complete head and decides how the body is framed.
    mutating func finishHead() throws(HTTPParseError) -> Event? {
        if version == .http1_1, summary.hostCount == 0 {
            throw error(.missingHost, "an HTTP/1.1 request without a Host field; send exactly one")
        }
        var chunked = false
        if let codingList = summary.transferEncoding {
            guard summary.contentLength == nil else {
                throw error(.contentLengthWithTransferEncoding, "both Content-Length and Transfer-Encoding; "
                    + "send only one of them")
            }
            guard version == .http1_1 else {
                throw error(.transferEncodingOnHTTP10, "Transfer-Encoding on an HTTP/1.0 request; use "
                    + "Content-Length")
            }
            let codings = HTTPByte.listElements(codingList)
            guard codings.last == "chunked" else {
                throw error(.invalidTransferEncoding, "Transfer-Encoding '\(codings.joined(separator: ", "))' "
                    + "does not end in 'chunked'")
            }
            guard codings.filter({ $0 == "chunked" }).count == 1 else {
                throw error(.invalidTransferEncoding, "'chunked' is listed more than once in Transfer-Encoding")
            }
            guard codings.count == 1 else {
                throw error(.unsupportedTransferCoding, "Transfer-Encoding '\(codings.joined(separator: ", "))' "
                    + "names a coding other than 'chunked'; only 'chunked' is implemented")
            }
            chunked = true
        }
        if summary.upgrade {
            throw error(.upgradeNotSupported, "an Upgrade field; protocol switches and tunnels are not served")
        }
        let contentLength = summary.contentLength ?? 0
        guard contentLength <= limits.maxBodyBytes else {
            throw error(.bodyTooLarge, "Content-Length \(contentLength) is over server.max_body_bytes "
                + "(\(limits.maxBodyBytes))")
        }
        var expectsContinue = false
        if version == .http1_1, !summary.expectations.isEmpty {
            let elements = summary.expectations.flatMap { HTTPByte.listElements($0) }
            guard !elements.isEmpty, elements.allSatisfy({ $0 == "100-continue" }) else {
                throw error(.expectationFailed, "an Expect value other than '100-continue'")
            }
            expectsContinue = true
        }
        let keepAlive: Bool
        if summary.connectionTokens.contains("close") {
            keepAlive = false
        } else {
            keepAlive = version == .http1_1 || summary.connectionTokens.contains("keep-alive")
        }
        let line = requestLine!
        let head = HTTPRequestHead(
            method: line.method, target: line.target, path: line.path, query: line.query, version: version,
            headers: headers, keepAlive: keepAlive)
        self.head = head
        if chunked {
            state = .chunkSize
            chunkLineBytes = 0
        } else if contentLength > 0 {
            state = .fixedBody(remaining: contentLength)
        } else {
            return finishRequest()
        }
        return expectsContinue ? .expectContinue(head) : nil
    }
}
