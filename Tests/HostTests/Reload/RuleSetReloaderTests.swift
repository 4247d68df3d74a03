import AuroraTesting
import Codec
import Foundation
import Host
import RuleEngine
import Synchronization
import Testing
import YAMLKit

/// A stateful stand-in rule: counts evaluations in a state carried across reloads.
private struct CountingRule: Rule {
    final class State: RuleState {
        let count = Mutex(0)
        func snapshot() -> JSONValue { .int(Int64(count.withLock { $0 })) }
    }
    let counter: State
    var state: (any RuleState)? { counter }
    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        counter.count.withLock { $0 += 1 }
        return .pass(Evidence())
    }

    struct Factory: RuleFactory {
        static let limit = ConfigKey<Double>("limit", default: 1, help: "a number", isValid: { $0 > 0 })
        static let info = RuleTypeInfo(name: "counting", summary: "test", params: [.init(limit.info)], inputs: [],
                                       defaultOnMissing: nil, reducingOrders: .check)
        func parseConfig(_ params: inout ConfigReader) -> Double? {
            let v = params.read(Self.limit)
            return params.diagnostics.hasErrors ? nil : v
        }
        func makeRule(id: RuleID, config: Double, carrying state: (any RuleState)?) -> any Rule {
            CountingRule(counter: (state as? State) ?? State())
        }
    }
}

@Suite struct RuleSetReloaderTests {
    let registry: RuleRegistry = {
        var r = RuleRegistry()
        try! r.register(CountingRule.Factory())
        return r
    }()

    func file(_ limit: String) -> String {
        "version: 1\nname: t\npipeline:\n  - {id: c, type: counting, params: {limit: \(limit)}}\n"
    }

    func setUp(_ dir: TemporaryDirectory) throws -> (RuleSetStore, RuleSetReloader, Reports, String) {
        let path = dir.write("rules.yaml", file("1"))
        let loader = RuleSetLoader(registry: registry)
        let initial = try #require(loader.load(files: [path]).ruleSet)
        let store = RuleSetStore(initial)
        let reports = Reports()
        let reloader = RuleSetReloader(store: store, loader: loader, shared: SharedState(),
                                       sources: { .init(files: [path], needsRestart: []) },
                                       now: { WallTime(ms: 1000) }, onReport: { r in reports.items.withLock { $0.append(r) } })
        return (store, reloader, reports, path)
    }

    @Test func aValidChangeSwapsAndCarriesState() throws {
        let dir = TemporaryDirectory()
        let (store, reloader, reports, path) = try setUp(dir)
        let before = store.current
        _ = before.evaluate(.fixture())
        dir.write("rules.yaml", file("2"))
        let report = reloader.reload(trigger: .ops)
        guard case .reloaded(let previous, let current, let diff) = report.outcome else {
            Issue.record("expected a reload, got \(report.outcome)")
            return
        }
        #expect(previous === before && current === store.current)
        #expect(store.generation == 1)
        #expect(diff.paramsChanged.map(\.param) == ["params.limit"])
        #expect(current.states.values.first === before.states.values.first)
        #expect(report.text.hasPrefix("reload ok: t \(before.identity.fingerprint) → \(current.identity.fingerprint) ("))
        #expect(report.text.contains("  ~ c                 params.limit                           1 → 2  (×2)"))
        #expect(reports.items.withLock { $0.count } == 1)
        _ = path
    }

    @Test func anUnchangedFileSwapsNothing() throws {
        let dir = TemporaryDirectory()
        let (store, reloader, _, _) = try setUp(dir)
        dir.write("rules.yaml", "# reformatted\n" + file("1.0"))
        guard case .unchanged = reloader.reload(trigger: .sighup).outcome else {
            Issue.record("expected unchanged")
            return
        }
        #expect(store.generation == 0)
    }

    @Test(arguments: ["version: 1\nname: t\npipeline:\n  - {id: c, type: counting, params: {limit: -1}}\n",
                      "version: 1\nname: t\npipeline: [", "", "version: 1\nname: t\npipeline:\n  - {id: c, type: nope}\n"])
    func aBrokenFileKeepsTheOldSet(_ broken: String) throws {
        let dir = TemporaryDirectory()
        let (store, reloader, _, _) = try setUp(dir)
        let before = store.current
        dir.write("rules.yaml", broken)
        let report = reloader.reload(trigger: .sighup)
        #expect(!report.succeeded)
        #expect(store.current === before)
        #expect(report.text.hasPrefix("reload FAILED: keeping t \(before.identity.fingerprint)\n"))
    }

    @Test func signalsCoalesceAndEveryOneIsServed() throws {
        let dir = TemporaryDirectory()
        let (_, reloader, reports, _) = try setUp(dir)
        let done = Mutex(0)
        for _ in 0..<20 { reloader.signal { done.withLock { $0 += 1 } } }
        #expect(poll(until: { done.withLock { $0 } >= 1 && reloader.lastReport != nil }))
        // 20 signals in a burst run at most a handful of reloads, never one per signal
        #expect(poll(until: { reports.items.withLock { $0.count } >= 1 }))
        #expect(reports.items.withLock { $0.count } <= 20)
        #expect(reports.items.withLock { $0.allSatisfy { $0.trigger == .sighup } })
    }
}

final class Reports: Sendable {
    let items = Mutex<[RuleSetReloader.Report]>([])
}

