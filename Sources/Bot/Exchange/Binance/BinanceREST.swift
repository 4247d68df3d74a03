import Codec

/// Binance REST over an `HTTPTransport`: public GETs, signed requests (bot.md §8.2: parameters in order,
/// `recvWindow` and `timestamp` last, HMAC-SHA256 of the exact query string, `X-MBX-APIKEY`), the clock offset and
/// the 429/418 pause. Keys are held here only and never appear in an error or a log line.
final class BinanceREST {
    let baseURL: String
    let endpoints: BinanceEndpoints
    let transport: any HTTPTransport
    let timeoutMs: Int
    let recvWindowMs: Int
    private let apiKey: String
    private let apiSecret: [UInt8]
    /// `serverTime − local wall ms`.
    private(set) var offsetMs: Int64 = 0
    private var pausedUntilNs: Int64 = 0
    /// Requests refused locally while paused by a 429/418.
    private(set) var pausedRequests = 0
    /// Round trip of the last request, ms.
    private(set) var lastRoundTripMs = 0.0

    init(
        baseURL: String, market: BotConfiguration.Market, transport: any HTTPTransport, timeoutMs: Int,
        recvWindowMs: Int, apiKey: String, apiSecret: String
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        endpoints = BinanceEndpoints(market: market)
        self.transport = transport
        self.timeoutMs = timeoutMs
        self.recvWindowMs = recvWindowMs
        self.apiKey = apiKey
        self.apiSecret = Array(apiSecret.utf8)
    }

    var hasKeys: Bool { !apiKey.isEmpty && !apiSecret.isEmpty }

    /// `k=v&k=v`, values percent-encoded per RFC 3986 (unreserved characters left as is).
    static func query(_ params: [(String, String)]) -> String {
        params.map { "\($0.0)=\(percentEncoded($0.1))" }.joined(separator: "&")
    }

    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + Hex.encode([byte]).uppercased()
            }
        }
        return out
    }

    /// Lower-case hex HMAC-SHA256 of `query` with `secret`.
    static func signature(_ query: String, secret: [UInt8]) -> String {
        Hex.encode(HMACSHA256.authenticate(Array(query.utf8), key: secret))
    }

    /// The signed query for `params` at wall time `nowMs` (+ offset): `params&recvWindow=…&timestamp=…`, and its
    /// signature.
    func signedQuery(_ params: [(String, String)], nowMs: Int64) -> (query: String, signature: String) {
        var all = params
        all.append(("recvWindow", String(recvWindowMs)))
        all.append(("timestamp", String(nowMs + offsetMs)))
        let query = Self.query(all)
        return (query, Self.signature(query, secret: apiSecret))
    }

    func get(_ path: String, _ params: [(String, String)] = []) -> Result<JSONValue, ExchangeError> {
        let query = Self.query(params)
        return perform("GET", baseURL + path + (query.isEmpty ? "" : "?" + query), headers: [])
    }

    func signed(_ method: String, _ path: String, _ params: [(String, String)]) -> Result<JSONValue, ExchangeError> {
        let (query, signature) = signedQuery(params, nowMs: WallClock.nowMs())
        return perform(
            method, baseURL + path + "?" + query + "&signature=" + signature,
            headers: [HTTPHeader("X-MBX-APIKEY", apiKey)])
    }

    /// `GET time`: `offset = serverTime − (t_send + t_receive)/2`.
    @discardableResult
    func syncTime() -> Bool {
        let sent = WallClock.nowMs()
        guard case .success(let body) = get(endpoints.time), let server = body["serverTime"]?.intValue else {
            return false
        }
        let received = WallClock.nowMs()
        offsetMs = server - (sent + received) / 2
        return true
    }

    private func perform(_ method: String, _ url: String, headers: [HTTPHeader]) -> Result<JSONValue, ExchangeError> {
        if MonotonicClock.nowNs() < pausedUntilNs {
            pausedRequests += 1
            return .failure(ExchangeError(code: "HTTP_429", message: "requests paused after a rate limit"))
        }
        let started = MonotonicClock.nowNs()
        let result = transport.send(HTTPClientRequest(method: method, url: url, headers: headers, timeoutMs: timeoutMs))
        lastRoundTripMs = Double(MonotonicClock.nowNs() - started) / 1e6
        switch result {
        case .failure(.timeout):
            return .failure(ExchangeError(code: "TIMEOUT", message: "no answer within \(timeoutMs) ms"))
        case .failure(.connect(let message)):
            return .failure(ExchangeError(code: "CONNECT", message: message))
        case .failure(let other):
            return .failure(ExchangeError(code: "CONNECT", message: other.description))
        case .success(let response):
            if response.status == 429 || response.status == 418 {
                let seconds = response.header("Retry-After").flatMap { Int64($0.trimmedASCII) } ?? 60
                pausedUntilNs = MonotonicClock.nowNs() + seconds * 1_000_000_000
                return .failure(
                    ExchangeError(code: "HTTP_\(response.status)", message: "rate limited for \(seconds) s"))
            }
            let body = try? JSONReader.parse(response.body)
            if (200..<300).contains(response.status) {
                guard let body else { return .failure(ExchangeError(code: "MALFORMED", message: "invalid JSON body")) }
                return .success(body)
            }
            if let code = body?["code"]?.intValue {
                return .failure(ExchangeError(code: String(code), message: body?["msg"]?.stringValue ?? ""))
            }
            return .failure(ExchangeError(code: "HTTP_\(response.status)", message: "HTTP \(response.status)"))
        }
    }
}

extension JSONValue {
    /// A number or a decimal string, as Binance sends them.
    var decimal: Double? { ReplayParser.number(self) }
}
