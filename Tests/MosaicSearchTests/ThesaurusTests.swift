import Testing
import MosaicCore
@testable import MosaicSearch

@Suite("The thesaurus: read from its file, used to expand queries")
struct ThesaurusTests {
    @Test func theShippedFileIsValidAndCoversTheTopics() throws {
        let thesaurus = Thesaurus.standard
        #expect(thesaurus.concepts.count >= 300)
        for topic in Taxonomy.standard.topics {
            #expect(thesaurus.concept(withKey: topic.key.rawValue) != nil, "no concept for the topic \(topic.key.rawValue)")
        }
        for concept in thesaurus.concepts {
            #expect(!concept.english.isEmpty && !concept.french.isEmpty, "\(concept.key) lacks English or French terms")
        }
        // The vocabulary the issue names: work and jobs, refugees and asylum, racism and discrimination, ...
        for word in ["job", "refugee", "asylum", "racism", "discrimination", "housing", "school", "religion", "voting", "police", "rumour"] {
            #expect(!thesaurus.concepts(matching: Thesaurus.words(of: word)[...]).isEmpty, "\(word) is in no concept")
        }
    }

    @Test func mistakesAreRefusedWithTheirLine() {
        func problem(_ text: String) -> Thesaurus.Problem? {
            do { _ = try Thesaurus(text: text); return nil } catch let problem as Thesaurus.Problem { return problem } catch { return nil }
        }
        #expect(problem("# comment\njob\tjob | work\temploi\n")?.line == 2)                        // three columns
        #expect(problem("Job\tjob\temploi\t\n")?.message.contains("lower-case") == true)
        #expect(problem("job\tjob\temploi\t\njob\twork\ttravail\t\n")?.message.contains("already used on line 1") == true)
        #expect(problem("job\tjob\temploi\tlabour\n")?.message.contains("\"labour\" is not a key") == true)
        #expect(problem("a\tx\tx\tb\nb\ty\ty\ta\n")?.message.contains("broader than itself") == true)
        #expect(problem("a\t\t\t\n")?.message.contains("no English or French term") == true)
        #expect(problem("# only comments\n\n") == nil)
    }

    static let catalog = Catalog(practices: [
        practice("Jobs for newcomers", purpose: "Local employers offer jobs and mentoring.", published: 5),
        practice("A guide for refugees", purpose: "Refugees write the city's guide.", published: 4),
        practice("Observatoire des discriminations", country: "FR", language: "fr", purpose: "Signaler les discriminations.", published: 3),
        practice("Youth theatre", purpose: "Young people stage plays in schools.", published: 2),
        practice("Employment fair", purpose: "Employment advice for all.", published: 1),
    ], currentYear: 2026)

    @Test(arguments: [
        ("employment", "jobs-for-newcomers"), ("asylum seekers", "a-guide-for-refugees"), ("réfugiés", "a-guide-for-refugees"),
        ("racism", "observatoire-des-discriminations"), ("jeunes", "youth-theatre"), ("écoles", "youth-theatre"),
        ("emploi", "jobs-for-newcomers"),
    ])
    func equivalentsAreFound(_ query: String, _ slug: String) {
        #expect(Self.catalog.slugs(query).contains(slug), "\(query): \(Self.catalog.slugs(query))")
    }

    @Test func theWordsAsTypedRankAboveTheirEquivalents() {
        // "Employment fair" says the word; "Jobs for newcomers" says an equivalent.
        #expect(Self.catalog.slugs("employment").prefix(2) == ["employment-fair", "jobs-for-newcomers"])
    }

    @Test func highlightsShowWhatMatched() {
        let hit = Self.catalog.search(CatalogQuery(text: "asylum seekers")).hits.first
        #expect(hit?.snippet.segments.contains { $0.highlighted && $0.text == "Refugees" } == true, "\(String(describing: hit?.snippet))")
    }

    @Test("An equivalent of several words needs all of them, also when one is rare and the other common")
    func severalWordEquivalents() throws {
        let thesaurus = try Thesaurus(text: "tongue\tmother tongue\tlangue maternelle\t\n")
        var practices = (1...40).map { practice("Mother and child \($0)", purpose: "For every mother.", published: Double($0)) }
        practices.append(practice("Tongue twisters", purpose: "A mother tongue day.", published: 50))
        practices.append(practice("Tongue only", purpose: "The tongue, alone.", published: 51))
        let catalog = Catalog(practices: practices, currentYear: 2026, thesaurus: thesaurus)
        // "mother" is in 41 practices and "tongue" in 2: the rare word's list is walked, "mother" looked up.
        #expect(catalog.slugs("langue maternelle") == ["tongue-twisters"])
    }

    @Test func anEmptyThesaurusExpandsNothing() {
        let plain = Catalog(practices: Self.catalog.practices, currentYear: 2026, thesaurus: Thesaurus())
        #expect(plain.slugs("asylum seekers").isEmpty)
    }
}
