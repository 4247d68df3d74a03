/// An eventfd that wakes a loop blocked in `epoll_wait` when another thread hands it work.
final class Waker {
    let fd: Int32
    private var isOpen = true

    init() throws(IOError) {
        fd = try Syscall.eventFD()
    }

    deinit {
        assert(!isOpen, "leak of open Waker fd \(fd)")
    }

    /// Makes the eventfd readable. Safe from any thread while the waker is open.
    func wake() {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { try? Syscall.write(fd, $0) }
    }

    /// Clears the readable state (on the loop thread).
    func drain() {
        var value: UInt64 = 0
        _ = withUnsafeMutableBytes(of: &value) { try? Syscall.read(fd, $0) }
    }

    func close() {
        guard isOpen else { return }
        isOpen = false
        Syscall.close(fd)
    }
}
