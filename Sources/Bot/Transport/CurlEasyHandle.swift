import CCurl

/// One libcurl easy handle, reused across calls to keep the connection alive, and the header list of the request
/// in flight: they live and die together (`deinit` frees both). Not thread-safe: the owner serialises calls.
final class CurlEasyHandle {
    /// Collects one response; `curl` calls the callbacks below with a pointer to it.
    final class Response {
        var body: [UInt8] = []
        var headers: [HTTPHeader] = []
        let limit: Int
        var overflowed = false

        init(limit: Int) {
            self.limit = limit
            body.reserveCapacity(min(limit, 16_384))
        }
    }

    private static let globalInit: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    private let handle: UnsafeMutableRawPointer
    private var headerList: CurlHeaderList?

    init?() {
        guard Self.globalInit, let handle = curl_easy_init() else { return nil }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Performs `request`; `limit` caps the response body.
    func perform(_ request: HTTPClientRequest, limit: Int) -> Result<HTTPClientResponse, HTTPTransportError> {
        let response = Response(limit: limit)
        var lines = request.headers.map { "\($0.name): \($0.value)" }
        lines.append("Accept: application/json")
        if !request.body.isEmpty { lines.append("Content-Type: application/json") }
        lines.append("Expect:")
        let list = CurlHeaderList(lines)
        headerList = list

        _ = aurora_curl_setopt_string(handle, CURLOPT_URL, request.url)
        _ = aurora_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = aurora_curl_setopt_long(handle, CURLOPT_TCP_NODELAY, 1)
        _ = aurora_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, max(1, request.timeoutMs))
        _ = aurora_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, max(1, request.timeoutMs))
        _ = aurora_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        _ = aurora_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, list.pointer)
        _ = aurora_curl_setopt_pointer(handle, CURLOPT_CUSTOMREQUEST, nil)
        _ = aurora_curl_setopt_long(handle, CURLOPT_HTTPGET, 1)
        switch request.method {
        case "GET":
            break
        case "POST":
            _ = aurora_curl_setopt_long(handle, CURLOPT_POST, 1)
            setBody(request.body)
        default:
            _ = aurora_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
            if !request.body.isEmpty || request.method == "DELETE" || request.method == "PUT" {
                _ = aurora_curl_setopt_long(handle, CURLOPT_POST, 1)
                setBody(request.body)
            }
        }
        let context = Unmanaged.passUnretained(response).toOpaque()
        _ = aurora_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = aurora_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        _ = aurora_curl_setopt_write_callback(handle) { data, size, count, user in
            let total = size * count
            guard let data, let user else { return total }
            let response = Unmanaged<CurlEasyHandle.Response>.fromOpaque(user).takeUnretainedValue()
            guard response.body.count + total <= response.limit else {
                response.overflowed = true
                return 0
            }
            data.withMemoryRebound(to: UInt8.self, capacity: total) {
                response.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: total))
            }
            return total
        }
        _ = aurora_curl_setopt_header_callback(handle) { data, size, count, user in
            let total = size * count
            guard let data, let user else { return total }
            let response = Unmanaged<CurlEasyHandle.Response>.fromOpaque(user).takeUnretainedValue()
            let line = data.withMemoryRebound(to: UInt8.self, capacity: total) {
                String(decoding: UnsafeBufferPointer(start: $0, count: total), as: UTF8.self)
            }
            if line.hasPrefix("HTTP/") {
                response.headers.removeAll()
            } else if let colon = line.firstIndex(of: ":") {
                let name = String(line[..<colon])
                let value = String(line[line.index(after: colon)...]).trimmedASCII
                response.headers.append(HTTPHeader(name, value))
            }
            return total
        }
        let code = curl_easy_perform(handle)
        _ = aurora_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, nil)
        _ = aurora_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, nil)
        if response.overflowed { return .failure(.responseTooLarge(limit: limit)) }
        guard code == CURLE_OK else { return .failure(Self.error(for: code)) }
        var status = 0
        _ = aurora_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPClientResponse(status: status, headers: response.headers, body: response.body))
    }

    private func setBody(_ body: [UInt8]) {
        _ = aurora_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, body.count)
        // COPYPOSTFIELDS copies POSTFIELDSIZE bytes, so the buffer need not outlive this call.
        let bytes = body.isEmpty ? [0] : body
        bytes.withUnsafeBytes { raw in
            _ = aurora_curl_setopt_pointer(
                handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
        }
    }

    private static func error(for code: CURLcode) -> HTTPTransportError {
        let message = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_RECV_ERROR,
            CURLE_SEND_ERROR, CURLE_GOT_NOTHING:
            return .connect(message)
        default:
            return .other(message)
        }
    }
}
