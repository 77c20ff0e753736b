import MosaicCore

/// Topic and country names in every interface language, for search: each practice is indexed with one
/// term for each of its topics and one for its country (which no text can produce), and a query word
/// that is part of a topic's or a country's name in any language also matches that term. A Spanish
/// "educación" finds the practices on the topic Education, a Ukrainian "Португалія" those in Portugal,
/// though their texts are in English. (English and French names are also indexed as words.)
struct MultilingualNames: Sendable {
    /// Query term → the topic and country terms whose names hold it.
    let termsByWord: [String: [String]]

    static func token(topic key: String) -> String { "\u{1}t:" + key }
    static func token(country code: String) -> String { "\u{1}c:" + code }

    init(taxonomy: Taxonomy, countries: CountryList) {
        // Words that mean nothing on their own ("und", "de", "të") are not mapped.
        let functionWords = ParsedQuery.stopWordsByLanguage.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        var table: [String: Set<String>] = [:]
        func add(_ name: String, _ token: String) {
            for word in name.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "(" || $0 == ")" }) {
                guard !functionWords.contains(TextFolding.fold(String(word))) else { continue }
                for term in Analyzer.terms(String(word)) where term.count >= 3 { table[term, default: []].insert(token) }
            }
        }
        for topic in taxonomy.topics {
            for name in topic.labels.values { add(name, Self.token(topic: topic.key.rawValue)) }
        }
        for country in countries.all {
            for name in [country.englishName, country.frenchName] + country.otherNames + Array(country.localNames.values) {
                add(name, Self.token(country: country.code.rawValue))
            }
        }
        termsByWord = table.mapValues { $0.sorted() }
    }
}
