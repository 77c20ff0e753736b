import Foundation

/// What one record of the exchange format says about a practice: the fields it carries, typed and checked.
///
/// A field that is absent leaves the practice's value as it is; a field that is `null` (or an empty CSV
/// cell) clears it. This lets a CSV file, which carries no translations, update a practice without
/// losing them.
public struct PracticePatch: Sendable {
    /// The fields the record carries.
    public private(set) var present: Set<ExchangeField> = []
    /// The values of the present fields, held in a scratch practice.
    public private(set) var values: Practice
    /// Everything wrong with the record's fields, each tied to its field.
    public private(set) var issues: [FieldIssue] = []

    public var id: Practice.ID? { present.contains(.id) ? values.id : nil }
    public var slug: Slug? { present.contains(.slug) ? values.slug : nil }

    /// Reads a record (a JSON object, or a CSV row turned into one).
    public init(record: [String: JSONValue], countries: CountryList = .standard, taxonomy: Taxonomy = .standard) {
        values = Practice(slug: Slug(making: "practice"), title: "", country: Country.Code(rawValue: ""))
        for name in record.keys.sorted() {
            guard let field = ExchangeField(rawValue: name) else {
                let hint = ExchangeField.suggestion(for: name).map { "; did you mean \"\($0.rawValue)\"?" }
                    ?? "; known fields are \(ExchangeField.allCases.map(\.rawValue).joined(separator: ", "))"
                issues.append(FieldIssue(name, "unknown field\(hint)"))
                continue
            }
            read(field, record[name]!, countries: countries, taxonomy: taxonomy)
        }
    }

    // MARK: Reading fields

    private mutating func read(_ field: ExchangeField, _ value: JSONValue, countries: CountryList, taxonomy: Taxonomy) {
        present.insert(field)
        let name = field.rawValue
        switch field {
        case .id:
            switch value {
            case .string(let text) where Self.isAcceptableID(text.trimmed):
                values.id = Practice.ID(rawValue: text.trimmed)
            case .number(let number) where number >= 0 && number == number.rounded() && number < 1e15:
                values.id = Practice.ID(rawValue: String(Int(number)))
            case .null:
                present.remove(.id)
            default:
                issue(name, "must be a non-empty identifier of up to 100 characters without spaces")
            }
        case .slug:
            guard let text = string(value, name) else { present.remove(.slug); return }
            if let slug = Slug(rawValue: text) {
                values.slug = slug
            } else if text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
                      let slug = Slug(rawValue: String(text.lowercased().map { $0 == "_" ? "-" : $0 })) {
                values.slug = slug
            } else {
                issue(name, "\"\(text.prefix(60))\" is not a slug: use lower-case letters, digits and single hyphens")
            }
        case .title:
            values.title = line(value, name) ?? ""
        case .subtitle:
            values.subtitle = line(value, name)
        case .country:
            guard let text = string(value, name) else {
                issue(name, "is required: give an ISO 3166-1 alpha-2 code (PT) or an English name (Portugal)")
                return
            }
            if let country = countries.find(text) {
                values.country = country.code
            } else {
                issue(name, "\"\(text)\" is not a country: use an ISO 3166-1 alpha-2 code (PT) or an English name (Portugal)")
            }
        case .cities:
            values.cities = list(value, name).map { $0.trimmed }.filter { !$0.isEmpty }
        case .period:
            values.period = line(value, name)
        case .periodStart:
            values.periodStart = year(value, name)
        case .periodEnd:
            values.periodEnd = year(value, name)
        case .ongoing:
            switch value {
            case .bool(let flag): values.ongoing = flag
            case .null: values.ongoing = false
            case .string(let text):
                switch text.trimmed.lowercased() {
                case "true", "yes", "1": values.ongoing = true
                case "false", "no", "0", "": values.ongoing = false
                default: issue(name, "must be true or false, not \"\(text.prefix(20))\"")
                }
            default: issue(name, "must be true or false, not \(value.typeName)")
            }
        case .topics:
            var keys: [Topic.Key] = []
            for text in list(value, name) where !text.trimmed.isEmpty {
                if let topic = taxonomy.find(text) {
                    if !keys.contains(topic.key) { keys.append(topic.key) }
                } else {
                    issue(name, "\"\(text)\" is not a topic; use a key or label such as \(taxonomy.topics.prefix(3).map { "\"\($0.key.rawValue)\"" }.joined(separator: ", "))")
                }
            }
            values.topics = keys
        case .language:
            if let text = string(value, name) {
                if let tag = LanguageTag.normalize(text) {
                    values.language = tag
                } else {
                    issue(name, "\"\(text)\" is not a language code such as en, fr or sr-Latn")
                }
            } else {
                values.language = "en"
            }
        case .purpose, .rationale, .process, .impact, .references, .evaluation, .resources, .partners, .lessons, .transferability:
            values.sections[field.section!] = text(value, name)
        case .evidence:
            values.evidence = string(value, name).flatMap { choice($0, name) }
        case .links:
            values.links = links(value)
        case .contactName:
            values.contact.name = line(value, name)
        case .contactOrganisation:
            values.contact.organisation = line(value, name)
        case .contactEmail:
            values.contact.email = line(value, name)
        case .translations:
            values.translations = translations(value)
        case .status:
            guard let text = string(value, name) else { present.remove(.status); return }
            if let status: Practice.Status = choice(text, name) { values.status = status }
        case .createdAt:
            if let date = timestamp(value, name) { values.createdAt = date } else { present.remove(.createdAt) }
        case .updatedAt:
            if let date = timestamp(value, name) { values.updatedAt = date } else { present.remove(.updatedAt) }
        case .publishedAt:
            values.publishedAt = timestamp(value, name)
        case .source:
            values.source = text(value, name)
        }
    }

    private mutating func issue(_ field: String, _ message: String) {
        issues.append(FieldIssue(field, message))
    }

    /// One of a fixed list of values, written as its key or with spaces ("external evaluation").
    private mutating func choice<Choice: RawRepresentable & CaseIterable>(_ text: String, _ name: String) -> Choice?
    where Choice.RawValue == String {
        let key = String(text.lowercased().map { $0 == " " ? "_" : $0 })
        if let value = Choice(rawValue: key) { return value }
        issue(name, "\"\(text)\" is not one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }

    private static func isAcceptableID(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 100 && !text.contains(where: { $0.isWhitespace || $0.isNewline || $0 == "/" || $0 == "?" || $0 == "#" })
    }

    /// Text with surrounding whitespace removed; empty text counts as absent.
    private mutating func string(_ value: JSONValue, _ name: String) -> String? {
        switch value {
        case .null: return nil
        case .string(let text):
            let trimmed = text.trimmed
            return trimmed.isEmpty ? nil : trimmed
        case .number(let number) where number == number.rounded() && abs(number) < 1e15:
            return String(Int(number))
        default:
            issue(name, "must be text, not \(value.typeName)")
            return nil
        }
    }

    /// One line of text: inner runs of whitespace (line breaks included) become one space.
    private mutating func line(_ value: JSONValue, _ name: String) -> String? {
        string(value, name).map(\.collapsingWhitespace)
    }

    /// Long text: line endings normalised to "\n", surrounding blank space removed.
    private mutating func text(_ value: JSONValue, _ name: String) -> String? {
        string(value, name).map(\.normalizingLineEndings)
    }

    private mutating func list(_ value: JSONValue, _ name: String) -> [String] {
        switch value {
        case .null: return []
        case .string(let text): return text.split(separator: ";").map { $0.trimmed }
        case .array(let items):
            var out: [String] = []
            for item in items {
                if case .string(let text) = item { out.append(text) } else { issue(name, "must be a list of text, but holds \(item.typeName)") }
            }
            return out
        default:
            issue(name, "must be a list of text, not \(value.typeName)")
            return []
        }
    }

    private mutating func year(_ value: JSONValue, _ name: String) -> Int? {
        switch value {
        case .null: return nil
        case .number(let number) where number == number.rounded() && abs(number) < 1e6: return Int(number)
        case .string(let text):
            let trimmed = text.trimmed
            if trimmed.isEmpty { return nil }
            if let year = Int(trimmed) { return year }
            issue(name, "must be a year such as 2019, not \"\(trimmed.prefix(20))\"")
            return nil
        default:
            issue(name, "must be a year such as 2019, not \(value.typeName)")
            return nil
        }
    }

    private mutating func timestamp(_ value: JSONValue, _ name: String) -> Date? {
        guard let text = string(value, name) else { return nil }
        if let date = Timestamp.parse(text) { return date }
        issue(name, "\"\(text.prefix(40))\" is not an RFC 3339 timestamp such as 2024-05-01T09:30:00Z")
        return nil
    }

    private mutating func links(_ value: JSONValue) -> [Practice.Link] {
        let items: [JSONValue]
        switch value {
        case .null: return []
        case .array(let array): items = array
        default:
            issue("links", "must be a list of {\"title\": ..., \"url\": ...} objects, not \(value.typeName)")
            return []
        }
        var links: [Practice.Link] = []
        for (index, item) in items.enumerated() {
            var title = "", url = ""
            switch item {
            case .string(let text):
                url = text.trimmed
            case .object(let object):
                for key in object.keys where key != "title" && key != "url" {
                    issue("links", "link \(index + 1) has an unknown field \"\(key)\"; use title and url")
                }
                if case .string(let text)? = object["title"] { title = text.trimmed }
                if case .string(let text)? = object["url"] { url = text.trimmed }
            default:
                issue("links", "link \(index + 1) must be an object with title and url, not \(item.typeName)")
                continue
            }
            if let problem = LinkCheck.problem(with: url) {
                issue("links", "link \(index + 1) \(problem)")
            } else {
                links.append(Practice.Link(title: title, url: url))
            }
        }
        return links
    }

    private mutating func translations(_ value: JSONValue) -> [String: Practice.Translation] {
        guard case .object(let object) = value else {
            if value != .null { issue("translations", "must be an object keyed by language code, not \(value.typeName)") }
            return [:]
        }
        var result: [String: Practice.Translation] = [:]
        for language in object.keys.sorted() {
            guard let tag = LanguageTag.normalize(language) else {
                issue("translations", "\"\(language)\" is not a language code such as fr or de")
                continue
            }
            guard case .object(let fields) = object[language]! else {
                issue("translations.\(language)", "must be an object with fields such as title and purpose")
                continue
            }
            var translation = Practice.Translation()
            for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
                let name = "translations.\(language).\(key)"
                switch key {
                case "title": translation.title = line(value, name)
                case "subtitle": translation.subtitle = line(value, name)
                case "period": translation.period = line(value, name)
                default:
                    if let section = Practice.Section(rawValue: key) {
                        translation.sections[section] = text(value, name)
                    } else {
                        issue(name, "unknown field; a translation may hold \(ExchangeField.translatableFields.joined(separator: ", "))")
                    }
                }
            }
            if !translation.isEmpty { result[tag] = translation }
        }
        return result
    }

    // MARK: Applying

    /// The practice after this record is applied to `base` (an existing practice, or a new blank one).
    /// The derived period fields are read from the period text unless the record gives them.
    public func applied(to base: Practice) -> Practice {
        var practice = base
        for field in present {
            switch field {
            case .id: practice.id = values.id
            case .slug: practice.slug = values.slug
            case .title: practice.title = values.title
            case .subtitle: practice.subtitle = values.subtitle
            case .country: practice.country = values.country
            case .cities: practice.cities = values.cities
            case .period: practice.period = values.period
            case .periodStart, .periodEnd, .ongoing: break // below
            case .topics: practice.topics = values.topics
            case .language: practice.language = values.language
            case .purpose, .rationale, .process, .impact, .references, .evaluation, .resources, .partners, .lessons, .transferability:
                practice.sections[field.section!] = values.sections[field.section!]
            case .evidence: practice.evidence = values.evidence
            case .links: practice.links = values.links
            case .contactName: practice.contact.name = values.contact.name
            case .contactOrganisation: practice.contact.organisation = values.contact.organisation
            case .contactEmail: practice.contact.email = values.contact.email
            case .translations: practice.translations = values.translations
            case .status: practice.status = values.status
            case .createdAt: practice.createdAt = values.createdAt
            case .updatedAt: practice.updatedAt = values.updatedAt
            case .publishedAt: practice.publishedAt = values.publishedAt
            case .source: practice.source = values.source
            }
        }
        let givesDerived = present.contains(.periodStart) || present.contains(.periodEnd) || present.contains(.ongoing)
        if givesDerived {
            let read = PeriodReader.read(practice.period)
            practice.periodStart = present.contains(.periodStart) ? values.periodStart : read.start
            practice.periodEnd = present.contains(.periodEnd) ? values.periodEnd : read.end
            practice.ongoing = present.contains(.ongoing) ? values.ongoing : read.ongoing
        } else if present.contains(.period) {
            practice.derivePeriod()
        }
        return practice
    }
}
