import Codec

/// The 200 body of `POST /posttrade/log` (http-api.md §5.5): `{"status":"ok","classification":…,"ignored_fields":[…]}`.
public struct PosttradeResponse: Sendable, Hashable {
    public var classification: PosttradeReport.Classification
    public var ignoredFields: [String]

    public init(classification: PosttradeReport.Classification, ignoredFields: [String] = []) {
        self.classification = classification
        self.ignoredFields = ignoredFields
    }

    public init(_ report: PosttradeReport) {
        self.init(classification: report.classification, ignoredFields: report.ignoredFields)
    }

    public func bodyBytes() -> [UInt8] {
        var writer = JSONWriter(capacity: 96)
        writer.beginObject()
        writer.field("status")
        writer.string("ok")
        writer.field("classification")
        writer.string(classification.rawValue)
        writer.field("ignored_fields")
        writer.strings(ignoredFields)
        writer.endObject()
        return writer.bytes
    }

    /// Reads a body as the bot receives it; nil unless it is an object with `status` "ok" and a known
    /// `classification` (`ignored_fields` defaults to empty).
    public static func decode(_ body: some Collection<UInt8>) -> PosttradeResponse? {
        guard let value = try? JSONReader.parse(body), value["status"]?.stringValue == "ok",
            let classification = value["classification"]?.stringValue.flatMap(PosttradeReport.Classification.init)
        else { return nil }
        let ignored = value["ignored_fields"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return PosttradeResponse(classification: classification, ignoredFields: ignored)
    }
}
