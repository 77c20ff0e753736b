import Foundation
import Logging
import MosaicSearch
import MosaicStore
import ServiceLifecycle
import Synchronization

/// Keeps this instance's snapshot in step with the database's catalogue sequence: every write to the
/// practices, by this instance, another one or `mosaic import`, advances the sequence, and the follower
/// applies what changed after the number its snapshot has. The snapshot's version *is* that number, so
/// two instances that have caught up answer a URL with the same `ETag`.
///
/// It catches up when this instance has written (at once, before the request answers), when the
/// database signals a change (PostgreSQL's `NOTIFY`, and once after every reconnection of the
/// listener), and on a slow poll, the safety net (and SQLite's only way to hear of another process).
public final class CatalogFollower: Service, Sendable {
    let holder: CatalogHolder
    let store: any PracticeStore
    private let lock = AsyncLock()
    private let seen = Mutex(Observation())

    /// Past this many changed practices, the snapshot is rebuilt from the database rather than patched.
    static let rebuildThreshold = 5_000

    /// What the follower last saw of the database, for `/readyz` and `/metrics`.
    public struct Observation: Sendable {
        /// The database's sequence when last read.
        public var databaseSequence: Int?
        /// When the database last answered the follower.
        public var lastContact: Date?
        /// The last failure to catch up, cleared by the next success.
        public var lastError: String?
    }

    /// What a running follower listens to and how often it polls.
    struct Schedule: Sendable {
        let signals: AsyncStream<Void>?
        let pollEvery: Duration
    }

    private let schedule = Mutex<Schedule?>(nil)
    private let logger: Logger

    public init(holder: CatalogHolder, store: any PracticeStore, logger: Logger = Logger(label: "mosaic.follower")) {
        self.holder = holder
        self.store = store
        self.logger = logger
    }

    public var observation: Observation { seen.withLock { $0 } }

    /// How many catalogue numbers the snapshot is behind the database (as last read).
    public var lag: Int { max(0, (observation.databaseSequence ?? holder.catalog.version) - holder.catalog.version) }

    /// Reads what changed after the snapshot's number and applies it; returns the snapshot's new number.
    /// Calls take turns, so that two never apply the same changes to the same snapshot.
    @discardableResult
    public func catchUp() async throws -> Int {
        do {
            let version = try await lock.withLock { try await applyChanges() }
            seen.withLock { $0.lastError = nil }
            return version
        } catch {
            seen.withLock { $0.lastError = String(describing: error) }
            throw error
        }
    }

    /// After this instance has written: the write is in the snapshot when this returns, unless the
    /// database stops answering, which is logged and left to the next signal or poll (the write stands).
    public func catchUpAfterWrite() async {
        do {
            try await catchUp()
        } catch {
            logger.error("a write committed but the catalogue could not read it back yet", metadata: ["error": "\(error)"])
        }
    }

    private func applyChanges() async throws -> Int {
        let known = holder.catalog.version
        // The sequence first: every change up to it has committed (its row makes writers commit in turn).
        let target = try await store.catalogSequence()
        seen.withLock {
            $0.databaseSequence = target
            $0.lastContact = Date()
        }
        guard target > known else { return known }
        let changes = try await store.catalogChanges(after: known, limit: Self.rebuildThreshold + 1)
        if changes.count > Self.rebuildThreshold {
            let fresh = try await Catalog.load(from: store)
            holder.update { _ in fresh }
            logger.info("catalogue rebuilt from the database", metadata: ["version": "\(fresh.version)", "practices": "\(fresh.count)"])
            return fresh.version
        }
        let practices = try await store.practices(ids: changes.map(\.id))
        // A change committed after the sequence was read may already be listed: the larger number wins.
        let version = max(target, changes.last?.sequence ?? target)
        holder.update { $0.applying(practices, version: version) }
        logger.debug("catalogue caught up", metadata: ["version": "\(version)", "changed": "\(practices.count)"])
        return version
    }

    /// Sets what `run` listens to: the database's signals, if it has any, and the poll's interval.
    public func follow(signals: AsyncStream<Void>?, pollEvery: Duration) {
        schedule.withLock { $0 = Schedule(signals: signals, pollEvery: pollEvery) }
    }

    /// Follows the database until the service group stops it.
    public func run() async throws {
        guard let schedule = schedule.withLock({ $0 }) else { return }
        let (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        await withDiscardingTaskGroup { group in
            if let signals = schedule.signals {
                group.addTask {
                    for await _ in signals { wake.yield() }
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: schedule.pollEvery)
                    wake.yield()
                }
            }
            for await _ in wakes.cancelOnGracefulShutdown() {
                do {
                    try await catchUp()
                } catch {
                    logger.warning("cannot read the catalogue's changes; trying again at the next signal or poll", metadata: ["error": "\(error)"])
                }
            }
            group.cancelAll()
        }
    }
}
