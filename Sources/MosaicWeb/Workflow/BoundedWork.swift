import NIOPosix
import Synchronization

/// Runs blocking work (bcrypt) on NIO's thread pool instead of the threads that serve requests, with at
/// most `capacity` calls in flight: past that a call is refused at once (the caller answers 503 with
/// `Retry-After`) instead of queueing without limit behind an attacker's requests.
final class BoundedWork: Sendable {
    struct Busy: Error {}

    let capacity: Int
    private let inFlight = Mutex(0)

    /// `running` calls at a time (the pool's threads), and `waiting` more queued behind them.
    init(running: Int, waiting: Int) {
        capacity = running + waiting
    }

    func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async throws -> T {
        let admitted = inFlight.withLock { count -> Bool in
            guard count < capacity else { return false }
            count += 1
            return true
        }
        guard admitted else { throw Busy() }
        defer { inFlight.withLock { $0 -= 1 } }
        return try await NIOThreadPool.singleton.runIfActive(body)
    }
}
