import Testing
import MosaicCore
@testable import MosaicSearch

/// Each case: a query, the practice it must find, and the rank it must have at worst.
struct RelevanceCase: CustomTestStringConvertible, Sendable {
    let query: String
    let slug: String
    let rank: Int
    var testDescription: String { "\(query) → \(slug) ≤ #\(rank)" }
}

@Suite("Relevance on the sample content")
struct RelevanceTests {
    static let cases: [RelevanceCase] = [
        .init(query: "anti-rumour", slug: "anti-rumour-network", rank: 1),
        .init(query: "anti rumour", slug: "anti-rumour-network", rank: 1),
        .init(query: "antirumour", slug: "anti-rumour-network", rank: 1),
        .init(query: "rumours", slug: "anti-rumour-network", rank: 1),
        .init(query: "geneve", slug: "multilingual-city-information-line", rank: 1),
        .init(query: "Genève", slug: "multilingual-city-information-line", rank: 1),
        .init(query: "neuchatel", slug: "welcome-classes-for-newly-arrived-pupils", rank: 1),
        .init(query: "roma mediators", slug: "roma-school-mediators", rank: 1),
        .init(query: "mediator", slug: "intercultural-mediators-in-health-centres", rank: 4),
        .init(query: "libraries", slug: "welcome-points-in-public-libraries", rank: 2),
        .init(query: "library", slug: "library-of-living-languages", rank: 2),
        .init(query: "incub", slug: "refugee-owned-business-incubator", rank: 1),
        .init(query: "mentorng", slug: "newcomer-job-mentoring-with-local-employers", rank: 2),
        .init(query: "participatory budjet", slug: "participatory-budget-open-to-all-residents", rank: 1),
        .init(query: "\"open mosque days\"", slug: "open-mosque-days", rank: 1),
        .init(query: "médiathèque", slug: "library-of-living-languages", rank: 1),
        .init(query: "mediatheque", slug: "library-of-living-languages", rank: 1),
        .init(query: "Welcoming newcomers", slug: "neighbourhood-welcome-ambassadors", rank: 5),
        .init(query: "accueil des nouveaux arrivants", slug: "neighbourhood-welcome-ambassadors", rank: 8),
        .init(query: "Serbie", slug: "roma-school-mediators", rank: 3),
        .init(query: "police", slug: "police-and-communities-dialogue-forum", rank: 1),
        .init(query: "theatre", slug: "intercultural-theatre-company", rank: 1),
        .init(query: "théâtre interculturelle", slug: "intercultural-theatre-company", rank: 1),
        .init(query: "gardens", slug: "shared-gardens-on-housing-estates", rank: 1),
        .init(query: "housing estate mediation", slug: "residents-mediation-in-social-housing", rank: 2),
        .init(query: "Ansan", slug: "multicultural-family-centre", rank: 1),
        .init(query: "hate speech", slug: "hate-speech-monitoring-and-response", rank: 1),
    ]

    @Test("the expected practice ranks high enough", arguments: cases)
    func ranks(_ example: RelevanceCase) throws {
        let slugs = Samples.catalog.slugs(example.query)
        let rank = try #require(slugs.firstIndex(of: example.slug), "\(example.slug) not found in \(slugs.prefix(8))") + 1
        #expect(rank <= example.rank, "ranked #\(rank): \(slugs.prefix(example.rank + 2))")
    }

    @Test func titleMatchesRankAboveTextMatches() {
        let slugs = Samples.catalog.slugs("festival")
        #expect(slugs.first == "intercultural-festival-of-the-seasons")
    }

    @Test func exclusionRemovesPractices() {
        let all = Samples.catalog.slugs("mediators")
        let without = Samples.catalog.slugs("mediators -health")
        #expect(all.contains("intercultural-mediators-in-health-centres"))
        #expect(!without.contains("intercultural-mediators-in-health-centres"))
        #expect(!without.isEmpty)
    }

    @Test func phraseRequiresTheWordsInOrder() {
        #expect(Samples.catalog.slugs("\"days open mosque\"").isEmpty)
        #expect(Samples.catalog.slugs("\"mosque days open\"").isEmpty)
    }

    @Test func nothingMatchingAllWordsFallsBackToAnyWordAndSaysSo() {
        let result = Samples.catalog.search(CatalogQuery(text: "police zebra"))
        #expect(result.notice == .relaxed)
        #expect(result.hits.first?.practice.slug.rawValue == "police-and-communities-dialogue-forum")
        #expect(Samples.catalog.search(CatalogQuery(text: "police")).notice == nil)
        #expect(Samples.catalog.search(CatalogQuery(text: "zebra")).total == 0)
    }

    @Test func partialMatchesFollowFullOnesWhenTheseAreFewerThanAPage() {
        let result = Samples.catalog.search(CatalogQuery(text: "mosque festival", perPage: 10))
        let matches = result.hits.map(\.match)
        #expect(matches.first == .all)
        #expect(matches.contains(.partial))
        // Every full match comes before every partial one.
        #expect(matches == matches.sorted { $0 == .all && $1 == .partial })
        #expect(result.partialTotal == matches.filter { $0 == .partial }.count)
        #expect(result.notice == nil)
        // With a page smaller than the full matches, no partial match is added.
        let strict = Samples.catalog.search(CatalogQuery(text: "intercultural city", perPage: 1))
        #expect(strict.partialTotal == 0)
    }

    @Test func aCommonWordAloneDoesNotMakeAPartialMatch() {
        // "intercultural" is in every practice: one that has only it is not shown; "zumba" makes a match.
        var practices = (1...8).map { practice("Intercultural project \($0)", purpose: "An intercultural project.", published: Double($0)) }
        practices.append(practice("Zumba in the park", purpose: "Weekly zumba for neighbours.", published: 20))
        practices.append(practice("Intercultural zumba", purpose: "Zumba classes, intercultural.", published: 21))
        let catalog = Catalog(practices: practices, currentYear: 2026)
        let result = catalog.search(CatalogQuery(text: "intercultural zumba"))
        #expect(result.hits.map(\.listed.slug.rawValue) == ["intercultural-zumba", "zumba-in-the-park"])
        #expect(result.hits.map(\.match) == [.all, .partial])
    }

    @Test func aQueryWithNoGoodMatchSaysSoInsteadOfShowingNoise() {
        let result = Samples.catalog.search(CatalogQuery(text: "homeless shelters in winter"))
        #expect(result.total == 0)
        #expect(result.notice == .noGoodMatch)
    }

    @Test func didYouMeanOffersTheNearestKnownWords() {
        #expect(Samples.catalog.search(CatalogQuery(text: "libary")).suggestion == "library")
        #expect(Samples.catalog.search(CatalogQuery(text: "mosqe days")).suggestion == "mosque days")
        #expect(Samples.catalog.search(CatalogQuery(text: "library")).suggestion == nil)
    }

    @Test func exactMatchesRankAboveTypos() {
        let catalog = Catalog(practices: [
            practice("Media training", purpose: "Training for local media", published: 1),
            practice("Medic ceremony", purpose: "A medic for volunteers", published: 2),
        ], currentYear: 2026)
        // "media" has five letters: "medic" is one edit away, so both match, the exact one first
        // although the other practice is newer.
        #expect(catalog.slugs("media") == ["media-training", "medic-ceremony"])
    }

    @Test func snippetsMarkTheMatchingWords() throws {
        let hit = try #require(Samples.catalog.search(CatalogQuery(text: "rumours")).hits.first)
        #expect(hit.snippet.segments.contains { $0.highlighted && $0.text.lowercased().hasPrefix("rumour") })
        #expect(hit.snippet.text.count <= 210)
    }

    @Test func readersLanguageShowsTheTranslation() throws {
        let hit = try #require(Samples.catalog.search(CatalogQuery(text: "rumeurs", language: "fr")).hits.first)
        #expect(hit.practice.slug.rawValue == "anti-rumour-network")
        #expect(hit.snippet.language == "fr")
        #expect(hit.snippet.text.contains("rumeurs"))
    }
}
