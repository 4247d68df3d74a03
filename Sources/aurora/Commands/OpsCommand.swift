import Bot
import Codec
import Foundation
import Host

/// `aurora ops COMMAND`: the OPS API from the command line (http-api.md §6), over libcurl.
enum OpsCommand: Command {
    static let name = "ops"
    static let summary = "call the gate's OPS API (status, reload, halt, resume, risk, token rotation)"
    static let help = """
        usage: aurora ops [--url URL] [--config FILE] [--timeout-ms MS] COMMAND [ARGS]

        commands:
          status                          trading state, kill switch, rule set, state file (--json: the whole body)
          rules                           GET /ops/rules
          reload                          reload the rule files; prints the diff (exit 1 when the reload failed)
          cooloff SEC                     manual cooloff of every health_guard rule
          reset                           clear the health_guard rules' warnings, cooloffs and halt
          arm | disarm                    the armed flag
          halt [--reason R]               HALTED, kill switch latched
          reduce [--reason R]             REDUCING: only orders that reduce exposure pass
          resume --reason R [--to REDUCING]   leave HALTED or REDUCING
          risk get                        GET /risk/snapshot
          risk set K=V... [--reset] [--reason R]   runtime risk_caps overrides
          rotate-token NEW                replace the token (NEW as '-' reads it from standard input)

        The gate: --url, else env AURORA_GATE_URL, else http:// + server.listen of the configuration file, else
        http://127.0.0.1:8000. The token: env AURORA_OPS_TOKEN, else the file named by ops.token_file; it is
        never a command-line value and never printed.

        exit status: 0 done, 1 refused or failed (401, 403, 409, 422, 503, connection refused), 2 usage error

        example:
          AURORA_OPS_TOKEN=$(cat /etc/aurora/token) aurora ops halt --reason "exchange incident #42"
          aurora ops resume --reason "incident closed" --to REDUCING
        """

    static func run(_ raw: [String]) throws(UsageError) -> ExitCode {
        if raw.contains(where: { $0 == "--token" || $0.hasPrefix("--token=") }) {
            throw UsageError("the OPS token is never a command-line value: set AURORA_OPS_TOKEN or ops.token_file")
        }
        let args = try Arguments(raw, options: ["url": .value, "config": .value, "timeout-ms": .value,
                                                "reason": .value, "to": .value, "reset": .flag, "json": .flag])
        guard let command = args.positionals.first else { throw UsageError("missing command (e.g. 'status')") }
        let operands = Array(args.positionals.dropFirst())
        var timeoutMs = 10_000
        if let text = args.value("timeout-ms") {
            guard let value = Int(text), value > 0 else { throw UsageError("--timeout-ms takes a positive integer") }
            timeoutMs = value
        }
        let call = try request(command, operands, args)
        let client: OpsClient
        do throws(OpsClient.Failure) {
            client = try OpsClient.resolve(url: args.value("url"), configPath: args.value("config"),
                                           environment: ProcessInfo.processInfo.environment,
                                           transport: CurlTransport(), timeoutMs: timeoutMs)
            if command == "reload" { return try reload(client) }
            let answer = try client.send(call.method, call.path, body: call.body)
            Output.out(command == "status" && !args.flag("json") ? statusText(answer) : answer.serializedString)
            return .success
        } catch {
            Output.err(error.message)
            return .failure
        }
    }

    /// The method, path and body of `command`, or a usage error.
    static func request(_ command: String, _ operands: [String], _ args: Arguments) throws(UsageError)
        -> (method: String, path: String, body: JSONValue?)
    {
        func none() throws(UsageError) {
            if let extra = operands.first { throw UsageError("unexpected argument '\(extra)' for '\(command)'") }
        }
        func reasonBody() -> JSONValue? { args.value("reason").map { ["reason": .string($0)] } }
        switch command {
        case "status": try none(); return ("GET", "/ops/state", nil)
        case "rules": try none(); return ("GET", "/ops/rules", nil)
        case "reload": try none(); return ("POST", "/ops/reload", nil)
        case "reset": try none(); return ("POST", "/ops/reset", nil)
        case "arm", "disarm": try none(); return ("POST", "/aurora/\(command)", nil)
        case "halt", "reduce": try none(); return ("POST", "/ops/\(command)", reasonBody())
        case "cooloff":
            guard operands.count == 1 else { throw UsageError("'cooloff' takes one argument: SEC") }
            return ("POST", "/ops/cooloff/\(operands[0])", nil)
        case "resume":
            try none()
            guard let reason = args.value("reason") else { throw UsageError("'resume' needs --reason R") }
            var body = JSONObject([("reason", .string(reason))])
            if let to = args.value("to") { body.append("to", .string(to.uppercased())) }
            return ("POST", "/ops/resume", .object(body))
        case "risk":
            switch operands.first {
            case "get"?:
                guard operands.count == 1 else { throw UsageError("'risk get' takes no arguments") }
                return ("GET", "/risk/snapshot", nil)
            case "set"?:
                var body = JSONObject()
                for pair in operands.dropFirst() {
                    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2, !parts[0].isEmpty else {
                        throw UsageError("'risk set' takes KEY=VALUE pairs, got '\(pair)'")
                    }
                    if let int = Int64(parts[1]) {
                        body.append(parts[0], .int(int))
                    } else if let number = Double(parts[1]), number.isFinite {
                        body.append(parts[0], .double(number))
                    } else {
                        throw UsageError("'risk set \(parts[0])' needs a number, got '\(parts[1])'")
                    }
                }
                if let reason = args.value("reason") { body.append("reason", .string(reason)) }
                if args.flag("reset") { body.append("reset", .bool(true)) }
                return ("POST", "/risk/set", .object(body))
            default: throw UsageError("'risk' takes 'get' or 'set K=V...'")
            }
        case "rotate-token":
            guard operands.count == 1 else { throw UsageError("'rotate-token' takes one argument: NEW (or '-')") }
            var token = operands[0]
            if token == "-" {
                token = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                while let last = token.last, last == "\n" || last == "\r" { token.removeLast() }
            }
            return ("POST", "/ops/rotate_token", ["new_token": .string(token)])
        default:
            throw UsageError("unknown ops command '\(command)'")
        }
    }

    /// `POST /ops/reload`: the diff text; a 422 prints the diagnostics under the rule set that stays, exit 1.
    static func reload(_ client: OpsClient) throws(OpsClient.Failure) -> ExitCode {
        let response = try client.exchange("POST", "/ops/reload")
        let body = (try? JSONReader.parse(response.body)) ?? .null
        if response.status == 200 {
            Output.out(RuleSetDiffText.reloadText(answer: body))
            return .success
        }
        guard response.status == 422 else {
            _ = try client.checked(response, method: "POST", path: "/ops/reload")
            return .failure
        }
        let rules = try? client.send("GET", "/ops/rules")
        let kept = [rules?["ruleset"]?["name"]?.stringValue, rules?["ruleset"]?["fingerprint"]?.stringValue]
            .compactMap { $0 }.joined(separator: " ")
        Output.err(RuleSetDiffText.failureText(answer: body, keeping: kept))
        return .failure
    }

    /// `status`: the lines an operator reads first.
    static func statusText(_ state: JSONValue) -> String {
        let kill = state["kill_switch"]
        var trading = "trading state  \(state["trading_state"]?.stringValue ?? "?")"
        if let source = kill?["source"]?.stringValue {
            trading += " since \(kill?["since"]?.stringValue ?? "?") (source \(source), reason "
                + "\(kill?["reason"]?.serializedString ?? "null"))"
        }
        let ruleset = state["ruleset"]
        let file = state["state_file"]
        let log = state["log"]
        return [
            trading,
            "kill switch    \(kill?["latched"]?.boolValue == true ? "latched" : "not latched")",
            "enforced       \(state["enforced"]?.boolValue == true ? "yes" : "no (no enforce-mode governance rule)")",
            "ruleset        \(ruleset?["name"]?.stringValue ?? "?") \(ruleset?["fingerprint"]?.stringValue ?? "?")",
            "state file     \(file?["status"]?.stringValue ?? "?")"
                + (file?["last_write"]?.stringValue.map { ", last written \($0)" } ?? ""),
            "log            \(log?["writable"]?.boolValue == true ? "writable" : "NOT writable") "
                + "(\(log?["session_dir"]?.stringValue ?? "?"))",
        ].joined(separator: "\n")
    }
}
