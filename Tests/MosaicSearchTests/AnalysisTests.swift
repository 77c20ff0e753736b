import Foundation
import Testing
import MosaicCore
@testable import MosaicSearch

@Suite("Text analysis and the query language")
struct AnalysisTests {
    @Test(arguments: [
        ("Genève", ["genev"]), ("ŁÓDŹ", ["lodz"]), ("Straße", ["strass"]), ("Øresund", ["oresund"]), ("cœur", ["coeur"]),
        ("Đakovo", ["dakovo"]), ("anti-rumour", ["anti", "rumour", "antirumour"]), ("l'accueil", ["accueil"]),
        ("the libraries", ["librari"]), ("policies", ["polici"]), ("journaux", ["journ"]), ("nouveaux", ["nouveau"]),
        ("welcoming", ["welcom"]), ("welcome", ["welcom"]), ("trained", ["train"]), ("training", ["train"]),
        ("housing", ["hous"]), ("culturelles", ["cultur"]), ("2019", ["2019"]),
    ])
    func analysis(_ text: String, _ terms: [String]) {
        #expect(Analyzer.terms(text) == terms)
    }

    /// Word families: every form of a line shares one stem, and no two lines share one.
    static let families: [[String]] = [
        // English: plurals, -ing/-ed, -ion/-ate/-atory/-ator, -ness, -ful, -ity, -al, -ment.
        ["participation", "participations", "participate", "participated", "participating", "participatory"],
        ["mediation", "mediate", "mediating", "mediator", "mediators", "médiateur", "médiatrice", "médiatrices"],
        ["integration", "integrate", "integrated", "integrating", "intégration", "Integrationen"],
        ["education", "educational", "educate", "educated", "educator", "éducation"],
        ["culture", "cultures", "cultural", "culturel", "culturelle", "culturelles"],
        ["intercultural", "interculturel", "interculturelle", "interculturels"],
        ["awareness", "aware"],
        ["openness", "open", "opened", "opening"],
        ["successful", "success"],
        ["diversity", "diverse", "diversité", "diversités"],
        ["security", "sécurité"],
        ["employment", "employ", "employed", "employing", "employs"],
        ["municipality", "municipalities", "municipal"],
        ["professional", "professionnel", "professionnelle", "professionnels"],
        ["policy", "policies"],
        ["activity", "activities", "active", "actif", "activité", "actives"],
        // French: plurals, feminine forms, -ment, -tion, -ité.
        ["réfugié", "réfugiés", "réfugiée", "réfugiées", "refugies"],
        ["logement", "logements"],
        ["engagement", "engagé", "engagée", "engagés"],
        ["européen", "européenne", "européennes", "européens"],
        ["jeune", "jeunes"],
        ["école", "écoles"],
        ["nouveau", "nouveaux"],
    ]

    @Test("word families share a stem", arguments: families)
    func familiesShareAStem(_ family: [String]) {
        let stems = Set(family.map { Analyzer.stem(TextFolding.fold($0)) })
        #expect(stems.count == 1, "\(family): \(stems)")
    }

    @Test func familiesStayApart() {
        let stems = Self.families.map { Analyzer.stem(TextFolding.fold($0[0])) }
        #expect(Set(stems).count == stems.count, "\(stems)")
        // Words that only look alike keep their own stems.
        for (a, b) in [("media", "mediation"), ("station", "state"), ("local", "location"), ("polic", "policy")] {
            #expect(Analyzer.stem(a) != Analyzer.stem(b), "\(a) and \(b)")
        }
    }

    @Test func positionsKeepStopWordsInPlace() {
        let tokens = Analyzer.tokens("city of sanctuary")
        #expect(tokens.map(\.term) == ["citi", "sanctuari"])
        #expect(tokens.map(\.position) == [0, 2])
    }

    @Test func rangesPointAtTheOriginalWords() {
        let text = "Café Genève"
        let token = Analyzer.tokens(text)[1]
        let utf8 = Array(text.utf8)
        #expect(String(decoding: utf8[token.range], as: UTF8.self) == "Genève")
    }

    @Test func queryParsing() {
        let parsed = ParsedQuery(#"welcome "open mosque days" -police desk"#)
        #expect(parsed.words == ["welcome", "desk"])
        #expect(parsed.phrases == ["open mosque days"])
        #expect(parsed.excluded == ["police"])
        #expect(parsed.prefix == "desk")
        #expect(ParsedQuery("desk ").prefix == nil)
        #expect(ParsedQuery(#""unclosed phrase"#).phrases == ["unclosed phrase"])
    }

    static let small = Catalog(practices: [
        practice("Welcome desk", country: "CH", cities: ["Genève"], topics: ["welcoming"], purpose: "Newcomers get advice", published: 5),
        practice("Anti rumour campaign", country: "ES", cities: ["Getxo"], purpose: "Rumours about migrants", published: 4),
        practice("Maison des langues", country: "FR", cities: ["Łódź"], language: "fr", purpose: "Les écoles et les bibliothèques", published: 3),
        practice("Interkulturelle Woche", country: "DE", cities: ["Köln"], topics: ["interaction"], language: "de", purpose: "Straßenfest für alle", published: 2),
        practice("Neighbourhood mediation", country: "GB", purpose: "Mediators resolve disputes between neighbours", published: 1),
    ], currentYear: 2026)

    @Test(arguments: [
        ("geneve", "welcome-desk"), ("GENÈVE", "welcome-desk"), ("antirumour", "anti-rumour-campaign"),
        ("anti-rumour", "anti-rumour-campaign"), ("lodz", "maison-des-langues"), ("ecole", "maison-des-langues"),
        ("bibliotheque", "maison-des-langues"), ("strasse", "interkulturelle-woche"), ("koln", "interkulturelle-woche"),
        ("mediator", "neighbourhood-mediation"), ("neighbours", "neighbourhood-mediation"), ("Allemagne", "interkulturelle-woche"),
        ("Switzerland", "welcome-desk"), ("Suisse", "welcome-desk"), ("accueil nouveaux", "welcome-desk"), ("Interaction", "interkulturelle-woche"),
        ("neighbourhod", "neighbourhood-mediation"), ("medaition", "neighbourhood-mediation"), ("neigh", "neighbourhood-mediation"),
    ])
    func finds(_ query: String, _ slug: String) {
        #expect(Self.small.slugs(query).first == slug, "\(query): \(Self.small.slugs(query))")
    }

    @Test func typoLimitsFollowWordLength() {
        // Four letters: no typo allowed ("desq" is not "desk"), but it is a prefix of nothing either.
        #expect(Self.small.slugs("desq ").isEmpty)
        // Nine letters and more: two edits allowed.
        #expect(Self.small.slugs("neihgbourhod ").first == "neighbourhood-mediation")
    }
}

@Suite("Snapshots and their updates")
struct SnapshotTests {
    @Test func updatingOnePracticeMatchesARebuild() {
        let generator = SyntheticCatalog(seed: 9)
        var practices = (0..<300).map(generator.practice)
        var catalog = Catalog(practices: practices, currentYear: 2026)
        // Change the title of one practice, unpublish another, add a new one.
        practices[10].title = "Zanzibar lantern walks"
        practices[20].status = .unpublished
        var added = generator.practice(1000)
        added.status = .published
        practices.append(added)
        for changed in [practices[10], practices[20], added] { catalog = catalog.updating(changed) }
        let rebuilt = Catalog(practices: practices, currentYear: 2026)

        for text in ["", "zanzibar", "festival", "training"] {
            let query = CatalogQuery(text: text, perPage: 100)
            let a = catalog.search(query), b = rebuilt.search(query)
            #expect(a.total == b.total, "\(text)")
            #expect(Set(a.hits.map(\.practice.id)) == Set(b.hits.map(\.practice.id)), "\(text)")
            for facet in CatalogQuery.Facet.allCases {
                #expect(Set(a.facets[facet] ?? []) == Set(b.facets[facet] ?? []), "\(facet) for \(text)")
            }
        }
        #expect(catalog.practice(slug: practices[10].slug)?.title == "Zanzibar lantern walks")
        #expect(catalog.practice(slug: practices[20].slug) == nil)
        #expect(catalog.version == 4)
        #expect(catalog.count == rebuilt.count)
    }

    @Test func holderSwapsSnapshotsAtomically() async {
        let holder = CatalogHolder(Catalog(practices: [], currentYear: 2026))
        await withTaskGroup(of: Void.self) { group in
            for n in 0..<40 {
                group.addTask {
                    holder.update { $0.updating(practice("Practice \(n)", published: Double(n))) }
                }
                group.addTask {
                    let snapshot = holder.catalog
                    let result = snapshot.search(CatalogQuery(perPage: 100))
                    #expect(result.total == snapshot.count)
                }
            }
        }
        #expect(holder.catalog.count == 40, "no update was lost")
        #expect(holder.catalog.version == 41)
    }

    @Test func undatedAndOngoingYears() {
        let catalog = Catalog(practices: [
            practice("A", period: "Since 2024"), practice("B", period: "2020-2021"), practice("C", period: "N/A"),
        ], currentYear: 2026)
        let years = catalog.search(CatalogQuery()).facets[.year] ?? []
        let counts = Dictionary(uniqueKeysWithValues: years.map { ($0.value, $0.count) })
        #expect(counts == ["2020": 1, "2021": 1, "2024": 1, "2025": 1, "2026": 1, "undated": 1])
        #expect(years.first { $0.value == "undated" }?.label == "Not dated")
        #expect(catalog.search(CatalogQuery(years: ["undated"])).hits.map(\.practice.title) == ["C"])
        #expect(catalog.search(CatalogQuery(years: ["2025"])).hits.map(\.practice.title) == ["A"])
    }
}
