/// The chunked body (http-api.md §1.3, §1.4 rows 5–6): `1*8HEXDIG [ chunk-ext ] CRLF data CRLF`, ended by a
/// zero-size chunk, optional trailer fields (header rules, head limits) and CRLF. Chunk extensions are
/// `;name[=token|quoted-string]`, checked and ignored.
extension HTTPParser {
    static let maxChunkSizeDigits = 8
    static let maxChunkSizeLineBytes = 1_024

    mutating func consumeChunked(_ byte: UInt8) throws(HTTPParseError) -> Event? {
        switch state {
        case .chunkDataCR:
            guard byte == HTTPByte.cr else {
                throw error(.invalidChunkTerminator, "\(HTTPByte.describe(byte)) after the chunk data; chunk data "
                    + "is followed by exactly CRLF")
            }
            state = .chunkDataLF
            return nil
        case .chunkDataLF:
            guard byte == HTTPByte.lf else {
                throw error(.invalidChunkTerminator, "\(HTTPByte.describe(byte)) after the CR that follows the chunk "
                    + "data; expected LF")
            }
            state = .chunkSize
            chunkDigits = 0
            chunkValue = 0
            chunkLineBytes = 0
            return nil
        default:
            break
        }
        chunkLineBytes += 1
        guard chunkLineBytes <= Self.maxChunkSizeLineBytes else {
            throw error(.chunkSizeLineTooLong, "a chunk-size line over \(Self.maxChunkSizeLineBytes) bytes")
        }
        switch state {
        case .chunkSize:
            try consumeChunkSize(byte)
        case .chunkSizeLF:
            guard byte == HTTPByte.lf else {
                throw error(.bareCR, "a bare CR in the chunk-size line; it ends in CRLF")
            }
            if chunkValue == 0 {
                inTrailers = true
                state = .fieldStart
            } else {
                guard body.count + chunkValue <= limits.maxBodyBytes else {
                    throw error(.bodyTooLarge, "the decoded chunked body exceeds server.max_body_bytes "
                        + "(\(limits.maxBodyBytes))")
                }
                state = .chunkData(remaining: chunkValue)
            }
        default:
            try consumeChunkExtension(byte)
        }
        return nil
    }

    private mutating func consumeChunkSize(_ byte: UInt8) throws(HTTPParseError) {
        if let digit = HTTPByte.hexValue(byte) {
            chunkDigits += 1
            guard chunkDigits <= Self.maxChunkSizeDigits else {
                throw error(.invalidChunkSize, "a chunk size of more than \(Self.maxChunkSizeDigits) hex digits")
            }
            chunkValue = chunkValue * 16 + digit
            return
        }
        guard chunkDigits > 0 else {
            throw error(.invalidChunkSize, "\(HTTPByte.describe(byte)) where a chunk size (1 to 8 hex digits) "
                + "was expected")
        }
        if byte == HTTPByte.semicolon {
            extensionNameBytes = 0
            state = .chunkExtensionName
        } else if byte == HTTPByte.cr {
            state = .chunkSizeLF
        } else {
            throw error(.invalidChunkSize, "\(HTTPByte.describe(byte)) after the chunk size; expected ';' or CRLF")
        }
    }

    private mutating func consumeChunkExtension(_ byte: UInt8) throws(HTTPParseError) {
        switch state {
        case .chunkExtensionName:
            if HTTPByte.isToken(byte) {
                extensionNameBytes += 1
            } else if extensionNameBytes > 0, byte == HTTPByte.semicolon {
                extensionNameBytes = 0
            } else if extensionNameBytes > 0, byte == HTTPByte.equals {
                state = .chunkExtensionValueStart
            } else if extensionNameBytes > 0, byte == HTTPByte.cr {
                state = .chunkSizeLF
            } else {
                throw invalidExtension(byte)
            }
        case .chunkExtensionValueStart:
            if byte == HTTPByte.quote {
                state = .chunkExtensionQuoted
            } else if HTTPByte.isToken(byte) {
                state = .chunkExtensionToken
            } else {
                throw invalidExtension(byte)
            }
        case .chunkExtensionToken, .chunkExtensionAfterQuoted:
            if state == .chunkExtensionToken, HTTPByte.isToken(byte) {
                return
            } else if byte == HTTPByte.semicolon {
                extensionNameBytes = 0
                state = .chunkExtensionName
            } else if byte == HTTPByte.cr {
                state = .chunkSizeLF
            } else {
                throw invalidExtension(byte)
            }
        case .chunkExtensionQuoted:
            if byte == HTTPByte.quote {
                state = .chunkExtensionAfterQuoted
            } else if byte == HTTPByte.backslash {
                state = .chunkExtensionEscape
            } else if !HTTPByte.isQuotedText(byte) {
                throw invalidExtension(byte)
            }
        default:
            guard byte == HTTPByte.tab || (byte >= 0x20 && byte != 0x7F) else { throw invalidExtension(byte) }
            state = .chunkExtensionQuoted
        }
    }

    private func invalidExtension(_ byte: UInt8) -> HTTPParseError {
        error(.invalidChunkExtension, "\(HTTPByte.describe(byte)) in a chunk extension; expected "
            + "';name', ';name=token' or ';name=\"quoted\"'")
    }
}
