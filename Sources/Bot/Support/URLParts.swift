/// The pieces of an absolute URL the bot checks and keys on: `http://127.0.0.1:8000/x` → scheme `http`, authority
/// `127.0.0.1:8000`, host `127.0.0.1`, path `/x`. No percent-decoding; good enough for configured base URLs.
struct URLParts: Sendable, Hashable {
    var scheme: String
    var authority: String
    var host: String
    var path: String

    init(_ url: String) {
        let bytes = Array(url.utf8)
        var index = 0
        var scheme = ""
        if let colon = Self.find(Array("://".utf8), in: bytes) {
            scheme = String(decoding: bytes[0..<colon], as: UTF8.self).lowercased()
            index = colon + 3
        }
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?") { end += 1 }
        let authority = String(decoding: bytes[index..<end], as: UTF8.self)
        self.scheme = scheme
        self.authority = authority
        self.path = String(decoding: bytes[end...], as: UTF8.self)
        var hostPart = authority
        if let at = hostPart.lastIndex(of: "@") { hostPart = String(hostPart[hostPart.index(after: at)...]) }
        if hostPart.hasPrefix("["), let close = hostPart.firstIndex(of: "]") {
            self.host = String(hostPart[hostPart.index(after: hostPart.startIndex)..<close])
        } else if let colon = hostPart.lastIndex(of: ":") {
            self.host = String(hostPart[..<colon])
        } else {
            self.host = hostPart
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<start + needle.count]) == needle {
            return start
        }
        return nil
    }
}
