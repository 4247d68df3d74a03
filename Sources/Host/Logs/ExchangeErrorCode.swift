import Codec

/// The normalisation of a failed report's `error_code` (observability.md §5.4).
struct ExchangeErrorCode: Sendable, Hashable {
    var reasonCode: String
    var severity: String
    var action: String

    private static let binance: [Int64: ExchangeErrorCode] = [
        -1001: .init(reasonCode: "EXCHANGE_DISCONNECTED", severity: "WARN", action: "RETRY_SOFT"),
        -1003: .init(reasonCode: "EXCHANGE_RATE_LIMIT", severity: "WARN", action: "RETRY_SOFT"),
        -1007: .init(reasonCode: "EXCHANGE_TIMEOUT", severity: "WARN", action: "RECONCILE"),
        -1013: .init(reasonCode: "EXCHANGE_FILTER_PRICE", severity: "WARN", action: "ABORT"),
        -1015: .init(reasonCode: "EXCHANGE_RATE_LIMIT", severity: "WARN", action: "RETRY_SOFT"),
        -1021: .init(reasonCode: "EXCHANGE_TIMESTAMP", severity: "WARN", action: "RETRY_SOFT"),
        -1022: .init(reasonCode: "EXCHANGE_AUTH", severity: "ERROR", action: "ABORT"),
        -1111: .init(reasonCode: "EXCHANGE_BAD_PRECISION", severity: "WARN", action: "ABORT"),
        -1121: .init(reasonCode: "EXCHANGE_BAD_SYMBOL", severity: "ERROR", action: "ABORT"),
        -2010: .init(reasonCode: "EXCHANGE_INSUFFICIENT_BALANCE", severity: "ERROR", action: "ABORT"),
        -2011: .init(reasonCode: "EXCHANGE_CANCEL_REJECTED", severity: "WARN", action: "ABORT"),
        -2013: .init(reasonCode: "EXCHANGE_ORDER_NOT_FOUND", severity: "WARN", action: "ABORT"),
        -2014: .init(reasonCode: "EXCHANGE_AUTH", severity: "ERROR", action: "ABORT"),
        -2015: .init(reasonCode: "EXCHANGE_AUTH", severity: "ERROR", action: "ABORT"),
        -2019: .init(reasonCode: "EXCHANGE_MARGIN_INSUFFICIENT", severity: "ERROR", action: "ABORT"),
        -2021: .init(reasonCode: "EXCHANGE_WOULD_TRIGGER", severity: "WARN", action: "ABORT"),
        -2022: .init(reasonCode: "EXCHANGE_REDUCE_ONLY_REJECT", severity: "WARN", action: "ABORT"),
        -4003: .init(reasonCode: "EXCHANGE_QTY_INVALID", severity: "WARN", action: "ABORT"),
        -4131: .init(reasonCode: "EXCHANGE_FILTER_PRICE", severity: "WARN", action: "ABORT"),
        -4164: .init(reasonCode: "EXCHANGE_NOTIONAL_MIN", severity: "WARN", action: "ABORT"),
        -5022: .init(reasonCode: "EXCHANGE_POST_ONLY_REJECT", severity: "WARN", action: "RETRY_SOFT"),
    ]

    static let unknown = ExchangeErrorCode(reasonCode: "EXCHANGE_UNKNOWN", severity: "WARN", action: "ABORT")

    /// The normalised code of a raw `error_code` (a number, a string, or absent).
    static func normalize(_ raw: JSONValue?) -> ExchangeErrorCode {
        guard let raw else { return .unknown }
        var integer: Int64?
        switch raw {
        case .int(let i): integer = i
        case .double(let d) where d == d.rounded() && abs(d) < 1e15: integer = Int64(d)
        case .string(let s):
            let text = s.trimmingCharacters()
            if isInteger(text) { integer = Int64(text) }
            else if isSelfNormalised(text) { return ExchangeErrorCode(reasonCode: text, severity: "WARN", action: "ABORT") }
        default: break
        }
        return integer.flatMap { binance[$0] } ?? .unknown
    }

    /// The raw `error_code` as a string (integers in decimal); nil when absent or `null`.
    static func exchangeCode(_ raw: JSONValue?) -> String? {
        switch raw {
        case .int(let i)?: String(i)
        case .double(let d)? where d == d.rounded() && abs(d) < 1e15: String(Int64(d))
        case .double(let d)?: "\(d)"
        case .string(let s)?: s
        case .bool(let b)?: String(b)
        default: nil
        }
    }

    private static func isInteger(_ s: String) -> Bool {
        let digits = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        return !digits.isEmpty && digits.count <= 18 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `EXCHANGE_[A-Z0-9_]{1,48}`.
    private static func isSelfNormalised(_ s: String) -> Bool {
        guard s.hasPrefix("EXCHANGE_") else { return false }
        let rest = s.dropFirst("EXCHANGE_".count)
        return (1...48).contains(rest.count)
            && rest.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}

extension String {
    /// Trims ASCII spaces, tabs, CR and LF.
    fileprivate func trimmingCharacters() -> String {
        let bytes = Array(utf8)
        var start = 0
        var end = bytes.count
        while start < end, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        while end > start, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
