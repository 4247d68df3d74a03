/// A canonical event code from the allow-list of observability.md §3.2, shared by the gate and the bot.
///
/// The only ways to get one are the constants below and `init?(_:)`, which canonicalises (upper-case, trim,
/// `ORDER_X` without a dot → `ORDER.X`) and refuses any code outside the list. So a record can never carry an
/// unlisted code; what the writer does with a refused code (trap in debug, count in release) is the caller's.
public struct EventCode: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    private init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }

    /// The canonical code of `text` when it is in the allow-list; nil otherwise.
    public init?(_ text: String) {
        let canonical = Self.canonicalize(text)
        guard Self.allowList.contains(canonical) else { return nil }
        rawValue = canonical
    }

    /// Upper-cased and trimmed; a code starting with `ORDER_` that contains no `.` has its underscores turned into
    /// dots (`ORDER_SUBMIT` → `ORDER.SUBMIT`). Not checked against the list.
    public static func canonicalize(_ text: String) -> String {
        let code = Coercion.trimmed(text).uppercased()
        guard code.hasPrefix("ORDER_"), !code.contains(".") else { return code }
        return String(code.map { $0 == "_" ? "." : $0 })
    }

    public var description: String { rawValue }

    /// Every allowed code, in the order of observability.md §3.2.
    public static let allowed: [String] = [
        "REWARD.TP",
        "REWARD.TRAIL",
        "REWARD.BREAKEVEN",
        "REWARD.TIMEOUT",
        "REWARD.MAX_R",
        "HEALTH.ERROR",
        "HEALTH.RECOVERY",
        "HEALTH.LATENCY_HIGH",
        "HEALTH.LATENCY_P95_HIGH",
        "AURORA.STARTUP.OK",
        "AURORA.SHUTDOWN",
        "CONFIG.SWITCHED",
        "AURORA.ESCALATION",
        "OPS.TOKEN_ROTATE",
        "OPS.RESET",
        "OPS.AUTH_FAIL",
        "OPS.TOKEN.ALIAS_USED",
        "AURORA.COOL_OFF",
        "AURORA.ARM_STATE",
        "ORDER.SUBMIT",
        "ORDER.ACK",
        "ORDER.PARTIAL",
        "ORDER.FILL",
        "ORDER.CANCEL",
        "ORDER.CANCEL.REQUEST",
        "ORDER.CANCEL.ACK",
        "ORDER.REJECT",
        "ORDER.EXPIRE",
        "ORDER.STATUS",
        "ORDER_STATUS(SIM)",
        "ORDER.STATUS(SIM)",
        "ORDER.INTENT.RECEIVED",
        "ORDER.DENY",
        "ORDER.PLAN.BUILD",
        "ROUTER.DECISION",
        "KELLY.APPLIED",
        "RISK.DENY.POS_LIMIT",
        "RISK.DENY.DRAWDOWN",
        "RISK.DENY.CVAR",
        "RISK.DENY",
        "RISK.UPDATE",
        "SPREAD_GUARD_TRIP",
        "LATENCY_GUARD_TRIP",
        "VOLATILITY_GUARD_TRIP",
        "POLICY.TRAP_GUARD",
        "POLICY.TRAP_BLOCK",
        "POLICY.DECISION",
        "POSTTRADE.LOG",
        "DQ_EVENT.STALE_BOOK",
        "DQ_EVENT.CROSSED_BOOK",
        "DQ_EVENT.ABNORMAL_SPREAD",
        "DQ_EVENT.CYCLIC_SEQUENCE",
        "AURORA.HALT",
        "AURORA.RESUME",
        "GOVERNANCE.STATE",
        "GOVERNANCE.TRANSITION",
        "AURORA.EXPECTED_RETURN_ACCEPT",
        "AURORA.EXPECTED_RETURN_LOW",
        "AURORA.SLIPPAGE_GUARD",
        "SPRT.DECISION_H0",
        "SPRT.DECISION_H1",
        "SPRT.CONTINUE",
        "SPRT.ERROR",
        "SLA.CHECK",
        "SLA.DENY",
        "ALPHA.LEDGER.UPDATE",
        "RULE.DENY",
        "RULE.SHADOW_DENY",
        "RULE.ERROR",
        "RULES.RELOADED",
        "RULES.RELOAD_FAILED",
        "COOLDOWN.ACTIVE",
        "OPEN.RATE_LIMIT",
        "POSITION.MIN_HOLD",
        "POSITION.OPPOSITE_BLOCK",
    ]

    private static let allowList = Set(allowed)

    public static let rewardTp = EventCode(uncheckedRawValue: "REWARD.TP")
    public static let rewardTrail = EventCode(uncheckedRawValue: "REWARD.TRAIL")
    public static let rewardBreakeven = EventCode(uncheckedRawValue: "REWARD.BREAKEVEN")
    public static let rewardTimeout = EventCode(uncheckedRawValue: "REWARD.TIMEOUT")
    public static let rewardMaxR = EventCode(uncheckedRawValue: "REWARD.MAX_R")
    public static let healthError = EventCode(uncheckedRawValue: "HEALTH.ERROR")
    public static let healthRecovery = EventCode(uncheckedRawValue: "HEALTH.RECOVERY")
    public static let healthLatencyHigh = EventCode(uncheckedRawValue: "HEALTH.LATENCY_HIGH")
    public static let healthLatencyP95High = EventCode(uncheckedRawValue: "HEALTH.LATENCY_P95_HIGH")
    public static let auroraStartupOk = EventCode(uncheckedRawValue: "AURORA.STARTUP.OK")
    public static let auroraShutdown = EventCode(uncheckedRawValue: "AURORA.SHUTDOWN")
    public static let configSwitched = EventCode(uncheckedRawValue: "CONFIG.SWITCHED")
    public static let auroraEscalation = EventCode(uncheckedRawValue: "AURORA.ESCALATION")
    public static let opsTokenRotate = EventCode(uncheckedRawValue: "OPS.TOKEN_ROTATE")
    public static let opsReset = EventCode(uncheckedRawValue: "OPS.RESET")
    public static let opsAuthFail = EventCode(uncheckedRawValue: "OPS.AUTH_FAIL")
    public static let opsTokenAliasUsed = EventCode(uncheckedRawValue: "OPS.TOKEN.ALIAS_USED")
    public static let auroraCoolOff = EventCode(uncheckedRawValue: "AURORA.COOL_OFF")
    public static let auroraArmState = EventCode(uncheckedRawValue: "AURORA.ARM_STATE")
    public static let orderSubmit = EventCode(uncheckedRawValue: "ORDER.SUBMIT")
    public static let orderAck = EventCode(uncheckedRawValue: "ORDER.ACK")
    public static let orderPartial = EventCode(uncheckedRawValue: "ORDER.PARTIAL")
    public static let orderFill = EventCode(uncheckedRawValue: "ORDER.FILL")
    public static let orderCancel = EventCode(uncheckedRawValue: "ORDER.CANCEL")
    public static let orderCancelRequest = EventCode(uncheckedRawValue: "ORDER.CANCEL.REQUEST")
    public static let orderCancelAck = EventCode(uncheckedRawValue: "ORDER.CANCEL.ACK")
    public static let orderReject = EventCode(uncheckedRawValue: "ORDER.REJECT")
    public static let orderExpire = EventCode(uncheckedRawValue: "ORDER.EXPIRE")
    public static let orderStatus = EventCode(uncheckedRawValue: "ORDER.STATUS")
    public static let orderIntentReceived = EventCode(uncheckedRawValue: "ORDER.INTENT.RECEIVED")
    public static let orderDeny = EventCode(uncheckedRawValue: "ORDER.DENY")
    public static let orderPlanBuild = EventCode(uncheckedRawValue: "ORDER.PLAN.BUILD")
    public static let routerDecision = EventCode(uncheckedRawValue: "ROUTER.DECISION")
    public static let kellyApplied = EventCode(uncheckedRawValue: "KELLY.APPLIED")
    public static let riskDenyPosLimit = EventCode(uncheckedRawValue: "RISK.DENY.POS_LIMIT")
    public static let riskDenyDrawdown = EventCode(uncheckedRawValue: "RISK.DENY.DRAWDOWN")
    public static let riskDenyCvar = EventCode(uncheckedRawValue: "RISK.DENY.CVAR")
    public static let riskDeny = EventCode(uncheckedRawValue: "RISK.DENY")
    public static let riskUpdate = EventCode(uncheckedRawValue: "RISK.UPDATE")
    public static let spreadGuardTrip = EventCode(uncheckedRawValue: "SPREAD_GUARD_TRIP")
    public static let latencyGuardTrip = EventCode(uncheckedRawValue: "LATENCY_GUARD_TRIP")
    public static let volatilityGuardTrip = EventCode(uncheckedRawValue: "VOLATILITY_GUARD_TRIP")
    public static let policyTrapGuard = EventCode(uncheckedRawValue: "POLICY.TRAP_GUARD")
    public static let policyTrapBlock = EventCode(uncheckedRawValue: "POLICY.TRAP_BLOCK")
    public static let policyDecision = EventCode(uncheckedRawValue: "POLICY.DECISION")
    public static let posttradeLog = EventCode(uncheckedRawValue: "POSTTRADE.LOG")
    public static let dqEventStaleBook = EventCode(uncheckedRawValue: "DQ_EVENT.STALE_BOOK")
    public static let dqEventCrossedBook = EventCode(uncheckedRawValue: "DQ_EVENT.CROSSED_BOOK")
    public static let dqEventAbnormalSpread = EventCode(uncheckedRawValue: "DQ_EVENT.ABNORMAL_SPREAD")
    public static let dqEventCyclicSequence = EventCode(uncheckedRawValue: "DQ_EVENT.CYCLIC_SEQUENCE")
    public static let auroraHalt = EventCode(uncheckedRawValue: "AURORA.HALT")
    public static let auroraResume = EventCode(uncheckedRawValue: "AURORA.RESUME")
    public static let governanceState = EventCode(uncheckedRawValue: "GOVERNANCE.STATE")
    public static let governanceTransition = EventCode(uncheckedRawValue: "GOVERNANCE.TRANSITION")
    public static let auroraExpectedReturnAccept = EventCode(uncheckedRawValue: "AURORA.EXPECTED_RETURN_ACCEPT")
    public static let auroraExpectedReturnLow = EventCode(uncheckedRawValue: "AURORA.EXPECTED_RETURN_LOW")
    public static let auroraSlippageGuard = EventCode(uncheckedRawValue: "AURORA.SLIPPAGE_GUARD")
    public static let sprtDecisionH0 = EventCode(uncheckedRawValue: "SPRT.DECISION_H0")
    public static let sprtDecisionH1 = EventCode(uncheckedRawValue: "SPRT.DECISION_H1")
    public static let sprtContinue = EventCode(uncheckedRawValue: "SPRT.CONTINUE")
    public static let sprtError = EventCode(uncheckedRawValue: "SPRT.ERROR")
    public static let slaCheck = EventCode(uncheckedRawValue: "SLA.CHECK")
    public static let slaDeny = EventCode(uncheckedRawValue: "SLA.DENY")
    public static let alphaLedgerUpdate = EventCode(uncheckedRawValue: "ALPHA.LEDGER.UPDATE")
    public static let ruleDeny = EventCode(uncheckedRawValue: "RULE.DENY")
    public static let ruleShadowDeny = EventCode(uncheckedRawValue: "RULE.SHADOW_DENY")
    public static let ruleError = EventCode(uncheckedRawValue: "RULE.ERROR")
    public static let rulesReloaded = EventCode(uncheckedRawValue: "RULES.RELOADED")
    public static let rulesReloadFailed = EventCode(uncheckedRawValue: "RULES.RELOAD_FAILED")
    public static let cooldownActive = EventCode(uncheckedRawValue: "COOLDOWN.ACTIVE")
    public static let openRateLimit = EventCode(uncheckedRawValue: "OPEN.RATE_LIMIT")
    public static let positionMinHold = EventCode(uncheckedRawValue: "POSITION.MIN_HOLD")
    public static let positionOppositeBlock = EventCode(uncheckedRawValue: "POSITION.OPPOSITE_BLOCK")
}
