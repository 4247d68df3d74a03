import Glibc
public import Wire

/// The gate's answer as the bot obeys it (bot.md §7): a real decision, or the synthetic one an error stands for.
public struct GateResult: Sendable, Hashable {
    public var decision: PretradeResponse.Decision
    /// `timeout`, `connect`, `http_<status>` or `malformed` when the call failed.
    public var errorKind: String?
    /// Round trip on the monotonic clock, ms.
    public var rttMs: Double
}

/// The fail-closed gate client: `POST /pretrade/check`, `POST /posttrade/log`, `GET /health` over an
/// `HTTPTransport`. A timeout, refused connection, non-2xx status or malformed body is a hard deny
/// (`gate_unavailable:<kind>`), or with `allowOnError` (paper only) an allow of the requested quantity
/// (`gate_error_allowed:<kind>`).
public final class GateClient {
    public let baseURL: String
    let transport: any HTTPTransport
    let timeoutMs: Int
    let posttradeTimeoutMs: Int
    let allowOnError: Bool
    private let warn: (String) -> Void
    private var printed422 = false
    private var printedIgnored = false
    /// Every pretrade round trip, ms.
    public private(set) var roundTrips: [Double] = []

    public init(
        baseURL: String, transport: any HTTPTransport, timeoutMs: Int, posttradeTimeoutMs: Int,
        allowOnError: Bool = false, warn: @escaping (String) -> Void = { _ in }
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.transport = transport
        self.timeoutMs = timeoutMs
        self.posttradeTimeoutMs = posttradeTimeoutMs
        self.allowOnError = allowOnError
        self.warn = warn
    }

    /// One pretrade call for an order of `requestedQty`.
    public func check(body: [UInt8], requestedQty: Double) -> GateResult {
        let started = MonotonicClock.nowNs()
        let result = transport.send(
            HTTPClientRequest(method: "POST", url: baseURL + "/pretrade/check", body: body, timeoutMs: timeoutMs))
        let rtt = Double(MonotonicClock.nowNs() - started) / 1e6
        roundTrips.append(rtt)
        let kind: String
        switch result {
        case .success(let response) where (200..<300).contains(response.status):
            if let decision = PretradeResponse.Decision.decode(response.body) {
                return GateResult(decision: decision, errorKind: nil, rttMs: rtt)
            }
            kind = "malformed"
        case .success(let response):
            kind = "http_\(response.status)"
            if response.status == 422, !printed422 {
                printed422 = true
                warn("WiseScalp: the gate refused a request (422): \(String(decoding: response.body, as: UTF8.self))")
            }
        case .failure(.timeout):
            kind = "timeout"
        case .failure(.responseTooLarge):
            kind = "malformed"
        case .failure:
            kind = "connect"
        }
        let decision: PretradeResponse.Decision
        if allowOnError {
            decision = .init(allow: true, maxQty: requestedQty, reason: "gate_error_allowed:\(kind)")
        } else {
            decision = .init(allow: false, maxQty: 0, reason: "gate_unavailable:\(kind)", hardGate: true)
        }
        return GateResult(decision: decision, errorKind: kind, rttMs: rtt)
    }

    /// One posttrade call; true on a 2xx answer. A 200 with `ignored_fields` is printed once on stderr.
    public func posttrade(body: [UInt8]) -> Bool {
        let result = transport.send(
            HTTPClientRequest(
                method: "POST", url: baseURL + "/posttrade/log", body: body,
                timeoutMs: posttradeTimeoutMs))
        guard case .success(let response) = result, (200..<300).contains(response.status) else { return false }
        if let answer = PosttradeResponse.decode(response.body), !answer.ignoredFields.isEmpty, !printedIgnored {
            printedIgnored = true
            warn(
                "WiseScalp: the gate ignored posttrade fields \(answer.ignoredFields.joined(separator: ", ")) (a bot bug)"
            )
        }
        return true
    }

    /// `GET /health` with a 1 s timeout; true on 2xx.
    public func health() -> Bool {
        let result = transport.send(HTTPClientRequest(method: "GET", url: baseURL + "/health", timeoutMs: 1000))
        if case .success(let response) = result { return (200..<300).contains(response.status) }
        return false
    }
}

/// CLOCK_MONOTONIC in nanoseconds.
enum MonotonicClock {
    static func nowNs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}

/// CLOCK_REALTIME in milliseconds.
enum WallClock {
    static func nowMs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}
