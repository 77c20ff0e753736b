import Foundation

/// What changed between two versions of a practice, field by field, with a word-level difference of
/// each changed text: for the history page and the review page.
public struct PracticeDiff: Sendable, Equatable {
    /// One changed field.
    public struct Change: Sendable, Equatable {
        /// The field's name in the exchange format (`title`, `purpose`, `cities`...).
        public var field: String
        public var old: String
        public var new: String
        /// The new text against the old, word by word.
        public var segments: [Segment]
    }

    /// A run of words: kept, removed (only in the old text) or added (only in the new one).
    public struct Segment: Sendable, Equatable {
        public enum Kind: String, Sendable { case same, removed, added }
        public var kind: Kind
        public var text: String
    }

    public var changes: [Change]

    public var changedFields: [String] { changes.map(\.field) }
    public var isEmpty: Bool { changes.isEmpty }

    /// How coded values read: a country, topic, language or evidence code as the reader's language names
    /// it ("Portugal" for PT, "Welcoming newcomers" for welcoming). By default, the codes themselves.
    public struct Names: Sendable {
        public var country: @Sendable (String) -> String
        public var topic: @Sendable (String) -> String
        public var language: @Sendable (String) -> String
        public var evidence: @Sendable (String) -> String

        public init(country: @escaping @Sendable (String) -> String = { $0 }, topic: @escaping @Sendable (String) -> String = { $0 },
                    language: @escaping @Sendable (String) -> String = { $0 }, evidence: @escaping @Sendable (String) -> String = { $0 }) {
            self.country = country
            self.topic = topic
            self.language = language
            self.evidence = evidence
        }

        public static let codes = Names()
    }

    /// The difference from `old` (nil: nothing before) to `new`, coded values read with `names`.
    public init(from old: Practice?, to new: Practice, names: Names = .codes) {
        let before = old.map { Self.fields(of: $0, names: names) } ?? []
        let after = Self.fields(of: new, names: names)
        let oldValues = Dictionary(before, uniquingKeysWith: { a, _ in a })
        changes = after.compactMap { field, value in
            let previous = oldValues[field] ?? ""
            guard previous != value else { return nil }
            return Change(field: field, old: previous, new: value, segments: Self.words(from: previous, to: value))
        }
    }

    /// The fields a reader or an editor compares, as text, in the order of the template.
    static func fields(of practice: Practice, names: Names = .codes) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("title", practice.title),
            ("subtitle", practice.subtitle ?? ""),
            ("country", practice.country.rawValue.isEmpty ? "" : names.country(practice.country.rawValue)),
            ("cities", practice.cities.joined(separator: ", ")),
            ("period", practice.period ?? ""),
            ("topics", practice.topics.map { names.topic($0.rawValue) }.joined(separator: ", ")),
            ("language", practice.language.isEmpty ? "" : names.language(practice.language)),
        ]
        for section in Practice.Section.allCases {
            fields.append((section == .references ? "references" : section.rawValue, practice.sections[section] ?? ""))
        }
        fields.append(("evidence", practice.evidence.map { names.evidence($0.rawValue) } ?? ""))
        fields.append(("links", practice.links.map { "\($0.title) <\($0.url)>" }.joined(separator: "\n")))
        for (language, translation) in practice.translations.sorted(by: { $0.key < $1.key }) {
            var parts: [String] = []
            if let title = translation.title { parts.append(title) }
            if let subtitle = translation.subtitle { parts.append(subtitle) }
            if let period = translation.period { parts.append(period) }
            for section in Practice.Section.allCases { if let text = translation.sections[section] { parts.append(text) } }
            fields.append(("translation_\(language)", parts.joined(separator: "\n\n")))
        }
        return fields
    }

    /// A word-level difference (longest common subsequence of words; whitespace is kept with the word
    /// before it). Very long texts are compared as a whole, to bound the work.
    public static func words(from old: String, to new: String) -> [Segment] {
        let a = tokens(old), b = tokens(new)
        guard a.count * b.count <= 4_000_000 else {
            return [Segment(kind: .removed, text: old), Segment(kind: .added, text: new)].filter { !$0.text.isEmpty }
        }
        // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lengths = [[Int32]](repeating: [Int32](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var segments: [Segment] = []
        func add(_ kind: Segment.Kind, _ text: String) {
            if let last = segments.last, last.kind == kind {
                segments[segments.count - 1].text += text
            } else {
                segments.append(Segment(kind: kind, text: text))
            }
        }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                add(.same, a[i]); i += 1; j += 1
            } else if i < a.count, j == b.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                // On a tie the old words go first: a change reads "removed, then added".
                add(.removed, a[i]); i += 1
            } else {
                add(.added, b[j]); j += 1
            }
        }
        return segments
    }

    /// Words with the whitespace that follows them.
    static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inSpace = false
        for character in text {
            if character.isWhitespace {
                inSpace = true
            } else if inSpace {
                result.append(current)
                current = ""
                inSpace = false
            }
            current.append(character)
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
