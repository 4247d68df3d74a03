import Codec
import Testing
import Wire

@Suite struct ErrorBodyTests {
    @Test func stringDetailsAreWrittenExactly() {
        #expect(String(decoding: ErrorBody.notFound.bodyBytes(), as: UTF8.self) == #"{"detail":"Not Found"}"#)
        #expect(
            String(decoding: ErrorBody.unsupportedMediaType.bodyBytes(), as: UTF8.self)
                == #"{"detail":"Unsupported Media Type: expected application/json"}"#)
        #expect(
            String(decoding: ErrorBody.message("say \"hi\"").bodyBytes(), as: UTF8.self) == #"{"detail":"say \"hi\""}"#)
    }

    @Test func validationDetailsRoundTrip() throws {
        let errors = ValidationErrors([
            ValidationError(.outOfRange(.ge(0)), at: ["body", "order", "qty"], input: -1),
            ValidationError.missing(at: ["body", "market"], in: ["order": [:]]),
        ])
        let bytes = ErrorBody.validation(errors).bodyBytes()
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == #"{"detail":[{"type":"greater_than_equal","loc":["body","order","qty"],"msg":"Input should be greater than or equal to 0","input":-1,"ctx":{"ge":0}},{"type":"missing","loc":["body","market"],"msg":"Field required","input":{"order":{}}}]}"#
        )
        #expect(ErrorBody.decode(bytes) == .validation(errors))
        #expect(ErrorBody.decode(Array(#"{"detail":"Forbidden"}"#.utf8)) == .forbidden)
        #expect(ErrorBody.decode(Array(#"{"nope":1}"#.utf8)) == nil)
    }

    @Test func atMostOneHundredItemsAreEncoded() throws {
        var errors = ValidationErrors()
        for index in 0..<150 { errors.append(ValidationError(.floatType, at: ["body", .int(Int64(index))], input: nil)) }
        let decoded = try #require(ErrorBody.decode(errors.bodyBytes()))
        guard case .validation(let items) = decoded else {
            Issue.record("expected a list detail")
            return
        }
        #expect(items.count == 100)
        #expect(errors.count == 150)
    }

    @Test(arguments: [
        (NumberBound.gt(0.5), "Input should be greater than 0.5", JSONValue.double(0.5)),
        (.le(100), "Input should be less than or equal to 100", .int(100)),
        (.ge(1e12), "Input should be greater than or equal to 1000000000000", .int(1_000_000_000_000)),
    ])
    func rangeBoundsAreIntegersWhenIntegral(_ bound: NumberBound, _ msg: String, _ ctxValue: JSONValue) {
        let kind = ValidationError.Kind.outOfRange(bound)
        #expect(kind.msg == msg)
        #expect(kind.ctx?.map(\.value) == [ctxValue])
    }
}
