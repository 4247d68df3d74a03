import Codec
import Testing
@testable import Host

struct ExchangeErrorCodeTests {
    @Test(arguments: [
        (JSONValue.int(-2019), "EXCHANGE_MARGIN_INSUFFICIENT", "ERROR", "ABORT"),
        (.string(" -1007 "), "EXCHANGE_TIMEOUT", "WARN", "RECONCILE"),
        (.string("-1003"), "EXCHANGE_RATE_LIMIT", "WARN", "RETRY_SOFT"),
        (.string("EXCHANGE_CUSTOM_1"), "EXCHANGE_CUSTOM_1", "WARN", "ABORT"),
        (.string("exchange_lower"), "EXCHANGE_UNKNOWN", "WARN", "ABORT"),
        (.int(-9999), "EXCHANGE_UNKNOWN", "WARN", "ABORT"),
        (.null, "EXCHANGE_UNKNOWN", "WARN", "ABORT"),
    ])
    func errorCodesAreNormalisedAsTheTableSays(raw: JSONValue, code: String, severity: String, action: String) {
        #expect(ExchangeErrorCode.normalize(raw) == ExchangeErrorCode(reasonCode: code, severity: severity, action: action))
    }

    @Test func theRawCodeIsKeptAsAString() {
        #expect(ExchangeErrorCode.exchangeCode(.int(-2019)) == "-2019")
        #expect(ExchangeErrorCode.exchangeCode(.string("E1")) == "E1")
        #expect(ExchangeErrorCode.exchangeCode(nil) == nil)
    }
}

struct SecretMaskTests {
    @Test func secretKeysAreMaskedAtAnyDepthCaseInsensitively() throws {
        let payload = try JSONReader.parse(Array(#"{"API_KEY":"a","n":1,"response":{"info":{"Signature":"s","ok":true}},"list":[{"token":"t"}],"X-OPS-TOKEN":"x"}"#.utf8))
        var writer = JSONWriter()
        writer.write(.object(SecretMask.masked(payload.objectValue!)))
        #expect(String(decoding: writer.bytes, as: UTF8.self)
            == #"{"API_KEY":"****","n":1,"response":{"info":{"Signature":"****","ok":true}},"list":[{"token":"****"}],"X-OPS-TOKEN":"****"}"#)
    }
}

struct DebouncerTests {
    @Test func oneRecordPerWindowAndTheNextCarriesTheSuppressedCount() {
        let debouncer = Debouncer()
        #expect(debouncer.admit("HEALTH.X", windowMs: 100, nowMs: 1_000) == 0)
        #expect(debouncer.admit("HEALTH.X", windowMs: 100, nowMs: 1_050) == nil)
        #expect(debouncer.admit("HEALTH.X", windowMs: 100, nowMs: 1_099) == nil)
        #expect(debouncer.admit("HEALTH.Y", windowMs: 100, nowMs: 1_099) == 0)
        #expect(debouncer.admit("HEALTH.X", windowMs: 100, nowMs: 1_100) == 2)
        #expect(Debouncer.window(for: "HEALTH.LATENCY_HIGH") == 100)
        #expect(Debouncer.window(for: "OPS.AUTH_FAIL") == 1_000)
        #expect(Debouncer.window(for: "RULE.DENY") == nil)
    }
}

struct EventClockTests {
    @Test func stampsNeverRepeatNorGoBack() {
        let clock = EventClock(wall: { 100 })
        #expect([clock.next(), clock.next(), clock.next()] == [100, 101, 102])
        #expect(clock.lastStamp == 102)
    }
}
