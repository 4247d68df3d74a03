import CLinuxShims

/// The readiness a descriptor is registered for or reported with.
struct EpollEvents: OptionSet, Sendable, Hashable {
    let rawValue: UInt32

    static let readable = EpollEvents(rawValue: AURORA_EPOLLIN)
    static let writable = EpollEvents(rawValue: AURORA_EPOLLOUT)
    static let error = EpollEvents(rawValue: AURORA_EPOLLERR)
    static let hangUp = EpollEvents(rawValue: AURORA_EPOLLHUP)
    static let readHangUp = EpollEvents(rawValue: AURORA_EPOLLRDHUP)
}

/// Owns one epoll instance (level-triggered). Each registration carries a 64-bit token reported back with
/// its events.
final class Epoll {
    private let fd: Int32
    private var isOpen = true
    private let events: UnsafeMutablePointer<epoll_event>
    private let capacity: Int32

    init(capacity: Int = 256) throws(IOError) {
        fd = try Syscall.epollCreate()
        self.capacity = Int32(capacity)
        events = .allocate(capacity: capacity)
    }

    deinit {
        assert(!isOpen, "leak of open Epoll fd \(fd)")
        events.deallocate()
    }

    func add(_ descriptor: Int32, _ interest: EpollEvents, token: UInt64) throws(IOError) {
        try Syscall.epollControl(fd, AURORA_EPOLL_CTL_ADD, descriptor, interest.rawValue, token)
    }

    func modify(_ descriptor: Int32, _ interest: EpollEvents, token: UInt64) throws(IOError) {
        try Syscall.epollControl(fd, AURORA_EPOLL_CTL_MOD, descriptor, interest.rawValue, token)
    }

    func remove(_ descriptor: Int32) {
        try? Syscall.epollControl(fd, AURORA_EPOLL_CTL_DEL, descriptor, 0, 0)
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever) and calls `body` for each ready registration.
    func wait(timeoutMilliseconds: Int32, _ body: (UInt64, EpollEvents) -> Void) throws(IOError) {
        let count = try Syscall.epollWait(fd, events, capacity, timeoutMilliseconds)
        for index in 0..<Int(count) {
            let event = events[index]
            body(event.data.u64, EpollEvents(rawValue: event.events))
        }
    }

    func close() {
        guard isOpen else { return }
        isOpen = false
        Syscall.close(fd)
    }
}
