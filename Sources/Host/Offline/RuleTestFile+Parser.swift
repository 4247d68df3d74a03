import Codec
import RuleEngine
import YAMLKit

extension RuleTestFile {
    /// Reads the parts of a test file, collecting every problem.
    struct Parser {
        var diagnostics: Diagnostics

        mutating func error(_ code: DiagnosticCode, _ message: String, _ node: YAMLNode, notes: [String] = []) {
            diagnostics.append(Diagnostic(.error, code, message, at: node.location, length: node.length, notes: notes))
        }

        mutating func missing(_ key: String, _ place: String, _ at: SourceLocation) {
            diagnostics.append(Diagnostic(.error, .missingKey, "missing required key '\(key)' in \(place)", at: at))
        }

        mutating func unknownKeys(_ mapping: YAMLNode.Mapping, valid: [String], place: String) {
            for entry in mapping.entries where !valid.contains(entry.key.text) {
                var notes: [String] = []
                if let s = DidYouMean.suggestion(for: entry.key.text, among: valid) { notes.append("did you mean '\(s)'?") }
                notes.append("valid keys: \(valid.sorted().joined(separator: ", "))")
                diagnostics.append(Diagnostic(.error, .unknownKey, "unknown key '\(entry.key.text)' in \(place)",
                                              at: entry.key.location, length: entry.key.length, notes: notes))
            }
        }

        mutating func integer(_ node: YAMLNode, _ key: String) -> Int64? {
            if let s = node.scalar, case .integer(let i) = s.resolved { return i }
            diagnostics.append(LoaderLike.typeMismatch(key, "an integer", node))
            return nil
        }

        mutating func number(_ node: YAMLNode, _ key: String) -> Double? {
            if let s = node.scalar {
                switch s.resolved {
                case .integer(let i): return Double(i)
                case .number(let d): return d
                default: break
                }
            }
            diagnostics.append(LoaderLike.typeMismatch(key, "a number", node))
            return nil
        }

        mutating func bool(_ node: YAMLNode, _ key: String) -> Bool? {
            if let s = node.scalar, case .bool(let b) = s.resolved { return b }
            diagnostics.append(LoaderLike.typeMismatch(key, "true or false", node))
            return nil
        }

        mutating func string(_ node: YAMLNode, _ key: String) -> String? {
            if let s = node.scalar, case .string(let text) = s.resolved { return text }
            diagnostics.append(LoaderLike.typeMismatch(key, "a string", node))
            return nil
        }

        mutating func strings(_ node: YAMLNode, _ key: String) -> [String]? {
            guard let list = node.sequence else {
                diagnostics.append(LoaderLike.typeMismatch(key, "a list", node))
                return nil
            }
            var out: [String] = []
            for item in list.items {
                guard let s = string(item, key) else { return nil }
                out.append(s)
            }
            return out
        }

        /// A path or a list of paths.
        mutating func paths(_ node: YAMLNode, _ key: String) -> [String] {
            if let s = node.scalar, case .string(let text) = s.resolved { return [text] }
            let list = strings(node, key) ?? []
            if list.isEmpty, node.sequence != nil { diagnostics.append(LoaderLike.typeMismatch(key, "a non-empty list", node)) }
            return list
        }

        mutating func testCase(_ m: YAMLNode.Mapping, resolve: (String) -> String,
                               reloadSets: inout [[String]]) -> RuleTestCase? {
            unknownKeys(m, valid: RuleTestFile.caseKeys, place: "a test case")
            let before = diagnostics.errorCount
            var name = ""
            if let node = m["name"] { name = string(node, "name") ?? "" } else { missing("name", "a test case", m.location) }
            var state: RuleTestCase.InitialState?
            if let node = m["state"], !node.isNull { state = initialState(node) }
            var steps: [RuleTestCase.Step] = []
            if let request = m["request"] {
                if m["steps"] != nil { error(.invalidValue, "a test case has either 'request' or 'steps', not both", request) }
                RequestTemplate.checkFields(request, diagnostics: &diagnostics)
                let expect = m["expect"].flatMap { expectation($0) }
                steps = [RuleTestCase.Step(index: 1, atMs: 0,
                                           action: .request(RequestTemplate.json(request), repeatCount: 1, everyMs: 0,
                                                            expect: expect), location: request.location)]
            } else if let node = m["steps"] {
                if let e = m["expect"] { error(.invalidValue, "'expect' belongs to a request step, not to a case with 'steps'", e) }
                guard let list = node.sequence, !list.items.isEmpty else {
                    diagnostics.append(LoaderLike.typeMismatch("steps", "a non-empty list", node))
                    return nil
                }
                var lastAt: Int64 = 0
                for (i, item) in list.items.enumerated() {
                    guard let sm = item.mapping else {
                        diagnostics.append(LoaderLike.typeMismatch("steps", "a list of mappings", item))
                        continue
                    }
                    if let step = step(sm, index: i + 1, resolve: resolve, reloadSets: &reloadSets) {
                        if step.atMs < lastAt {
                            error(.outOfRange, "'at_ms' must not be earlier than the previous step (\(lastAt)), got \(step.atMs)",
                                  sm["at_ms"] ?? item)
                        }
                        if case .request(_, let count, let every, _) = step.action {
                            lastAt = step.atMs + Int64(count - 1) * every
                        } else {
                            lastAt = step.atMs
                        }
                        steps.append(step)
                    }
                }
            } else {
                diagnostics.append(Diagnostic(.error, .missingKey, "missing required key 'request' or 'steps' in test case '\(name)'",
                                              at: m.location))
            }
            guard diagnostics.errorCount == before else { return nil }
            return RuleTestCase(name: name, location: m.location, state: state, steps: steps)
        }

        mutating func step(_ m: YAMLNode.Mapping, index: Int, resolve: (String) -> String,
                           reloadSets: inout [[String]]) -> RuleTestCase.Step? {
            unknownKeys(m, valid: RuleTestFile.stepKeys, place: "a step")
            let actions = ["request", "posttrade", "ops", "reload"].filter { m[$0] != nil }
            guard let atNode = m["at_ms"] else {
                missing("at_ms", "a step", m.location)
                return nil
            }
            guard let at = integer(atNode, "at_ms") else { return nil }
            if at < 0 { error(.outOfRange, "'at_ms' must be ≥ 0, got \(at)", atNode) }
            guard actions.count == 1, let kind = actions.first, let node = m[kind] else {
                diagnostics.append(Diagnostic(.error, .invalidValue,
                    "a step has exactly one of 'request', 'posttrade', 'ops', 'reload', got \(actions.isEmpty ? "none" : actions.joined(separator: ", "))",
                    at: m.location))
                return nil
            }
            if kind != "request" {
                for key in ["repeat", "every_ms", "expect"] where m[key] != nil {
                    error(.invalidValue, "'\(key)' belongs to a request step", m[key]!)
                }
            }
            switch kind {
            case "request":
                RequestTemplate.checkFields(node, diagnostics: &diagnostics)
                var count: Int64 = 1
                if let r = m["repeat"] {
                    count = integer(r, "repeat") ?? 1
                    if count < 1 { error(.outOfRange, "'repeat' must be ≥ 1, got \(count)", r) }
                }
                var every: Int64 = 0
                if let e = m["every_ms"] {
                    every = integer(e, "every_ms") ?? 0
                    if every < 0 { error(.outOfRange, "'every_ms' must be ≥ 0, got \(every)", e) }
                } else if count > 1 {
                    missing("every_ms", "a step with repeat > 1", m.location)
                }
                let expect = m["expect"].flatMap { expectation($0) }
                return .init(index: index, atMs: at, action: .request(RequestTemplate.json(node), repeatCount: Int(max(1, count)),
                                                                      everyMs: every, expect: expect), location: m.location)
            case "posttrade":
                guard node.mapping != nil else {
                    diagnostics.append(LoaderLike.typeMismatch("posttrade", "a mapping", node))
                    return nil
                }
                return .init(index: index, atMs: at, action: .posttrade(RequestTemplate.json(node)), location: m.location)
            case "ops":
                guard let (action, body) = ops(node) else { return nil }
                return .init(index: index, atMs: at, action: .ops(action: action, body: body), location: m.location)
            default:
                let files = paths(node, "reload").map(resolve)
                reloadSets.append(files)
                return .init(index: index, atMs: at, action: .reload(files), location: m.location)
            }
        }

        /// `reset`, `arm`, `disarm`, `halt`, `reduce`, `{resume: …}`, `{cooloff_s: n}`, `{risk_set: {…}}`.
        mutating func ops(_ node: YAMLNode) -> (String, JSONObject)? {
            let simple = ["reset", "arm", "disarm", "halt", "reduce"]
            if let s = node.scalar, case .string(let text) = s.resolved {
                guard simple.contains(text) else {
                    var notes: [String] = []
                    if let sug = DidYouMean.suggestion(for: text, among: simple + ["resume", "cooloff_s", "risk_set"]) {
                        notes.append("did you mean '\(sug)'?")
                    }
                    error(.invalidValue, "'ops' must be one of reset, arm, disarm, halt, reduce, {resume: …}, {cooloff_s: …}, {risk_set: …}, got '\(text)'",
                          node, notes: notes)
                    return nil
                }
                return (text, JSONObject())
            }
            guard let m = node.mapping, m.entries.count == 1, let entry = m.entries.first else {
                diagnostics.append(LoaderLike.typeMismatch("ops", "an action name or a mapping with one action", node))
                return nil
            }
            switch entry.key.text {
            case "resume":
                if let s = entry.value.scalar, case .string(let reason) = s.resolved {
                    return ("resume", JSONObject([("reason", .string(reason))]))
                }
                guard let body = entry.value.mapping else {
                    diagnostics.append(LoaderLike.typeMismatch("resume", "a reason or {reason, to}", entry.value))
                    return nil
                }
                unknownKeys(body, valid: ["reason", "to"], place: "ops resume")
                return ("resume", RequestTemplate.json(entry.value).objectValue ?? JSONObject())
            case "cooloff_s":
                guard let sec = integer(entry.value, "cooloff_s") else { return nil }
                return ("cooloff", JSONObject([("sec", .int(sec))]))
            case "risk_set":
                guard entry.value.mapping != nil else {
                    diagnostics.append(LoaderLike.typeMismatch("risk_set", "a mapping", entry.value))
                    return nil
                }
                return ("risk_set", RequestTemplate.json(entry.value).objectValue ?? JSONObject())
            case let other:
                var notes: [String] = []
                if let sug = DidYouMean.suggestion(for: other, among: ["resume", "cooloff_s", "risk_set"]) { notes.append("did you mean '\(sug)'?") }
                diagnostics.append(Diagnostic(.error, .unknownKey, "unknown key '\(other)' in ops", at: entry.key.location,
                                              length: entry.key.length, notes: notes))
                return nil
            }
        }

        mutating func initialState(_ node: YAMLNode) -> RuleTestCase.InitialState? {
            guard let m = node.mapping else {
                diagnostics.append(LoaderLike.typeMismatch("state", "a mapping", node))
                return nil
            }
            unknownKeys(m, valid: RuleTestFile.stateKeys, place: "state")
            var state = RuleTestCase.InitialState()
            if let t = m["trading_state"], let text = string(t, "trading_state") {
                state.trading = RuleEngine.TradingState(rawValue: text)
                if state.trading == nil { error(.invalidValue, "'trading_state' must be one of ACTIVE, REDUCING, HALTED, got '\(text)'", t) }
            }
            if let a = m["armed"] { state.armed = bool(a, "armed") }
            if let p = m["positions"], let positions = p.mapping {
                for entry in positions.entries {
                    guard let symbol = Symbol(canonicalizing: entry.key.text) else {
                        diagnostics.append(Diagnostic(.error, .invalidSymbol, "'\(entry.key.text)' is not a valid symbol",
                                                      at: entry.key.location, length: entry.key.length))
                        continue
                    }
                    guard let pm = entry.value.mapping else {
                        diagnostics.append(LoaderLike.typeMismatch(entry.key.text, "a mapping", entry.value))
                        continue
                    }
                    unknownKeys(pm, valid: ["position_qty", "fill_price", "since_ms"], place: "a position")
                    let qty = pm["position_qty"].flatMap { number($0, "position_qty") } ?? 0
                    let price = pm["fill_price"].flatMap { number($0, "fill_price") } ?? 0
                    let since = pm["since_ms"].flatMap { integer($0, "since_ms") } ?? 0
                    state.positions.append((symbol, qty, price, since))
                }
            } else if let p = m["positions"] {
                diagnostics.append(LoaderLike.typeMismatch("positions", "a mapping", p))
            }
            if let r = m["risk_overrides"], let overrides = r.mapping {
                for entry in overrides.entries {
                    guard let param = RiskOverrides.Param(rawValue: entry.key.text) else {
                        unknownKeys(YAMLNode.Mapping(entries: [entry], location: overrides.location),
                                    valid: RiskOverrides.Param.allCases.map(\.rawValue), place: "risk_overrides")
                        continue
                    }
                    if let v = number(entry.value, entry.key.text) { state.riskOverrides.append((param, v)) }
                }
            }
            return state
        }

        mutating func expectation(_ node: YAMLNode) -> RuleTestExpectation? {
            guard let m = node.mapping, !m.entries.isEmpty else {
                diagnostics.append(LoaderLike.typeMismatch("expect", "a non-empty mapping", node))
                return nil
            }
            unknownKeys(m, valid: RuleTestExpectation.keys, place: "expect")
            var e = RuleTestExpectation()
            if let n = m["allow"] { e.allow = bool(n, "allow") }
            if let n = m["reason"] { e.reason = scalarText(n, "reason") }
            if let n = m["hard_gate"] { e.hardGate = bool(n, "hard_gate") }
            if let n = m["cooldown_ms"] { e.cooldownMs = integer(n, "cooldown_ms") }
            if let n = m["max_qty"] { e.maxQty = number(n, "max_qty") }
            if let n = m["risk_scale"] { e.riskScale = number(n, "risk_scale") }
            if let n = m["quotas"], let q = n.mapping {
                unknownKeys(q, valid: ["trades_pm_left", "symbol_exposure_left_usdt"], place: "quotas")
                if let t = q["trades_pm_left"] { e.tradesPmLeft = integer(t, "trades_pm_left") }
                if let s = q["symbol_exposure_left_usdt"] { e.symbolExposureLeft = number(s, "symbol_exposure_left_usdt") }
            }
            if let n = m["reasons"] { e.reasons = scalarTexts(n, "reasons") }
            if let n = m["reasons_include"] { e.reasonsInclude = scalarTexts(n, "reasons_include") }
            if let n = m["diagnostics"] { e.diagnostics = scalarTexts(n, "diagnostics") }
            if let n = m["diagnostics_include"] { e.diagnosticsInclude = scalarTexts(n, "diagnostics_include") }
            if let n = m["rules"] {
                guard let rules = n.mapping else {
                    diagnostics.append(LoaderLike.typeMismatch("rules", "a mapping of rule id to verdict", n))
                    return e
                }
                let verdicts = ["pass", "deny", "shadow_deny", "skip", "not_evaluated"]
                for entry in rules.entries {
                    var r = RuleTestExpectation.RuleExpectation()
                    if let s = entry.value.scalar, case .string(let v) = s.resolved {
                        r.verdict = v
                    } else if let rm = entry.value.mapping {
                        unknownKeys(rm, valid: ["verdict", "reason", "measured", "threshold"], place: "rules.\(entry.key.text)")
                        if let v = rm["verdict"] { r.verdict = string(v, "verdict") }
                        if let v = rm["reason"] { r.reason = v.isNull ? .null : scalarText(v, "reason").map { .string($0) } }
                        if let v = rm["measured"] { r.measured = v.isNull ? .null : number(v, "measured").map { .double($0) } }
                        if let v = rm["threshold"] { r.threshold = v.isNull ? .null : number(v, "threshold").map { .double($0) } }
                    } else {
                        diagnostics.append(LoaderLike.typeMismatch(entry.key.text, "a verdict or a mapping", entry.value))
                    }
                    if let v = r.verdict, !verdicts.contains(v) {
                        error(.invalidValue, "'verdict' must be one of \(verdicts.joined(separator: ", ")), got '\(v)'", entry.value)
                    }
                    e.rules.append((entry.key.text, r, entry.key.location))
                }
            }
            return e
        }

        /// Reasons may look like numbers or booleans to YAML; their text is what counts.
        mutating func scalarText(_ node: YAMLNode, _ key: String) -> String? {
            guard let s = node.scalar, !node.isNull else {
                diagnostics.append(LoaderLike.typeMismatch(key, "a string", node))
                return nil
            }
            return s.text
        }

        mutating func scalarTexts(_ node: YAMLNode, _ key: String) -> [String]? {
            guard let list = node.sequence else {
                diagnostics.append(LoaderLike.typeMismatch(key, "a list", node))
                return nil
            }
            return list.items.compactMap { scalarText($0, key) }
        }
    }
}
