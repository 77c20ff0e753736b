import Foundation

/// A topic of the taxonomy, such as `welcoming` ("Welcoming newcomers").
public struct Topic: Hashable, Sendable, Identifiable {
    /// The stable key of a topic, used in URLs and the exchange format.
    public struct Key: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
        public static func < (lhs: Key, rhs: Key) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public let key: Key
    /// Labels by language code; English is always present.
    public let labels: [String: String]

    public var id: Key { key }

    /// The label in the given language, falling back to English.
    public func label(in language: String) -> String {
        labels[language] ?? labels[String(language.prefix(2))] ?? labels["en"] ?? key.rawValue
    }
}

/// The list of topics practices are tagged with. It is data: a deployment can replace it.
public struct Taxonomy: Sendable {
    public let topics: [Topic]
    private let byKey: [Topic.Key: Topic]
    private let byFoldedLabel: [String: Topic]

    /// The areas of the Intercultural Cities Index, in English and French.
    public static let standard: Taxonomy = {
        guard let url = Bundle.module.url(forResource: "topics", withExtension: "json"),
              let data = try? Data(contentsOf: url),
              let taxonomy = try? Taxonomy(json: data) else {
            preconditionFailure("topics.json is missing from MosaicCore's resources or is not valid")
        }
        return taxonomy
    }()

    private struct Entry: Decodable {
        let key: String
        let labels: [String: String]
    }

    /// Reads a taxonomy from JSON: `[{"key": "...", "labels": {"en": "...", "fr": "..."}}]`.
    public init(json: Data) throws {
        let entries = try JSONDecoder().decode([Entry].self, from: json)
        self.init(topics: entries.map { Topic(key: Topic.Key(rawValue: $0.key), labels: $0.labels) })
    }

    public init(topics: [Topic]) {
        self.topics = topics
        byKey = Dictionary(topics.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var labels: [String: Topic] = [:]
        for topic in topics {
            labels[TextFolding.fold(topic.key.rawValue), default: topic] = topic
            for label in topic.labels.values {
                labels[TextFolding.fold(label), default: topic] = topic
            }
        }
        byFoldedLabel = labels
    }

    public subscript(key: Topic.Key) -> Topic? { byKey[key] }

    /// Finds a topic by key or by any of its labels, ignoring case and accents:
    /// "welcoming", "Welcoming newcomers", "accueil des nouveaux arrivants".
    public func find(_ text: String) -> Topic? {
        let folded = TextFolding.fold(text.trimmed)
        return byKey[Topic.Key(rawValue: folded)] ?? byFoldedLabel[folded]
    }
}
