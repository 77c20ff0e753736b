import Foundation
import MosaicCore
import Synchronization

/// An immutable, in-memory snapshot of the published catalogue: the practices, an inverted index ranked
/// with BM25F, and the facet values of every practice. It answers every catalogue query without the
/// database.
///
/// Changing one practice gives a new snapshot (``updating(_:)``) that shares everything else with this
/// one: the practice's old entry is marked dead and its new version is appended, so nothing is re-indexed.
public final class Catalog: Sendable {
    /// Increases with every change; pages use it in their ETag.
    public let version: Int
    /// The documents, postings, facets and orders of this snapshot.
    let index: CatalogIndex
    let aliveCount: Int
    /// Facet counts over every live document (no text, no filter).
    let baseline: FacetCounts
    /// The facet values of the unfiltered catalogue, by interface language, made the first time they are asked
    /// for: the same for every visitor of the catalogue's first page.
    let baselineValues = Mutex<[String: [CatalogQuery.Facet: [CatalogResult.FacetValue]]]>([:])
    /// Facet labels by interface language, made the first time they are asked for.
    let labelsByLanguage = Mutex<[String: FacetLabels]>([:])
    /// Teasers already made, by document and language; at most `maximumCachedTeasers` (about 300 bytes each).
    let teasers = Mutex<[TeaserKey: Snippet]>([:])
    /// The live documents readable in a language (written in it or translated into it), made once per
    /// snapshot and language.
    let availability = Mutex<[String: BitSet]>([:])
    /// The country of each city (by folded name), made once per snapshot.
    let cityCountries = Mutex<[String: String]?>(nil)
    /// The related practices of practice pages already shown, by document.
    let relatedMemo = Mutex<[RelatedKey: [Int32]]>([:])
    /// The word starts of the titles, for suggestions; made the first time one is asked for.
    let titleStartsMemo = Mutex<TitleStarts?>(nil)
    static let maximumCachedTeasers = 20_000

    struct TeaserKey: Hashable {
        let document: Int32
        let language: String
    }

    /// The year up to which ongoing practices are counted in the Year facet.
    public var currentYear: Int { index.currentYear }
    public var taxonomy: Taxonomy { index.taxonomy }
    public var countries: CountryList { index.countries }
    /// The thesaurus that expands this snapshot's queries.
    public var thesaurus: Thesaurus { index.thesaurus }

    /// The number of published practices in the snapshot.
    public var count: Int { aliveCount }

    // MARK: Building

    /// Builds a snapshot of the given practices; those that are not published are left out.
    public convenience init(practices: [Practice], currentYear: Int, version: Int = 1,
                            taxonomy: Taxonomy = .standard, countries: CountryList = .standard, thesaurus: Thesaurus = .standard) {
        var builder = CatalogBuilder(currentYear: currentYear, taxonomy: taxonomy, countries: countries, thesaurus: thesaurus)
        builder.add(contentsOf: practices)
        self.init(builder: builder, version: version)
    }

    /// The snapshot of what `builder` was given, which can be fed a page at a time so that a large
    /// catalogue is never in memory unpacked.
    public init(builder: consuming CatalogBuilder, version: Int = 1) {
        let fromScratch = builder.isFromScratch
        builder.finish()
        self.version = version
        index = builder.index
        aliveCount = builder.index.alive.count
        baseline = FacetCounts.baseline(builder.index)
        if fromScratch { FreedMemory.release() }
    }

    /// A new snapshot with `practice` added, replaced, or removed when it is no longer published.
    /// Only this practice is analysed; the rest of the index is shared with this snapshot.
    public func updating(_ practice: Practice) -> Catalog {
        applying([practice], version: version + 1)
    }

    /// A new snapshot, numbered `version`, with each of `practices` added, replaced, or removed when it
    /// is no longer published. Only these practices are analysed; the rest of the index is shared.
    public func applying(_ practices: [Practice], version: Int) -> Catalog {
        var builder = CatalogBuilder(continuing: self)
        for practice in practices {
            builder.remove(practice.id)
            if practice.status == .published { builder.add(practice) }
        }
        // Rebuild from scratch once dead entries make up a third of the index, to keep it compact.
        if builder.index.documents.count > 64, builder.index.alive.count * 3 < builder.index.documents.count * 2 {
            var fresh = CatalogBuilder(currentYear: currentYear, taxonomy: taxonomy, countries: countries, thesaurus: thesaurus)
            let live = builder.index.alive.indices
            for start in stride(from: 0, to: live.count, by: 1024) {
                fresh.add(contentsOf: live[start..<min(live.count, start + 1024)].map { builder.index.documents[$0].practice })
            }
            return Catalog(builder: fresh, version: version)
        }
        return Catalog(builder: builder, version: version)
    }

    /// A new snapshot without the practice.
    public func removing(_ id: Practice.ID) -> Catalog {
        var builder = CatalogBuilder(continuing: self)
        builder.remove(id)
        return Catalog(builder: builder, version: version + 1)
    }

    // MARK: Lookups

    /// The published practice with this slug.
    public func practice(slug: Slug) -> Practice? {
        index.bySlug[slug].map { index.documents[Int($0)].practice }
    }

    public func practice(id: Practice.ID) -> Practice? {
        index.byID[id].map { index.documents[Int($0)].practice }
    }

    /// The country of each city of the published practices, by the city's folded name (the first
    /// practice's country where two countries share a city's name). Made once per snapshot, from the
    /// practices as lists show them (their texts are not decoded).
    public var countryOfCities: [String: String] {
        if let known = cityCountries.withLock({ $0 }) { return known }
        var table: [String: String] = [:]
        index.alive.forEach { document in
            let practice = index.documents[document].packed.listed
            for city in practice.cities where table[TextFolding.fold(city)] == nil { table[TextFolding.fold(city)] = practice.country.rawValue }
        }
        cityCountries.withLock { $0 = table }
        return table
    }

    /// Every published practice, in the catalogue's "newest" order.
    public var practices: [Practice] {
        index.alive.indices.map { index.documents[$0] }.sorted(by: SortRanks.newestFirst).map(\.practice)
    }
}

extension Catalog {
    /// The approximate size of the snapshot's largest parts, in bytes, for the benchmark's report.
    public var sizeReport: [String: Int] {
        var postings = 0, lists = 0
        for (_, list) in index.postings {
            postings += list.capacity * MemoryLayout<Posting>.stride
            lists += 1
        }
        return [
            "packed_practices": index.documents.reduce(0) { $0 + $1.packed.byteCount },
            "documents": index.documents.count * MemoryLayout<Document>.stride,
            "postings": postings,
            "posting_lists": lists,
            "terms": index.vocabulary.terms.count,
        ]
    }
}
