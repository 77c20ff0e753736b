/// The field names of the exchange format, in the order they are written.
public enum ExchangeField: String, CaseIterable, Hashable, Sendable {
    case id, slug, title, subtitle, country, cities, period
    case periodStart = "period_start", periodEnd = "period_end", ongoing
    case topics, language
    case purpose, rationale, process, impact, references, evaluation, evidence, resources, partners, lessons, transferability
    case links
    case contactName = "contact_name", contactOrganisation = "contact_organisation", contactEmail = "contact_email"
    case translations, status
    case createdAt = "created_at", updatedAt = "updated_at", publishedAt = "published_at"
    case source

    /// Fields only exported when private data is asked for explicitly.
    public var isPrivate: Bool { self == .contactName || self == .contactOrganisation || self == .contactEmail }

    /// The text section this field holds, if it is one.
    public var section: Practice.Section? {
        switch self {
        case .purpose: .purpose
        case .rationale: .rationale
        case .process: .process
        case .impact: .impact
        case .references: .references
        case .evaluation: .evaluation
        case .resources: .resources
        case .partners: .partners
        case .lessons: .lessons
        case .transferability: .transferability
        default: nil
        }
    }

    /// Fields carried in CSV (all but `translations`).
    public static let csvFields = allCases.filter { $0 != .translations }

    /// Fields of a translation object.
    public static let translatableFields: [String] = ["title", "subtitle", "period"] + Practice.Section.allCases.map(\.rawValue)

    /// The known field closest to a misspelt one ("tittle" → "title"), for error messages.
    public static func suggestion(for name: String) -> ExchangeField? {
        let lowered = name.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        if let exact = ExchangeField(rawValue: lowered) { return exact }
        let best = allCases.map { ($0, EditDistance.between(lowered, $0.rawValue, limit: 3)) }
            .filter { $0.1 <= 2 }
            .min { $0.1 < $1.1 }
        return best?.0
    }
}

/// Damerau–Levenshtein distance (optimal string alignment), bounded for speed.
public enum EditDistance {
    /// The number of single-letter edits (insert, delete, replace, swap neighbours) between `a` and `b`,
    /// or `limit + 1` when it is larger than `limit`.
    public static func between(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        return between(a, b, limit: limit)
    }

    public static func between<T: Equatable>(_ a: [T], _ b: [T], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return min(previous[b.count], limit + 1)
    }
}
