import Codec
import RuleEngine
import YAMLKit

/// One case of a rule test file (rule-files.md §7.1): an initial state and its steps.
struct RuleTestCase: Sendable {
    struct Step: Sendable {
        enum Action: Sendable {
            /// The request as written (merged over `base` at run time), repeated `repeatCount` times `everyMs` apart.
            case request(JSONValue, repeatCount: Int, everyMs: Int64, expect: RuleTestExpectation?)
            case posttrade(JSONValue)
            case ops(action: String, body: JSONObject)
            case reload([String])
        }
        var index: Int
        var atMs: Int64
        var action: Action
        var location: SourceLocation
    }

    struct InitialState: Sendable {
        var trading: RuleEngine.TradingState?
        var armed: Bool?
        var positions: [(Symbol, Double, Double, Int64)] = []
        var riskOverrides: [(RiskOverrides.Param, Double)] = []
    }

    var name: String
    var location: SourceLocation
    var state: InitialState?
    var steps: [Step]
}
