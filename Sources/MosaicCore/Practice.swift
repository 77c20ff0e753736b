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

    /// The language the teaser is written in: the reader's when its section is translated, else the original's.
    public func teaserLanguage(in language: String? = nil) -> String {
        for section in [Section.purpose, .rationale, .process, .impact] {
            if let text = text(of: section, in: language), !text.isEmpty {
                return language != nil && language != self.language && translations[language!]?.sections[section] != nil ? language! : self.language
            }
        }
        return self.language
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
        // Only the beginning matters: long sections are not split word by word to the end.
        let head = text.utf8.count > maxLength * 8 ? String(text.prefix(maxLength * 2)) + " …" : text
        let flat = head.collapsingWhitespace
        // ASCII text (most teasers): a character is a byte, so the cut is found on bytes.
        if flat.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(flat.utf8)
            guard bytes.count > maxLength else { return flat }
            var end = maxLength
            if let space = bytes[..<maxLength].lastIndex(of: 0x20), space > maxLength / 2 { end = space }
            while end > 0, bytes[end - 1] == 0x20 || Character(Unicode.Scalar(bytes[end - 1])).isPunctuation { end -= 1 }
            return String(decoding: bytes[..<end], as: UTF8.self) + "…"
        }
        // Counting characters stops at the limit: a long text is not walked to its end.
        guard let limit = flat.index(flat.startIndex, offsetBy: maxLength, limitedBy: flat.endIndex), limit != flat.endIndex else { return flat }
        var cut = flat[..<limit]
        // The cut holds maxLength characters: the space's position counted back from the end, which is near.
        if let space = cut.lastIndex(of: " "), maxLength - cut.distance(from: space, to: cut.endIndex) > maxLength / 2 {
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
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        guard (0...9999).contains(year) else {
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return String(year) + "-" + two(month) + "-" + two(day)
                + "T" + two(secondOfDay / 3600) + ":" + two(secondOfDay % 3600 / 60) + ":" + two(secondOfDay % 60) + "Z"
        }
        // The usual years in one fixed-size write: exports format three dates a practice.
        var bytes = Array("0000-00-00T00:00:00Z".utf8)
        func put(_ value: Int, at end: Int, digits: Int) {
            var value = value
            for index in stride(from: end, to: end - digits, by: -1) {
                bytes[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(year, at: 3, digits: 4)
        put(month, at: 6, digits: 2)
        put(day, at: 9, digits: 2)
        put(secondOfDay / 3600, at: 12, digits: 2)
        put(secondOfDay % 3600 / 60, at: 15, digits: 2)
        put(secondOfDay % 60, at: 18, digits: 2)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The year, month (1–12) and day (1–31) of a date, in UTC.
    public static func day(of date: Date) -> (year: Int, month: Int, day: Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return civil(fromDays: days)
    }

    /// Howard Hinnant's days-from-civil algorithm and its inverse: exact for the proleptic Gregorian calendar.
    static func civil(fromDays z: Int) -> (Int, Int, Int) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The common form `YYYY-MM-DDTHH:MM:SSZ`, read without a formatter.
    private static func parseCanonical(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74, b[13] == 0x3A, b[16] == 0x3A,
              b[19] == 0x5A || b[19] == 0x7A else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard (0x30...0x39).contains(b[i]) else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        let days = days(fromCivil: year, month, day)
        guard civil(fromDays: days) == (year, month, day) else { return nil }
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    /// Parses RFC 3339 (`2024-05-01T09:30:00Z`, `2024-05-01T11:30:00+02:00`, fractions allowed) or a
    /// plain date (`2024-05-01`, read as midnight UTC).
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmed
        if let date = parseCanonical(trimmed) { return date }
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
