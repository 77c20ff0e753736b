import MosaicCore
import Synchronization

/// What the search box suggests while a reader types: topics, countries and cities of the catalogue
/// whose names start like the text (in the reader's language, or English), and practices whose title
/// has a word that starts like it.
public struct Suggestion: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case topic, country, city, practice
    }

    public var kind: Kind
    /// The name as the reader's language writes it (a practice's title as written).
    public var label: String
    /// The topic key, country code, city name or practice slug.
    public var value: String
    /// Published practices under this topic, country or city (1 for a practice).
    public var count: Int
}

/// Every word start of every published title (and translated title), folded and cut to fifteen bytes so
/// that each key is stored inline, sorted: a prefix is found by binary search, at any catalogue size.
struct TitleStarts: Sendable {
    /// Sorted by key.
    let keys: [String]
    let documents: [Int32]
    static let keyBytes = 15

    init(index: CatalogIndex) {
        var entries: [(String, Int32)] = []
        index.alive.forEach { document in
            let listed = index.documents[document].packed.listed
            var titles = [listed.title]
            for translation in listed.translations.values { if let title = translation.title { titles.append(title) } }
            for title in Set(titles) {
                let folded = Array(TextFolding.fold(title).utf8)
                var start = 0
                while start < folded.count {
                    // A word starts after anything that is not a letter or digit.
                    while start < folded.count, !TitleStarts.isWordByte(folded[start]) { start += 1 }
                    guard start < folded.count else { break }
                    entries.append((TitleStarts.key(folded[start...]), Int32(document)))
                    while start < folded.count, TitleStarts.isWordByte(folded[start]) { start += 1 }
                }
            }
        }
        entries.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        keys = entries.map(\.0)
        documents = entries.map(\.1)
    }

    /// Letters and digits, and every byte of a multi-byte character.
    static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// At most `keyBytes` bytes, cut at a character boundary.
    static func key(_ bytes: ArraySlice<UInt8>) -> String {
        var end = min(bytes.endIndex, bytes.startIndex + keyBytes)
        while end < bytes.endIndex, end > bytes.startIndex, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }

    /// The documents with a title word starting with `prefix` (folded), in key order, at most `limit`.
    func documents(startingWith prefix: String, limit: Int) -> [Int32] {
        let key = TitleStarts.key(Array(prefix.utf8)[...])
        var low = 0, high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        var result: [Int32] = []
        var index = low
        while index < keys.count, keys[index].hasPrefix(key), result.count < limit {
            if !result.contains(documents[index]) { result.append(documents[index]) }
            index += 1
        }
        return result
    }
}

extension Catalog {
    /// At most this many suggestions of each kind.
    public static let suggestionsPerKind = 4
    /// Typed text longer than this gets no suggestions.
    public static let longestSuggestedText = 100

    /// Suggestions for `text` as typed so far, in `language`: topics, countries and cities first (those
    /// with most practices first), then practices whose title has a word starting like the text's last
    /// words.
    public func suggestions(for text: String, language: String) -> [Suggestion] {
        let typed = TextFolding.fold(text.trimmed)
        guard !typed.isEmpty, typed.unicodeScalars.count <= Self.longestSuggestedText else { return [] }
        // The start of a name, or of a later word of it: "Bosnia and Herzegovina" from "herz".
        let laterWords = [" " + typed, "-" + typed, "(" + typed]
        func matchesFolded(_ folded: String) -> Bool {
            folded.hasPrefix(typed) || laterWords.contains { folded.contains($0) }
        }
        func matches(_ name: String) -> Bool { matchesFolded(TextFolding.fold(name)) }
        var result: [Suggestion] = []
        let facets = index.facets
        func best(_ found: [Suggestion]) -> [Suggestion] {
            Array(found.sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }.prefix(Self.suggestionsPerKind))
        }
        var topics: [Suggestion] = []
        for topic in taxonomy.topics {
            guard let id = facets.topics.id(of: topic.key.rawValue), baseline.topics[Int(id)] > 0 else { continue }
            let label = topic.label(in: language)
            if matches(label) || matches(topic.label(in: "en")) {
                topics.append(Suggestion(kind: .topic, label: label, value: topic.key.rawValue, count: baseline.topics[Int(id)]))
            }
        }
        result += best(topics)
        var countryHits: [Suggestion] = []
        for (id, code) in facets.countries.keysWithIDs where baseline.countries[id] > 0 {
            guard let country = countries[Country.Code(rawValue: code)] else { continue }
            let label = country.name(in: language)
            if matches(label) || matches(country.englishName) {
                countryHits.append(Suggestion(kind: .country, label: label, value: code, count: baseline.countries[id]))
            }
        }
        result += best(countryHits)
        var cityHits: [Suggestion] = []
        for (id, key) in facets.cities.keysWithIDs where baseline.cities[id] > 0 && matchesFolded(key) {
            cityHits.append(Suggestion(kind: .city, label: facets.cityNames[id], value: facets.cityNames[id], count: baseline.cities[id]))
        }
        result += best(cityHits)
        // Titles: by their words; newest practices first among equal matches.
        let starts = titleStarts()
        let lastWords = typed.split(separator: " ").suffix(1).joined()
        let documents = starts.documents(startingWith: lastWords, limit: 200)
            .filter { document in TextFolding.fold(index.documents[Int(document)].packed.listed.title).contains(typed) || typed == lastWords }
        let newest = index.ranks.newest
        for document in documents.sorted(by: { newest[Int($0)] < newest[Int($1)] }).prefix(Self.suggestionsPerKind) {
            let listed = index.documents[Int(document)].packed.listed
            let title = listed.translations[language]?.title ?? listed.title
            result.append(Suggestion(kind: .practice, label: title, value: listed.slug.rawValue, count: 1))
        }
        return result
    }

    /// The word starts of the titles, made the first time a suggestion is asked of this snapshot.
    func titleStarts() -> TitleStarts {
        if let known = titleStartsMemo.withLock({ $0 }) { return known }
        let made = TitleStarts(index: index)
        titleStartsMemo.withLock { $0 = made }
        return made
    }
}

extension FacetIndex.Values {
    /// Each key with its identifier.
    var keysWithIDs: EnumeratedSequence<[String]> { keys.enumerated() }
}
