/// The request line: `METHOD SP request-target SP HTTP-version CRLF` (http-api.md §1.1, §1.2). The version is
/// checked as soon as its eight bytes are in, before the request-target is looked at.
extension HTTPParser {
    private static let versionPattern = Array("HTTP/0.0".utf8)

    mutating func consumeRequestLine(_ byte: UInt8) throws(HTTPParseError) {
        switch state {
        case .start:
            if byte == HTTPByte.cr {
                state = .startLF
            } else if byte == HTTPByte.lf {
                throw error(.bareLF, "a bare LF before the request line; every line must end in CRLF")
            } else if HTTPByte.isToken(byte) {
                methodBytes.append(byte)
                state = .method
            } else if byte == HTTPByte.space || byte == HTTPByte.tab {
                throw error(.invalidRequestLine, "whitespace before the method; the line starts with the method")
            } else {
                throw error(.invalidMethod, "\(HTTPByte.describe(byte)) in the method; a method is a token")
            }
        case .startLF:
            guard byte == HTTPByte.lf else {
                throw error(.bareCR, "a bare CR before the request line; CR is only allowed before LF")
            }
            state = .start
        case .method:
            if byte == HTTPByte.space {
                state = .target
            } else if HTTPByte.isToken(byte) {
                methodBytes.append(byte)
            } else if byte == HTTPByte.cr || byte == HTTPByte.lf {
                throw error(.invalidRequestLine, "the request line ends after the method; expected "
                    + "'METHOD SP target SP HTTP/1.1'")
            } else if byte == HTTPByte.tab {
                throw error(.invalidRequestLine, "a tab in the request line; its parts are separated by one space")
            } else {
                throw error(.invalidMethod, "\(HTTPByte.describe(byte)) in the method; a method is a token")
            }
        case .target:
            if byte == HTTPByte.space {
                guard !targetBytes.isEmpty else {
                    throw error(.invalidRequestLine, "two spaces after the method; the parts are separated by one")
                }
                state = .version
            } else if byte == HTTPByte.cr || byte == HTTPByte.lf {
                throw error(.invalidVersion, "the request line has no HTTP version (HTTP/0.9 is not served); "
                    + "expected HTTP/1.1 or HTTP/1.0")
            } else {
                targetBytes.append(byte)
            }
        case .version:
            try consumeVersion(byte)
        case .requestLineCR:
            guard byte == HTTPByte.cr else {
                throw error(.invalidVersion, "\(HTTPByte.describe(byte)) after the version; the request line "
                    + "ends with the version and CRLF")
            }
            state = .requestLineLF
        default:
            guard byte == HTTPByte.lf else {
                throw error(.bareCR, "a bare CR after the request line; the line must end in CRLF")
            }
            try finishRequestLine()
            state = .fieldStart
        }
    }

    private mutating func consumeVersion(_ byte: UInt8) throws(HTTPParseError) {
        if versionBytes.isEmpty, byte == HTTPByte.space {
            throw error(.invalidRequestLine, "two spaces before the version; the parts are separated by one")
        }
        let index = versionBytes.count
        let pattern = Self.versionPattern[index]
        let fits = pattern == UInt8(ascii: "0") ? HTTPByte.isDigit(byte) : byte == pattern
        guard fits else {
            throw error(.invalidVersion, "\(HTTPByte.describe(byte)) in the protocol version; expected "
                + "HTTP/<digit>.<digit> (HTTP/1.1 or HTTP/1.0)")
        }
        versionBytes.append(byte)
        guard versionBytes.count == Self.versionPattern.count else { return }
        let parsed = HTTPVersion(
            major: Int(versionBytes[5] - UInt8(ascii: "0")), minor: Int(versionBytes[7] - UInt8(ascii: "0")))
        guard parsed == .http1_1 || parsed == .http1_0 else {
            throw error(.unsupportedVersion, "\(parsed) is not served; use HTTP/1.1 or HTTP/1.0")
        }
        version = parsed
        state = .requestLineCR
    }

    /// Checks the method and the request-target once the whole line is in.
    private mutating func finishRequestLine() throws(HTTPParseError) {
        let method = String(decoding: methodBytes, as: UTF8.self)
        guard HTTPMethod.registered.contains(method) else {
            throw error(.invalidMethod, "'\(method)' is not an HTTP method")
        }
        if let bad = targetBytes.first(where: { $0 <= 0x20 || $0 >= 0x7F }) {
            throw error(.invalidTarget, "\(HTTPByte.describe(bad)) in the request-target; only visible ASCII "
                + "is allowed (percent-encode the rest)")
        }
        let target = String(decoding: targetBytes, as: UTF8.self)
        var pathAndQuery = targetBytes[...]
        if targetBytes.first == UInt8(ascii: "/") {
            // origin-form
        } else if let rest = Self.afterScheme(targetBytes) {
            let authorityEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?")
                || $0 == UInt8(ascii: "#") } ?? rest.endIndex
            guard authorityEnd > rest.startIndex else {
                throw error(.invalidTarget, "the absolute-form target '\(target)' has no host")
            }
            pathAndQuery = rest[authorityEnd...]
        } else if targetBytes == [UInt8(ascii: "*")] {
            throw error(.invalidTarget, "the asterisk-form target '*' is not served; use an origin-form path")
        } else {
            throw error(.invalidTarget, "the target '\(target)' is neither origin-form ('/path?query') nor "
                + "absolute-form ('http://host/path'); authority-form (CONNECT) is not served")
        }
        if let hash = pathAndQuery.firstIndex(of: UInt8(ascii: "#")) {
            pathAndQuery = pathAndQuery[..<hash]
        }
        let question = pathAndQuery.firstIndex(of: UInt8(ascii: "?"))
        let rawPath = pathAndQuery[..<(question ?? pathAndQuery.endIndex)]
        let query = question.map { String(decoding: pathAndQuery[pathAndQuery.index(after: $0)...], as: UTF8.self) }
        let path = try percentDecoded(rawPath.isEmpty ? [UInt8(ascii: "/")] : rawPath, target: target)
        requestLine = (HTTPMethod(method), target, path, query)
    }

    /// The bytes after `http://` or `https://` (scheme compared case-insensitively), or nil.
    private static func afterScheme(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        for scheme in ["http://", "https://"] {
            let prefix = Array(scheme.utf8)
            if bytes.count >= prefix.count, zip(bytes, prefix).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) {
                return bytes[prefix.count...]
            }
        }
        return nil
    }

    private func percentDecoded(_ raw: ArraySlice<UInt8>, target: String) throws(HTTPParseError) -> String {
        guard raw.contains(UInt8(ascii: "%")) else { return String(decoding: raw, as: UTF8.self) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < raw.endIndex,
                    let high = HTTPByte.hexValue(raw[index + 1]), let low = HTTPByte.hexValue(raw[index + 2])
                else {
                    throw error(.invalidTarget, "a '%' not followed by two hex digits in the path of '\(target)'")
                }
                decoded.append(UInt8(high * 16 + low))
                index += 3
            } else {
                decoded.append(byte)
                index += 1
            }
        }
        guard let path = String(validating: decoded, as: UTF8.self) else {
            throw error(.invalidTarget, "the percent-decoded path of '\(target)' is not valid UTF-8")
        }
        return path
    }
}
