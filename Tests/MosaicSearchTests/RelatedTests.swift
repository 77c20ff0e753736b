import Testing
import MosaicCore
@testable import MosaicSearch

@Suite("Related practices")
struct RelatedTests {
    static let catalog = Catalog(practices: [
        practice("Open mosque days", country: "GB", topics: ["interaction"],
                 purpose: "Mosques open their doors: neighbours visit, share tea and ask about prayer and the minaret.", published: 1),
        practice("Minaret tours for pupils", country: "DE", topics: ["education"],
                 purpose: "Pupils visit mosques with an imam and learn about prayer, the minaret and the mosque's neighbours.", published: 2),
        practice("Street party", country: "GB", topics: ["interaction"], purpose: "Neighbours close the street for a party.", published: 3),
        practice("Library cards for all", country: "FR", topics: ["public-services"], purpose: "Every resident gets a library card.", published: 4),
        practice("Job fair", country: "PT", topics: ["business"], purpose: "Employers meet jobseekers.", published: 5),
    ], currentYear: 2026)

    @Test func practicesThatShareDistinctiveWordsAreRelated() throws {
        let mosque = try #require(Self.catalog.practices.first { $0.title == "Open mosque days" })
        let related = Self.catalog.related(to: mosque, limit: 2).map(\.title)
        // Same topic and country (the street party), and the same distinctive words in another country and topic.
        #expect(related.contains("Minaret tours for pupils"), "\(related)")
        #expect(related.contains("Street party"), "\(related)")
        #expect(!Self.catalog.related(to: mosque, limit: 5).map(\.title).contains("Open mosque days"))
    }

    @Test func distinctiveWordsAreRareButShared() throws {
        let mosque = try #require(Self.catalog.practices.first { $0.title == "Open mosque days" })
        let words = Self.catalog.distinctiveTerms(of: mosque, limit: 10).map { Self.catalog.index.vocabulary.term($0.term) }
        #expect(words.contains("minaret"))
        #expect(!words.contains("tea"), "a word of this practice alone finds nothing: \(words)")
    }
}
