public import RuleEngine
import Synchronization

/// The active rule set. Readers copy the reference out under the mutex (requests in flight keep the set they took);
/// a reload swaps it in one step and bumps the generation, so loops can cache the reference until it moves.
public final class RuleSetStore: Sendable {
    private let active: Mutex<CompiledRuleSet>
    private let counter = Atomic<UInt64>(0)

    public init(_ initial: CompiledRuleSet) { active = Mutex(initial) }

    public var current: CompiledRuleSet { active.withLock { $0 } }
    public var generation: UInt64 { counter.load(ordering: .acquiring) }

    public func replace(with next: CompiledRuleSet) {
        active.withLock { $0 = next }
        counter.add(1, ordering: .releasing)
    }
}
