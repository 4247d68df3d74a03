import Codec
import Foundation
@testable import Host

/// One request over a fresh loopback connection, framed with `Host` and `Content-Length`.
func exchange(_ port: Int, _ method: String, _ path: String, body: String? = nil,
              contentType: String? = "application/json", headers: [(String, String)] = []) throws -> RawResponse {
    let client = try RawClient(port: port)
    client.send(requestText(method, path, body: body, contentType: contentType, headers: headers))
    guard let response = client.readResponses(1).first else {
        throw RawClient.Failure(description: "no response to \(method) \(path)")
    }
    return response
}

func requestText(_ method: String, _ path: String, body: String? = nil, contentType: String? = "application/json",
                 headers: [(String, String)] = [], close: Bool = false) -> String {
    var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    if let body {
        if let contentType { text += "Content-Type: \(contentType)\r\n" }
        text += "Content-Length: \(body.utf8.count)\r\n"
    }
    for (name, value) in headers { text += "\(name): \(value)\r\n" }
    if close { text += "Connection: close\r\n" }
    return text + "\r\n" + (body ?? "")
}

/// The body parsed as JSON (tests fail on a parse error).
func json(_ response: RawResponse) throws -> JSONValue { try JSONReader.parse(response.body) }

/// A JSON line parsed (the trailing newline is allowed).
func json(line: String) throws -> JSONValue { try JSONReader.parse(Array(line.utf8)) }

/// `value` with every `us` member removed and `decision_id` / `loaded_at` replaced, for comparing exchanges.
func normalized(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let object):
        var out = JSONObject()
        for (key, member) in object where key != "us" {
            out.append(key, ["decision_id", "loaded_at", "fingerprint"].contains(key) ? .string("*") : normalized(member))
        }
        return .object(out)
    case .array(let items): return .array(items.map(normalized))
    default: return value
    }
}

enum Bodies {
    /// http-api.md §4.8 Example 1's request, with `spread` and `req_id` to vary.
    static func pretrade(spread: Double = 2.0, latency: Double = 1.0, reqID: String = "rq-1") -> String {
        """
        {"ts":1767605399998,"req_id":"\(reqID)","account":{"mode":"testnet"},\
        "order":{"symbol":"BTCUSDT","side":"buy","type":"LIMIT","qty":0.01,"price":100000.0,"reduce_only":false,\
        "client_order_id":"ws-000042"},\
        "market":{"latency_ms":\(latency),"spread_bps":\(spread),"score":1.0,"a_bps":0.0,"b_bps":10.0,\
        "slip_bps_est":0.5,"pnl_today_pct":-1.2,"open_positions":1,"quote_ts_ms":1767605399990},"fees_bps":1.0}
        """
    }

    /// http-api.md §5.7's fill.
    static let fill = """
        {"ts":1767605400350,"symbol":"BTCUSDT","side":"buy","qty":0.01,"price":100000.0,"status":"filled",\
        "filled":0.01,"average":100001.5,"order_id":"8389765","client_order_id":"ws-000042",\
        "decision_id":"20260105-090000-1"}
        """

    /// §5.7's reject.
    static let reject = """
        {"symbol":"BTCUSDT","side":"buy","qty":0.01,"order_id":"8389766","error_code":-2019,\
        "error_msg":"Margin is insufficient.","api_key":"k-123"}
        """
}

/// The event lines requests wrote (`src` not `host`: the startup events are left out).
func requestEvents(_ sink: InMemoryEventSink?) -> [String] {
    (sink?.lines(.events) ?? []).filter { !$0.contains(#""src":"host"}"#) }
}
