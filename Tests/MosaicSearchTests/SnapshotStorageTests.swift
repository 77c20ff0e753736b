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
            #expect(CompactPractice(practice).listed == Self.withoutTexts(practice), "practice \(n) as listed")
        }
    }

    /// What `listed` promises: the practice without its section texts (also translated), links and contact.
    static func withoutTexts(_ practice: Practice) -> Practice {
        var listed = practice
        listed.sections = [:]
        listed.links = []
        listed.contact = Practice.Contact()
        for language in listed.translations.keys { listed.translations[language]?.sections = [:] }
        return listed
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
        #expect(CompactPractice(practice).listed == Self.withoutTexts(practice))

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

@Suite("Looking only for words that start like the terms")
struct StartFilterTests {
    @Test("Stemming never changes how a word starts", arguments: [
        "flies", "policies", "journaux", "nouveaux", "chevaux", "running", "actives", "engagée", "culturelle", "classes",
        "médiatrices", "jeux", "sées", "ties", "Ćirilica", "Београд", "2019", "x",
    ])
    func stemsKeepTheirStart(_ word: String) {
        let terms = Analyzer.terms(word)
        #expect(terms.count == 1)
        let folded = TextFolding.fold(word)
        #expect(Analyzer.start(terms[0].utf8) == Analyzer.start(folded.utf8), "\(word) → \(terms[0])")
    }

    @Test("Scanning with the filter finds exactly the words a full scan finds, in every sample text")
    func filteredScanFindsTheSameWords() {
        for practice in Samples.practices {
            let texts = Practice.Section.allCases.compactMap { practice.sections[$0] } + [practice.title]
            for text in texts {
                let all = Analyzer.tokens(text)
                guard !all.isEmpty else { continue }
                // A handful of the text's own terms, spread through it.
                let terms = Set(stride(from: 0, to: all.count, by: 7).map { all[$0].term })
                var cache = Analyzer.StemCache()
                var found: [AnalyzedToken] = []
                Analyzer.scanUntilStopped(text, cache: &cache, onlyStarting: Set(terms.map { Analyzer.start($0.utf8) })) { term, position, range in
                    if terms.contains(term) { found.append(AnalyzedToken(term: term, position: position, range: range)) }
                    return true
                }
                #expect(found == all.filter { terms.contains($0.term) }, "\(practice.slug)")
            }
        }
    }
}
