import Foundation
import MosaicSearch
import MosaicStore

extension Catalog {
    /// The snapshot of the published practices in `store`, read a page at a time so that the whole
    /// catalogue is never in memory unpacked. Its version is the database's catalogue number, read
    /// first: a change that commits during the load is applied again by the follower, never missed.
    public static func load(from store: any PracticeStore,
                            currentYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date())) async throws -> Catalog {
        let version = try await store.catalogSequence()
        var builder = CatalogBuilder(currentYear: currentYear)
        try await store.forEachPage(statuses: [.published], pageSize: 2500) { page in
            builder.add(contentsOf: page)
        }
        return Catalog(builder: builder, version: version)
    }
}
