import Testing
import MosaicCore
@testable import MosaicSearch

@Suite("Suggestions while typing")
struct SuggestionTests {
    @Test func topicsCountriesCitiesThenPractices() {
        let found = Samples.catalog.suggestions(for: "lis", language: "en")
        #expect(found.contains { $0.kind == .city && $0.label == "Lisbon" && $0.count >= 1 })
        // Kinds come in their order: topics, countries, cities, practices.
        let order = found.map { Suggestion.Kind.allCases.firstIndex(of: $0.kind)! }
        #expect(order == order.sorted())
    }

    @Test func namesInTheReadersLanguageAndLaterWords() {
        let french = Samples.catalog.suggestions(for: "accueil", language: "fr")
        #expect(french.first == Suggestion(kind: .topic, label: "Accueil des nouveaux arrivants", value: "welcoming",
                                           count: french.first?.count ?? 0))
        // A later word of a name, and English names from any language.
        #expect(Samples.catalog.suggestions(for: "newcomers", language: "en").contains { $0.kind == .topic && $0.value == "welcoming" })
        #expect(Samples.catalog.suggestions(for: "switz", language: "fr").contains { $0.kind == .country && $0.label == "Suisse" })
        // Practices by a word of their title, as the reader's language writes it.
        #expect(Samples.catalog.suggestions(for: "mosq", language: "en").contains { $0.kind == .practice && $0.value == "open-mosque-days" })
        #expect(Samples.catalog.suggestions(for: "open mosq", language: "en").contains { $0.value == "open-mosque-days" })
        #expect(!Samples.catalog.suggestions(for: "closed mosq", language: "en").contains { $0.value == "open-mosque-days" })
    }

    @Test func boundedAndEmptyWhenThereIsNothingToSay() {
        #expect(Samples.catalog.suggestions(for: "", language: "en").isEmpty)
        #expect(Samples.catalog.suggestions(for: "   ", language: "en").isEmpty)
        #expect(Samples.catalog.suggestions(for: "zzzzqx", language: "en").isEmpty)
        #expect(Samples.catalog.suggestions(for: String(repeating: "a", count: 101), language: "en").isEmpty)
        let many = Samples.catalog.suggestions(for: "in", language: "en")
        for kind in Suggestion.Kind.allCases { #expect(many.filter { $0.kind == kind }.count <= Catalog.suggestionsPerKind) }
    }

    @Test func titleKeysAreCutAtACharacterBoundary() {
        let key = TitleStarts.key(Array("ééééééééé".utf8)[...])
        #expect(key.utf8.count <= TitleStarts.keyBytes)
        #expect(key == "ééééééé")
    }
}
