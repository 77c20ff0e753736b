import Foundation
import Testing
import MosaicCore
@testable import MosaicSearch

/// A query in any interface language finds practices written in English or French through the names
/// of topics and countries, and the reader's function words do not get in the way.
@Suite("Search in the network's languages")
struct LanguageSearchTests {
    static let catalog = Samples.catalog

    func slugs(_ text: String, language: String = "en") -> Set<String> {
        Set(Self.catalog.search(CatalogQuery(text: text, perPage: 100, language: language)).hits.map(\.listed.slug.rawValue))
    }

    func topic(_ key: String) -> Set<String> {
        Set(Self.catalog.search(CatalogQuery(topics: [key], perPage: 100)).hits.map(\.listed.slug.rawValue))
    }

    func country(_ code: String) -> Set<String> {
        Set(Self.catalog.search(CatalogQuery(countries: [code], perPage: 100)).hits.map(\.listed.slug.rawValue))
    }

    @Test("Topic names in every language find the topic's practices", arguments: [
        ("Bildung", "de"), ("educación", "es"), ("istruzione", "it"), ("educação", "pt"), ("Εκπαίδευση", "el"),
        ("Hezkuntza", "eu"), ("Koulutus", "fi"), ("Arsimi", "sq"), ("obrazovanje", "sr"), ("Освіта", "uk"), ("Eğitim", "tr"),
    ])
    func topicNames(word: String, language: String) {
        let found = slugs(word, language: language)
        #expect(!topic("education").isEmpty)
        #expect(topic("education").isSubset(of: found), "\(word)")
    }

    @Test("Country names in every language find the country's practices")
    func countryNames() {
        let portugal = country("PT")
        #expect(!portugal.isEmpty)
        for name in ["Portugal", "Portogallo", "Πορτογαλία", "Португалія", "Portekiz", "Portugali"] {
            #expect(portugal.isSubset(of: slugs(name)), "\(name)")
        }
        #expect(CountryList.standard.find("Deutschland")?.code.rawValue == "DE")
        #expect(CountryList.standard.find("Німеччина")?.code.rawValue == "DE")
        // English and French names keep their country where another language names another one so.
        #expect(CountryList.standard.find("Georgia")?.code.rawValue == "GE")
    }

    @Test("The reader's function words are dropped, but only in the reader's language")
    func functionWords() {
        let education = topic("education")
        #expect(education.isSubset(of: slugs("die Bildung", language: "de")))
        #expect(ParsedQuery("die Bildung", language: "de").words == ["Bildung"])
        #expect(ParsedQuery("die Bildung", language: "en").words == ["die", "Bildung"])
        // A query of function words only is searched as typed.
        #expect(ParsedQuery("die", language: "de").words == ["die"])
    }

    @Test("Plural families of German, Spanish, Portuguese and Italian share a stem", arguments: [
        ["Integration", "Integrationen"], ["Beratung", "Beratungen"], ["Gemeinschaft", "Gemeinschaften"], ["Gelegenheit", "Gelegenheiten"],
        ["Möglichkeit", "Möglichkeiten"], ["integración", "integraciones"], ["ciudad", "ciudades"], ["integração", "integrações"],
        ["cidade", "cidades"], ["integrazione", "integrazioni"], ["comunicazione", "comunicazioni"],
    ])
    func pluralFamilies(words: [String]) {
        let stems = Set(words.map { Analyzer.stem(TextFolding.fold($0)) })
        #expect(stems.count == 1, "\(words): \(stems)")
    }

    @Test("English and French words keep their stems")
    func englishAndFrenchUnchanged() {
        for (word, stem) in [("suspicions", "suspicion"), ("cascade", "cascad"), ("houses", "hous"), ("welcoming", "welcom"), ("journaux", "journ")] {
            #expect(Analyzer.stem(word) == stem, "\(word)")
        }
    }

    @Test("A German compound is searched as its parts, also joined by an s")
    func germanCompounds() {
        let catalog = Catalog(practices: [
            Practice(slug: Slug(making: "beirat"), title: "Ein Beirat für Integration", country: Country.Code(rawValue: "DE"),
                     language: "de", sections: [.purpose: "Der Beirat berät die Stadt in Fragen der Integration."], status: .published),
            Practice(slug: Slug(making: "other"), title: "Sprachcafé", country: Country.Code(rawValue: "DE"), language: "de",
                     sections: [.purpose: "Menschen lernen Deutsch beim Kaffee."], status: .published),
        ], currentYear: 2026)
        #expect(catalog.search(CatalogQuery(text: "Beirat", language: "de")).total == 1)
        let result = catalog.search(CatalogQuery(text: "Integrationsbeirat ", language: "de"))
        #expect(result.hits.map(\.listed.slug.rawValue) == ["beirat"])
        let joined = catalog.search(CatalogQuery(text: "Sprachenbeirat ", language: "de"))
        #expect(joined.total == 0 || joined.notice == .relaxed)
    }
}

@Suite("Orders readers expect")
struct OrderTests {
    static func practice(_ title: String, published: Date, start: Int?) -> Practice {
        var practice = Practice(slug: Slug(making: title), title: title, country: Country.Code(rawValue: "PT"), language: "en",
                                sections: [.purpose: "Text."], status: .published, publishedAt: published)
        practice.periodStart = start
        return practice
    }

    @Test("Titles sort without the quotation marks they start with; practices published together, by their period's start")
    func titlesAndNewest() {
        let day = Date(timeIntervalSince1970: 1_700_000_000)
        let catalog = Catalog(practices: [
            Self.practice("\u{201C}Zebra\u{201D} crossings", published: day, start: 2012),
            Self.practice("« Vivre ensemble »", published: day, start: 2019),
            Self.practice("Anti-rumour network", published: day, start: 2015),
            Self.practice("Brand new", published: day.addingTimeInterval(86_400), start: 2001),
        ], currentYear: 2026)
        let byTitle = catalog.search(CatalogQuery(sort: .title)).hits.map(\.listed.title)
        #expect(byTitle == ["Anti-rumour network", "Brand new", "« Vivre ensemble »", "\u{201C}Zebra\u{201D} crossings"])
        let newest = catalog.search(CatalogQuery(sort: .newest)).hits.map(\.listed.title)
        #expect(newest == ["Brand new", "« Vivre ensemble »", "Anti-rumour network", "\u{201C}Zebra\u{201D} crossings"])
    }
}
