import Foundation
import Testing
import MosaicCore
@testable import MosaicSearch

/// How the snapshot stores practices (packed) and counts large sets (split between threads): both must
/// give exactly what the plain way gives.
@Suite("Snapshot storage")
struct SnapshotStorageTests {
    @Test("Every sample practice comes back from its packed form unchanged")
    func samplesRoundTrip() {
        for practice in Samples.practices {
            #expect(CompactPractice(practice).practice == practice, "\(practice.slug)")
            #expect(CompactPractice(practice).slug == practice.slug)
        }
    }

    @Test("Generated practices (links, translations, every status) come back unchanged")
    func generatedRoundTrip() {
        let generator = SyntheticCatalog(seed: 9)
        for n in 0..<400 {
            let practice = generator.practice(n)
            #expect(CompactPractice(practice).practice == practice, "practice \(n)")
        }
    }

    @Test("Every field survives, including contacts, negative years, dates to the bit and non-Latin text")
    func everyField() {
        let practice = Practice(
            id: Practice.ID(rawValue: "id-ß-1"), slug: Slug(making: "Ćirilica test"), title: "Ћирилица и ł ø đ 🎉",
            subtitle: "", country: Country.Code(rawValue: "RS"), cities: ["Novi Sad", "Beograd", ""],
            period: "од 2019.", periodStart: -44, periodEnd: 2_000_000, ongoing: true,
            topics: [Topic.Key(rawValue: "welcoming"), Topic.Key(rawValue: "anti-rumours")], language: "sr-Cyrl",
            sections: Dictionary(uniqueKeysWithValues: Practice.Section.allCases.map { ($0, "Text of \($0.rawValue)\n\n- item") }),
            evidence: .externalEvaluation,
            links: [Practice.Link(title: "A", url: "https://example.org/a"), Practice.Link(title: "", url: "http://b.example")],
            contact: Practice.Contact(name: "Ana", organisation: nil, email: "ana@example.org"),
            translations: [
                "en": Practice.Translation(title: "Cyrillic", sections: [.purpose: "Purpose"]),
                "fr": Practice.Translation(subtitle: "Sous-titre", period: "depuis 2019"),
            ],
            status: .changesRequested, createdAt: Date(timeIntervalSinceReferenceDate: 123_456_789.123_456_7),
            updatedAt: Date(timeIntervalSince1970: 1_700_000_000.000_1), publishedAt: nil, source: String(repeating: "x", count: 300))
        #expect(CompactPractice(practice).practice == practice)

        var bare = Practice(slug: Slug(making: "bare"), title: "Bare", country: Country.Code(rawValue: "FR"))
        bare.publishedAt = Date(timeIntervalSince1970: 0)
        #expect(CompactPractice(bare).practice == bare)
    }

    @Test("Counting split between threads gives the same hits and counts as counting on one")
    func splitTallyEqualsSingle() {
        let catalog = FacetPropertyTests.catalog
        let queries = [
            CatalogQuery(),
            CatalogQuery(topics: ["education"]),
            CatalogQuery(topics: ["education", "welcoming"], countries: ["PT", "ES"]),
            CatalogQuery(years: ["2019", "undated"], languages: ["en"]),
        ]
        let some: [Int32] = catalog.index.alive.indices.filter { $0 % 3 != 1 }.map(Int32.init)
        for query in queries {
            let filters = FacetFilters(catalog: catalog, query: query)
            for source in [TextMatch.Documents.all, .some(some)] {
                var single = FacetCounter(catalog: catalog)
                let singleHits = single.tally(source, filters: filters, alive: catalog.index.alive, parts: 1)
                for parts in [2, 3, 7] {
                    var split = FacetCounter(catalog: catalog)
                    let splitHits = split.tally(source, filters: filters, alive: catalog.index.alive, parts: parts)
                    #expect(splitHits == singleHits, "\(query) in \(parts) parts")
                    #expect(split.values(for: query) == single.values(for: query), "\(query) in \(parts) parts")
                }
            }
        }
    }
}
