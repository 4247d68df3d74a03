import Bot
import Codec
import Foundation
import Host
import Wire
import YAMLKit

/// The OPS client behind `aurora ops` (http-api.md §11): where the gate is and which token to present, then one
/// request over an `HTTPTransport` (libcurl in the binary) with the refusals explained in words. The token is never
/// printed, and never taken from the command line.
struct OpsClient {
    struct Failure: Error {
        var message: String
    }

    let baseURL: String
    /// nil when no token is configured: the request goes without `X-OPS-TOKEN` and the gate says 401.
    let token: String?
    let transport: any HTTPTransport
    let timeoutMs: Int

    /// `--url` > env `AURORA_GATE_URL` > `http://` + `server.listen` of the configuration file >
    /// `http://127.0.0.1:8000`; the token from env `AURORA_OPS_TOKEN`, else the file named by `ops.token_file`. The
    /// configuration file is read only when one of the two is still open.
    static func resolve(url: String?, configPath: String?, environment: [String: String], transport: any HTTPTransport,
                        timeoutMs: Int) throws(Failure) -> OpsClient {
        var base = url ?? environment["AURORA_GATE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        var token = environment[OpsToken.Configured.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        if base == nil || token == nil {
            let configuration: HostConfiguration
            do {
                configuration = try HostConfiguration.load(configPath: configPath, environment: environment)
            } catch {
                throw Failure(message: error.rendered)
            }
            if base == nil, case .file? = configuration.origin(of: "server.listen") {
                base = "http://\(configuration.listen)"
            }
            if token == nil, let file = configuration.opsTokenFile {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw Failure(message: "aurora ops: cannot read ops.token_file '\(file)'")
                }
                var text = String(decoding: data, as: UTF8.self)
                while let last = text.last, last == "\n" || last == "\r" || last == " " { text.removeLast() }
                token = text.isEmpty ? nil : text
            }
        }
        var resolved = base ?? Defaults.gateURL
        if !resolved.contains("://") { resolved = "http://" + resolved }
        while resolved.hasSuffix("/") { resolved.removeLast() }
        return OpsClient(baseURL: resolved, token: token, transport: transport, timeoutMs: timeoutMs)
    }

    /// Sends one request; a 2xx answer returns its parsed body, anything else throws the explanation.
    func send(_ method: String, _ path: String, body: JSONValue? = nil) throws(Failure) -> JSONValue {
        try checked(try exchange(method, path, body: body), method: method, path: path)
    }

    /// The parsed body of a 2xx answer; anything else throws the explanation.
    func checked(_ response: HTTPClientResponse, method: String, path: String) throws(Failure) -> JSONValue {
        let parsed = (try? JSONReader.parse(response.body)) ?? .null
        guard (200..<300).contains(response.status) else {
            throw Failure(message: explain(response.status, parsed, method: method, path: path))
        }
        return parsed
    }

    /// Sends one request and returns any HTTP answer; only transport failures throw.
    func exchange(_ method: String, _ path: String, body: JSONValue? = nil) throws(Failure) -> HTTPClientResponse {
        let headers = token.map { [HTTPHeader("X-OPS-TOKEN", $0)] } ?? []
        // A POST always carries a JSON body (`{}` is the same as none, http-api.md §6.4), so that libcurl never
        // labels it as a form.
        let bytes = body?.serialized() ?? (method == "POST" ? Array("{}".utf8) : [])
        let request = HTTPClientRequest(method: method, url: baseURL + path, headers: headers, body: bytes,
                                        timeoutMs: timeoutMs)
        switch transport.send(request) {
        case .success(let response): return response
        case .failure(.timeout):
            throw Failure(message: "aurora ops: \(baseURL) did not answer \(method) \(path) within \(timeoutMs) ms")
        case .failure(.connect):
            throw Failure(message: "aurora ops: cannot connect to \(baseURL): connection refused or unreachable; "
                + "is 'aurora serve' running there? (set --url or AURORA_GATE_URL)")
        case .failure(let other):
            throw Failure(message: "aurora ops: \(method) \(baseURL)\(path) failed: \(other)")
        }
    }

    private func explain(_ status: Int, _ body: JSONValue, method: String, path: String) -> String {
        let detail = body["detail"]
        switch status {
        case 401:
            return "aurora ops: the gate at \(baseURL) refused the request (401): no X-OPS-TOKEN was sent; "
                + "set AURORA_OPS_TOKEN or ops.token_file"
        case 403:
            return "aurora ops: the gate at \(baseURL) refused the request (403 Forbidden): the token is wrong or "
                + "this client's address is not in ops.allowlist"
        case 503 where detail?.stringValue?.hasPrefix("OPS disabled") == true:
            return "aurora ops: OPS is disabled on the gate at \(baseURL) (503): it has no valid token; start "
                + "'aurora serve' with AURORA_OPS_TOKEN or ops.token_file set"
        default:
            let text = detail?.stringValue ?? (detail.map { $0.serializedString } ?? body.serializedString)
            return "aurora ops: \(method) \(path) answered \(status): \(text)"
        }
    }
}
