import Glibc

/// A joinable POSIX thread running one event loop.
final class LoopThread: @unchecked Sendable {  // joined once, by the group
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    private let handle: pthread_t

    /// Starts `body` on a new thread; `name` appears in errors.
    init(name: String, _ body: @escaping @Sendable () -> Void) throws(IOError) {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        var handle = pthread_t()
        let result = pthread_create(&handle, nil, { argument in
            let body = Unmanaged<Body>.fromOpaque(argument!).takeRetainedValue()
            body.run()
            return nil
        }, box)
        guard result == 0 else {
            Unmanaged<Body>.fromOpaque(box).release()
            throw IOError(errno: result, operation: "pthread_create \(name)")
        }
        self.handle = handle
    }

    /// Waits until the thread's body has returned.
    func join() {
        _ = pthread_join(handle, nil)
    }
}
