import Codec
import Testing
import Wire

@Suite struct CoercionTests {
    @Test(arguments: [
        (JSONValue.int(3), Result<Double, ValidationError.Kind>.success(3)), (.double(0.5), .success(0.5)),
        (" 0.5 ", .success(0.5)), ("-3e2", .success(-300)), ("abc", .failure(.floatParsing)),
        ("nan", .failure(.floatParsing)), ("inf", .failure(.floatParsing)), ("1_000", .failure(.floatParsing)),
        ("+1", .failure(.floatParsing)), ("1e400", .failure(.finiteNumber)), (true, .failure(.floatType)),
        (.array([1]), .failure(.floatType)), (.object(["a": 1]), .failure(.floatType)), ("", .failure(.floatParsing)),
    ])
    func numbers(_ value: JSONValue, _ expected: Result<Double, ValidationError.Kind>) {
        #expect(Coercion.double(value) == expected)
    }

    @Test(arguments: [
        (JSONValue.int(3), Result<Int64, ValidationError.Kind>.success(3)), (.double(3.0), .success(3)),
        ("42", .success(42)), ("-7", .success(-7)), (.double(0.5), .failure(.intFromFloat)),
        ("4.0", .failure(.intParsing)), ("x", .failure(.intParsing)), (false, .failure(.intType)),
        (.array([]), .failure(.intType)), (.int(9_007_199_254_740_993), .failure(.intParsingSize)),
        (.int(9_007_199_254_740_992), .success(9_007_199_254_740_992)), ("99999999999999999999", .failure(.intParsingSize)),
        (.double(1e300), .failure(.intParsingSize)), (.double(.infinity), .failure(.finiteNumber)),
    ])
    func integers(_ value: JSONValue, _ expected: Result<Int64, ValidationError.Kind>) {
        #expect(Coercion.int(value) == expected)
    }

    @Test(arguments: [
        (JSONValue.bool(true), Result<Bool, ValidationError.Kind>.success(true)), (.int(0), .success(false)),
        (.int(1), .success(true)), ("YES", .success(true)), ("off", .success(false)), ("t", .success(true)),
        ("N", .success(false)), ("maybe", .failure(.boolParsing)), (.int(2), .failure(.boolType)),
        (.double(1.0), .failure(.boolType)), (nil, .failure(.boolType)),
    ])
    func booleans(_ value: JSONValue, _ expected: Result<Bool, ValidationError.Kind>) {
        #expect(Coercion.bool(value) == expected)
    }
}
