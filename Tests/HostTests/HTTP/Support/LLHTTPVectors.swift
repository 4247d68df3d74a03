import Foundation

/// The llhttp request vectors of `../shared/conformance/http/llhttp-requests.json`, read in place.
struct LLHTTPCase: Sendable, CustomStringConvertible {
    let file: String
    let line: Int
    let name: String
    let raw: [UInt8]
    let expect: String
    let llhttpError: String?

    var key: String { "\(file):\(line)" }
    var description: String { "\(key) \(name) [\(expect)]" }
}

enum LLHTTPVectors {
    /// The package root, found from this file's path (Tests/HostTests/HTTP/Support/…).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var fileURL: URL {
        packageRoot.appendingPathComponent("../shared/conformance/http/llhttp-requests.json").standardized
    }

    /// Every case; a missing file is a failure (a checkout without `../shared/` is incomplete), not a skip.
    static let all: [LLHTTPCase] = {
        guard let data = try? Data(contentsOf: fileURL),
            let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        return list.map { item in
            LLHTTPCase(
                file: item["file"] as? String ?? "?", line: item["line"] as? Int ?? 0,
                name: item["name"] as? String ?? "?",
                raw: Array(Data(base64Encoded: item["raw_b64"] as? String ?? "") ?? Data()),
                expect: item["expect"] as? String ?? "?", llhttpError: item["llhttp_error"] as? String)
        }
    }()
}

extension LLHTTPVectors {
    static var filePath: String { fileURL.path }
}
