/// Writes practices in the exchange format: JSON Lines or CSV, every field in a fixed order,
/// derived fields included, `contact_*` only when asked for.
public struct ExchangeWriter: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case jsonl, csv
    }

    public var format: Format
    public var includePrivate: Bool

    public init(format: Format, includePrivate: Bool = false) {
        self.format = format
        self.includePrivate = includePrivate
    }

    /// The fields written, in order.
    public var fields: [ExchangeField] {
        switch (format, includePrivate) {
        case (.csv, true): Self.csvAll
        case (.csv, false): Self.csvPublic
        case (.jsonl, true): Self.jsonAll
        case (.jsonl, false): Self.jsonPublic
        }
    }

    // Made once: every record asks for them.
    private static let csvAll = ExchangeField.csvFields
    private static let csvPublic = ExchangeField.csvFields.filter { !$0.isPrivate }
    private static let jsonAll = ExchangeField.allCases
    private static let jsonPublic = ExchangeField.allCases.filter { !$0.isPrivate }

    /// The text that starts the file: the CSV header row, nothing for JSON Lines.
    public func header() -> String {
        format == .csv ? fields.map { CSV.quote($0.rawValue) }.joined(separator: ",") + "\r\n" : ""
    }

    /// One record, with its line ending.
    public func record(_ practice: Practice) -> String {
        switch format {
        case .jsonl: jsonLine(practice) + "\n"
        case .csv: csvRow(practice) + "\r\n"
        }
    }

    public func jsonLine(_ practice: Practice) -> String {
        var json = JSONWriter()
        json.beginObject()
        writeFields(of: practice, into: &json)
        json.endObject()
        return json.output
    }

    /// The record's fields, as keys and values of the object `json` has open (the API adds its own after).
    public func writeFields(of practice: Practice, into json: inout JSONWriter) {
        for field in fields {
            json.key(field.rawValue)
            switch field {
            case .cities: json.stringArray(practice.cities)
            case .topics: json.stringArray(practice.topics.map(\.rawValue))
            case .periodStart: json.int(practice.periodStart)
            case .periodEnd: json.int(practice.periodEnd)
            case .ongoing: json.bool(practice.ongoing)
            case .links:
                json.beginArray()
                for link in practice.links {
                    json.beginObject()
                    json.key("title"); json.string(link.title)
                    json.key("url"); json.string(link.url)
                    json.endObject()
                }
                json.endArray()
            case .translations:
                json.beginObject()
                for language in practice.translations.keys.sorted() {
                    let translation = practice.translations[language]!
                    json.key(language)
                    json.beginObject()
                    if let title = translation.title { json.key("title"); json.string(title) }
                    if let subtitle = translation.subtitle { json.key("subtitle"); json.string(subtitle) }
                    if let period = translation.period { json.key("period"); json.string(period) }
                    for section in Practice.Section.allCases {
                        if let text = translation.sections[section] { json.key(section.rawValue); json.string(text) }
                    }
                    json.endObject()
                }
                json.endObject()
            default:
                json.string(Self.text(of: field, in: practice))
            }
        }
    }

    public func csvRow(_ practice: Practice) -> String {
        fields.map { field -> String in
            let cell: String
            switch field {
            case .cities: cell = practice.cities.joined(separator: "; ")
            case .topics: cell = practice.topics.map(\.rawValue).joined(separator: "; ")
            case .periodStart: cell = practice.periodStart.map(String.init) ?? ""
            case .periodEnd: cell = practice.periodEnd.map(String.init) ?? ""
            case .ongoing: cell = practice.ongoing ? "true" : "false"
            case .links: cell = practice.links.map { $0.title.isEmpty ? "<\($0.url)>" : "\($0.title) <\($0.url)>" }.joined(separator: "; ")
            default: cell = Self.text(of: field, in: practice) ?? ""
            }
            return CSV.quote(cell)
        }.joined(separator: ",")
    }

    /// The value of a single-text field, as written in both formats.
    static func text(of field: ExchangeField, in practice: Practice) -> String? {
        switch field {
        case .id: practice.id.rawValue
        case .slug: practice.slug.rawValue
        case .title: practice.title
        case .subtitle: practice.subtitle
        case .country: practice.country.rawValue
        case .period: practice.period
        case .language: practice.language
        case .evidence: practice.evidence?.rawValue
        case .contactName: practice.contact.name
        case .contactOrganisation: practice.contact.organisation
        case .contactEmail: practice.contact.email
        case .status: practice.status.rawValue
        case .createdAt: Timestamp.format(practice.createdAt)
        case .updatedAt: Timestamp.format(practice.updatedAt)
        case .publishedAt: practice.publishedAt.map(Timestamp.format)
        case .source: practice.source
        default: field.section.flatMap { practice.sections[$0] }
        }
    }
}
