import Synchronization
import MosaicCore

/// Holds the current catalogue snapshot. Readers take the snapshot that is current when they ask and
/// keep using it; a writer swaps in a new snapshot atomically, so nobody waits or sees half an index.
public final class CatalogHolder: Sendable {
    private let current: Mutex<Catalog>
    /// Serialises writers, so that two updates never start from the same snapshot and lose one.
    private let writer = Mutex(())

    public init(_ catalog: Catalog) {
        current = Mutex(catalog)
        Self.prepare(catalog)
    }

    /// The snapshot to answer with.
    public var catalog: Catalog { current.withLock { $0 } }

    /// Replaces the snapshot with one derived from it: `holder.update { $0.updating(practice) }`.
    public func update(_ change: (Catalog) -> Catalog) {
        writer.withLock { _ in
            let next = change(catalog)
            current.withLock { $0 = next }
            Self.prepare(next)
        }
    }

    /// Makes, away from any request, what a snapshot makes the first time it is asked for: the first
    /// reader to type in a search box after a publication does not wait for the suggestions' index.
    private static func prepare(_ catalog: Catalog) {
        Task.detached(priority: .background) { _ = catalog.titleStarts() }
    }
}
