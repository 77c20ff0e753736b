import MosaicCore

/// Everything a reader can ask of the catalogue: text, filters, sort and page. Several values in one
/// filter combine with OR; filters combine with AND.
public struct CatalogQuery: Hashable, Sendable {
    public enum Sort: String, CaseIterable, Sendable {
        /// Best match first (the default when there is text).
        case relevance
        /// Newest published first (the default otherwise).
        case newest
        /// Title A–Z, accents ignored.
        case title
        /// Earliest period start first, undated last.
        case period
    }

    /// The facets a query can filter on, in the order they are shown.
    public enum Facet: String, CaseIterable, Sendable {
        case topic, country, city, year, language
    }

    public var text: String
    public var topics: [String]
    public var countries: [String]
    public var cities: [String]
    /// Years (`"2019"`) or `"undated"`.
    public var years: [String]
    public var languages: [String]
    /// Nil for the default: relevance with text, newest without.
    public var sort: Sort?
    /// 1-based.
    public var page: Int
    public var perPage: Int
    /// The reader's language: labels, translations and snippets follow it.
    public var language: String
    /// Only practices the reader can read in their language: written in it, or translated into it.
    public var availableOnly = false
    /// Practices that ran in at least one year of this range (either end may be open); dated ones only.
    /// Part of the Year facet: it combines with `years` by OR.
    public var yearFrom: Int?
    public var yearTo: Int?

    public static let pageSizes = [10, 20, 50, 100]
    public static let defaultPageSize = 20
    /// The value of the Year facet for practices without a start year.
    public static let undated = "undated"

    public init(text: String = "", topics: [String] = [], countries: [String] = [], cities: [String] = [],
                years: [String] = [], languages: [String] = [], sort: Sort? = nil, page: Int = 1,
                perPage: Int = CatalogQuery.defaultPageSize, language: String = "en") {
        self.text = text
        self.topics = topics
        self.countries = countries
        self.cities = cities
        self.years = years
        self.languages = languages
        self.sort = sort
        self.page = page
        self.perPage = perPage
        self.language = language
    }

    public var hasText: Bool { !text.trimmed.isEmpty }

    /// The sort actually applied.
    public var effectiveSort: Sort { sort ?? (hasText ? .relevance : .newest) }

    /// The selected values of a facet.
    public func selection(_ facet: Facet) -> [String] {
        switch facet {
        case .topic: topics
        case .country: countries
        case .city: cities
        case .year: years
        case .language: languages
        }
    }

    public mutating func setSelection(_ facet: Facet, _ values: [String]) {
        switch facet {
        case .topic: topics = values
        case .country: countries = values
        case .city: cities = values
        case .year: years = values
        case .language: languages = values
        }
    }

    /// True when a filter is selected.
    public var hasFilters: Bool { hasYearRange || Facet.allCases.contains { !selection($0).isEmpty } }

    /// True when a year range is set.
    public var hasYearRange: Bool { yearFrom != nil || yearTo != nil }

    /// The years a range may name.
    public static let rangeYears = 1000...9999
}

/// The answer to a query: the total, one page of hits, every facet with its counts.
public struct CatalogResult: Sendable {
    public enum Notice: String, Sendable {
        /// No practice matched every word, so practices matching some of the words are shown.
        case relaxed
        /// No practice matched every word, and none matched enough of them: nothing is shown.
        case noGoodMatch = "no_good_match"
    }

    /// How a hit matched the words of the query.
    public enum Match: String, Sendable {
        /// Every word (or there were no words).
        case all
        /// Some of the words, weighted by their rarity: listed after those that match all.
        case partial
    }

    public struct Hit: Sendable {
        let packed: CompactPractice
        /// The practice as a list shows it: all but its section texts, links and contact (a card needs
        /// only the snippet), unpacked without decoding those.
        public let listed: Practice
        public let score: Double
        public let snippet: Snippet
        public let match: Match

        /// The whole practice, unpacked on each use.
        public var practice: Practice { packed.practice }
    }

    public struct FacetValue: Hashable, Sendable {
        public var value: String
        public var label: String
        public var count: Int
        public var selected: Bool
    }

    /// Every practice listed: those matching all the words, then those matching some.
    public var total: Int
    /// How many of `total` match only some of the words (0 without words).
    public var partialTotal = 0
    /// The query with each word the catalogue does not know replaced by the nearest word it knows
    /// ("Did you mean"), or nil when every word is known or has no near word.
    public var suggestion: String?
    public var page: Int
    public var perPage: Int
    public var notice: Notice?
    public var hits: [Hit]
    public var facets: [CatalogQuery.Facet: [FacetValue]]
    /// The catalogue version that answered.
    public var version: Int

    /// The number of pages, at least 1.
    public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
    /// 1-based positions of the first and last hit shown, for "Showing a–b of N".
    public var range: ClosedRange<Int>? {
        hits.isEmpty ? nil : ((page - 1) * perPage + 1)...((page - 1) * perPage + hits.count)
    }
}

/// A short passage of a practice's text, with the words that matched the query marked.
public struct Snippet: Hashable, Sendable {
    public struct Segment: Hashable, Sendable {
        public var text: String
        public var highlighted: Bool
        public init(text: String, highlighted: Bool) {
            self.text = text
            self.highlighted = highlighted
        }
    }

    public var segments: [Segment]
    /// The language the passage is written in.
    public var language: String

    public init(segments: [Segment], language: String) {
        self.segments = segments
        self.language = language
    }

    public var text: String { segments.map(\.text).joined() }

    /// The highlighted parts as UTF-16-free character offsets into `text`.
    public var highlights: [Range<Int>] {
        var offset = 0
        var ranges: [Range<Int>] = []
        for segment in segments {
            let length = segment.text.count
            if segment.highlighted { ranges.append(offset..<(offset + length)) }
            offset += length
        }
        return ranges
    }
}
