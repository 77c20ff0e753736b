import Foundation

/// A problem with one field, said so that a person can fix it.
public struct FieldIssue: Hashable, Sendable, CustomStringConvertible {
    /// The exchange-format name of the field (`title`, `links`, `translations.fr.title`...), or `record`.
    public var field: String
    public var message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Checks a whole practice and returns every problem at once.
public struct PracticeValidator: Sendable {
    public var countries: CountryList
    public var taxonomy: Taxonomy

    public static let maximumTitleLength = 200
    public static let maximumSubtitleLength = 300
    public static let maximumCityLength = 120
    public static let maximumPeriodLength = 200
    public static let maximumSectionLength = 50_000
    /// Bounds on what no real practice needs more of, so that no request or file can make one unbounded.
    public static let maximumCities = 50
    public static let maximumLinks = 50
    public static let maximumLinkTitleLength = 300
    public static let maximumURLLength = 2_000
    public static let maximumContactLength = 300
    public static let maximumSourceLength = 2_000
    public static let maximumTranslations = 30

    public init(countries: CountryList = .standard, taxonomy: Taxonomy = .standard) {
        self.countries = countries
        self.taxonomy = taxonomy
    }

    public func validate(_ practice: Practice) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        let title = practice.title.trimmed
        if title.isEmpty {
            issues.append(FieldIssue("title", "is required: give the practice a short title"))
        } else if title.utf8.count > Self.maximumTitleLength, title.count > Self.maximumTitleLength {
            issues.append(FieldIssue("title", "is \(title.count) characters long; shorten it to \(Self.maximumTitleLength) or fewer"))
        } else if title.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
            issues.append(FieldIssue("title", "must be a single line"))
        }
        if let subtitle = practice.subtitle {
            if subtitle.utf8.count > Self.maximumSubtitleLength, subtitle.count > Self.maximumSubtitleLength {
                issues.append(FieldIssue("subtitle", "is \(subtitle.count) characters long; shorten it to \(Self.maximumSubtitleLength) or fewer"))
            } else if subtitle.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
                issues.append(FieldIssue("subtitle", "must be a single line"))
            }
        }
        if countries[practice.country] == nil {
            issues.append(FieldIssue("country", "\"\(practice.country.rawValue)\" is not an ISO 3166-1 alpha-2 country code"))
        }
        var seenCities = Set<String>()
        for city in practice.cities {
            if city.trimmed.isEmpty {
                issues.append(FieldIssue("cities", "contains an empty city name"))
            } else if city.utf8.count > Self.maximumCityLength, city.count > Self.maximumCityLength {
                issues.append(FieldIssue("cities", "\"\(city.prefix(40))…\" is too long for a city name"))
            } else if !seenCities.insert(TextFolding.fold(city)).inserted {
                issues.append(FieldIssue("cities", "\"\(city)\" is listed twice"))
            }
        }
        if let period = practice.period, period.utf8.count > Self.maximumPeriodLength, period.count > Self.maximumPeriodLength {
            issues.append(FieldIssue("period", "is \(period.count) characters long; keep it under \(Self.maximumPeriodLength)"))
        }
        issues += validateYears(practice)
        for topic in practice.topics where taxonomy[topic] == nil {
            issues.append(FieldIssue("topics", "\"\(topic.rawValue)\" is not a topic; use one of: \(taxonomy.topics.map(\.key.rawValue).joined(separator: ", "))"))
        }
        if LanguageTag.normalize(practice.language) == nil {
            issues.append(FieldIssue("language", "\"\(practice.language)\" is not a language code such as en, fr or sr-Latn"))
        }
        if practice.status == .published, (practice.sections[.purpose] ?? "").trimmed.isEmpty {
            issues.append(FieldIssue("purpose", "is required to publish: say what the practice is for, or keep the practice as a draft"))
        }
        for (section, text) in practice.sections where text.utf8.count > Self.maximumSectionLength && text.count > Self.maximumSectionLength {
            issues.append(FieldIssue(section.rawValue, "is \(text.count) characters long; the limit is \(Self.maximumSectionLength)"))
        }
        for (index, link) in practice.links.enumerated() {
            if let problem = LinkCheck.problem(with: link.url) {
                issues.append(FieldIssue("links", "link \(index + 1) \(problem)"))
            }
        }
        if practice.cities.count > Self.maximumCities {
            issues.append(FieldIssue("cities", "lists \(practice.cities.count) cities; at most \(Self.maximumCities) are possible"))
        }
        if practice.links.count > Self.maximumLinks {
            issues.append(FieldIssue("links", "lists \(practice.links.count) links; at most \(Self.maximumLinks) are possible"))
        }
        for (index, link) in practice.links.enumerated()
        where link.title.utf8.count > Self.maximumLinkTitleLength || link.url.utf8.count > Self.maximumURLLength {
            issues.append(FieldIssue("links", "link \(index + 1) is too long (titles up to \(Self.maximumLinkTitleLength) characters, addresses up to \(Self.maximumURLLength))"))
        }
        for (field, value) in [("contact_name", practice.contact.name), ("contact_organisation", practice.contact.organisation)]
        where (value?.utf8.count ?? 0) > Self.maximumContactLength {
            issues.append(FieldIssue(field, "is longer than \(Self.maximumContactLength) characters"))
        }
        if (practice.source?.utf8.count ?? 0) > Self.maximumSourceLength {
            issues.append(FieldIssue("source", "is longer than \(Self.maximumSourceLength) characters"))
        }
        if practice.translations.count > Self.maximumTranslations {
            issues.append(FieldIssue("translations", "has \(practice.translations.count) languages; at most \(Self.maximumTranslations) are possible"))
        }
        for (language, translation) in practice.translations {
            if let subtitle = translation.subtitle, subtitle.utf8.count > Self.maximumSubtitleLength {
                issues.append(FieldIssue("translations.\(language).subtitle", "is longer than \(Self.maximumSubtitleLength) characters"))
            }
            if let period = translation.period, period.utf8.count > Self.maximumPeriodLength {
                issues.append(FieldIssue("translations.\(language).period", "is longer than \(Self.maximumPeriodLength) characters"))
            }
            for (section, text) in translation.sections where text.utf8.count > Self.maximumSectionLength {
                issues.append(FieldIssue("translations.\(language).\(section.rawValue)", "is longer than \(Self.maximumSectionLength) characters"))
            }
        }
        if let email = practice.contact.email, !EmailCheck.isPlausible(email) {
            issues.append(FieldIssue("contact_email", "\"\(email)\" is not an e-mail address"))
        }
        for (language, translation) in practice.translations {
            if LanguageTag.normalize(language) == nil {
                issues.append(FieldIssue("translations", "\"\(language)\" is not a language code such as en or fr"))
            }
            if let title = translation.title, title.utf8.count > Self.maximumTitleLength && title.count > Self.maximumTitleLength
                || title.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
                issues.append(FieldIssue("translations.\(language).title", "must be a single line of at most \(Self.maximumTitleLength) characters"))
            }
        }
        return issues
    }

    private func validateYears(_ practice: Practice) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        for (name, year) in [("period_start", practice.periodStart), ("period_end", practice.periodEnd)] {
            if let year, !Period.validYears.contains(year) {
                issues.append(FieldIssue(name, "\(year) is outside \(Period.validYears.lowerBound)–\(Period.validYears.upperBound)"))
            }
        }
        if let start = practice.periodStart, let end = practice.periodEnd, end < start {
            issues.append(FieldIssue("period_end", "\(end) is before period_start \(start)"))
        }
        if practice.periodStart == nil, practice.periodEnd != nil {
            issues.append(FieldIssue("period_start", "is missing although period_end is \(practice.periodEnd!)"))
        }
        if practice.ongoing, practice.periodEnd != nil {
            issues.append(FieldIssue("period_end", "must be empty when the practice is ongoing"))
        }
        return issues
    }
}

/// BCP 47 language tags, in their usual case: `en`, `fr`, `sr-Latn`, `pt-BR`.
public enum LanguageTag {
    public static func normalize(_ tag: String) -> String? {
        let parts = tag.trimmed.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        var out = [first.lowercased()]
        for part in parts.dropFirst() {
            guard (1...8).contains(part.count), part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
            if part.count == 4, part.allSatisfy(\.isLetter) {
                out.append(part.prefix(1).uppercased() + part.dropFirst().lowercased())
            } else if part.count == 2 || (part.count == 3 && part.allSatisfy(\.isNumber)) {
                out.append(part.uppercased())
            } else {
                out.append(part.lowercased())
            }
        }
        return out.joined(separator: "-")
    }
}

/// Only absolute `http` and `https` links with a host are accepted.
public enum LinkCheck {
    /// Why the URL is refused, or nil when it is fine.
    public static func problem(with url: String) -> String? {
        let trimmed = url.trimmed
        guard !trimmed.isEmpty else { return "has no URL" }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else {
            return "\"\(trimmed.prefix(60))\" is not a valid URL"
        }
        guard scheme == "http" || scheme == "https" else {
            return "uses \"\(scheme):\"; only http and https links are allowed"
        }
        guard let host = components.host, !host.isEmpty else {
            return "\"\(trimmed.prefix(60))\" has no host name"
        }
        if trimmed.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }) {
            return "\"\(trimmed.prefix(60))\" contains spaces, quotes or angle brackets; encode them"
        }
        return nil
    }
}

public enum EmailCheck {
    public static func isPlausible(_ email: String) -> Bool {
        guard email.utf8.count <= Account.maximumEmailLength else { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
    }
}
