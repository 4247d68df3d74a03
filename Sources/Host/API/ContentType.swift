/// The body media types the API accepts (http-api.md §2.1): `application/json` or `application/<anything>+json`,
/// with any parameters, or no `Content-Type` at all.
enum ContentType {
    static let refusal = HTTPError(.unsupportedMediaType, detail: "Unsupported Media Type: expected application/json")

    static func isJSON(_ headers: HTTPHeaders) -> Bool {
        guard let value = headers["Content-Type"] else { return true }
        let type = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingSpaces().lowercased() } ?? ""
        guard type.hasPrefix("application/") else { return false }
        let subtype = type.dropFirst("application/".count)
        return subtype == "json" || (subtype.hasSuffix("+json") && subtype.count > 5)
    }

    /// 415 unless the request's type is JSON.
    static func check(_ headers: HTTPHeaders) throws(HTTPError) {
        if !isJSON(headers) { throw refusal }
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
