import Foundation

/// A good practice: one city's (or one country's) policy, described with the sections of the template.
public struct Practice: Hashable, Sendable, Identifiable {
    /// A stable identifier, never reused. Imports may supply their own.
    public struct ID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
        public static func < (lhs: ID, rhs: ID) -> Bool { lhs.rawValue < rhs.rawValue }

        /// A new random identifier.
        public static func generate() -> ID { ID(rawValue: UUID().uuidString.lowercased()) }
    }

    /// The long-text sections of the template, in the order they are shown.
    public enum Section: String, CaseIterable, Hashable, Sendable, Comparable {
        case purpose, rationale, process, impact, references, evaluation, resources, partners, lessons, transferability

        public static func < (lhs: Section, rhs: Section) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Where a practice is in its life. Only `published` practices are public.
    public enum Status: String, CaseIterable, Hashable, Sendable {
        case draft, submitted
        case changesRequested = "changes_requested"
        case published, unpublished
    }

    /// How the impact of a practice is known.
    public enum Evidence: String, CaseIterable, Hashable, Sendable {
        case none, anecdotal, monitoring
        case internalEvaluation = "internal_evaluation"
        case externalEvaluation = "external_evaluation"
    }

    /// A web link with a title; only `http` and `https` URLs are accepted.
    public struct Link: Hashable, Sendable {
        public var title: String
        public var url: String
        public init(title: String, url: String) {
            self.title = title
            self.url = url
        }
    }

    /// Who runs the practice. Never shown publicly as such.
    public struct Contact: Hashable, Sendable {
        public var name: String?
        public var organisation: String?
        public var email: String?
        public init(name: String? = nil, organisation: String? = nil, email: String? = nil) {
            self.name = name
            self.organisation = organisation
            self.email = email
        }
        public var isEmpty: Bool { name == nil && organisation == nil && email == nil }
    }

    /// The text of a practice in another language; what is missing falls back to the original.
    public struct Translation: Hashable, Sendable {
        public var title: String?
        public var subtitle: String?
        public var period: String?
        public var sections: [Section: String]
        public init(title: String? = nil, subtitle: String? = nil, period: String? = nil, sections: [Section: String] = [:]) {
            self.title = title
            self.subtitle = subtitle
            self.period = period
            self.sections = sections
        }
        public var isEmpty: Bool { title == nil && subtitle == nil && period == nil && sections.isEmpty }
    }

    public var id: ID
    public var slug: Slug
    public var title: String
    public var subtitle: String?
    public var country: Country.Code
    public var cities: [String]
    /// The period exactly as written.
    public var period: String?
    /// Read from `period`, or set by an editor.
    public var periodStart: Int?
    public var periodEnd: Int?
    public var ongoing: Bool
    public var topics: [Topic.Key]
    /// The language of the original text, BCP 47 (`en`, `fr`, `sr-Latn`).
    public var language: String
    /// The template's text sections; absent sections are simply not in the dictionary.
    public var sections: [Section: String]
    public var evidence: Evidence?
    public var links: [Link]
    public var contact: Contact
    /// Keyed by language code.
    public var translations: [String: Translation]
    public var status: Status
    public var createdAt: Date
    public var updatedAt: Date
    public var publishedAt: Date?
    /// Provenance, free text.
    public var source: String?

    public init(
        id: ID = .generate(), slug: Slug, title: String, subtitle: String? = nil, country: Country.Code,
        cities: [String] = [], period: String? = nil, periodStart: Int? = nil, periodEnd: Int? = nil,
        ongoing: Bool = false, topics: [Topic.Key] = [], language: String = "en", sections: [Section: String] = [:],
        evidence: Evidence? = nil, links: [Link] = [], contact: Contact = Contact(),
        translations: [String: Translation] = [:], status: Status = .draft,
        createdAt: Date = Timestamp.now(), updatedAt: Date? = nil, publishedAt: Date? = nil, source: String? = nil
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.subtitle = subtitle
        self.country = country
        self.cities = cities
        self.period = period
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.ongoing = ongoing
        self.topics = topics
        self.language = language
        self.sections = sections
        self.evidence = evidence
        self.links = links
        self.contact = contact
        self.translations = translations
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.publishedAt = publishedAt
        self.source = source
    }

    /// The period as the Year filter reads it.
    public var readPeriod: Period {
        Period(start: periodStart, end: periodEnd, ongoing: ongoing)
    }

    /// Sets the derived period fields from the period text.
    public mutating func derivePeriod() {
        let read = PeriodReader.read(period)
        periodStart = read.start
        periodEnd = read.end
        ongoing = read.ongoing
    }

    /// The card teaser: the first ~200 characters of the first non-empty section among
    /// purpose, rationale, process and impact, cut at a word boundary, with an ellipsis.
    public func teaser(maxLength: Int = 200, in language: String? = nil) -> String {
        for section in [Section.purpose, .rationale, .process, .impact] {
            if let text = text(of: section, in: language), !text.isEmpty {
                return Practice.shorten(text, to: maxLength)
            }
        }
        return ""
    }

    /// The text of a section in the reader's language, falling back to the original.
    public func text(of section: Section, in language: String? = nil) -> String? {
        if let language, language != self.language, let translated = translations[language]?.sections[section] {
            return translated
        }
        return sections[section]
    }

    /// Collapses whitespace and cuts `text` at a word boundary, adding "…" when it was cut.
    public static func shorten(_ text: String, to maxLength: Int) -> String {
        let flat = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard flat.count > maxLength else { return flat }
        var cut = flat.prefix(maxLength)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > maxLength / 2 {
            cut = cut[..<space]
        }
        while let last = cut.last, last.isPunctuation || last.isWhitespace { cut = cut.dropLast() }
        return cut + "…"
    }
}

/// Timestamps are kept to the second, in UTC, and written as RFC 3339 (`2024-05-01T09:30:00Z`).
public enum Timestamp {
    /// Now, to the whole second, so that what is stored and exported compares equal to what was read.
    public static func now() -> Date {
        Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }

    public static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        let year = String(c.year ?? 0)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
    }

    /// Parses RFC 3339 (`2024-05-01T09:30:00Z`, `2024-05-01T11:30:00+02:00`, fractions allowed) or a
    /// plain date (`2024-05-01`, read as midnight UTC).
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: false).parse(trimmed) {
            return date
        }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(trimmed) {
            return Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        }
        if let date = try? Date.ISO8601FormatStyle().year().month().day().parse(trimmed) {
            return date
        }
        return nil
    }
}
