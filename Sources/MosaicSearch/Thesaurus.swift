import Foundation
import MosaicCore

/// The domain terms of intercultural policy in English and French, read from `Resources/thesaurus.tsv`
/// (a file the network's editors can read and edit; its header says how). Each concept has terms that
/// mean the same thing, in both languages, and may name broader concepts.
///
/// Search expands a query with it: the words as typed rank first, then the concept's other terms (its
/// synonyms and translations), then the terms of its narrower and broader concepts.
public struct Thesaurus: Sendable {
    public struct Concept: Sendable, Hashable {
        public var key: String
        public var english: [String]
        public var french: [String]
        public var broader: [String]
        /// The line of the file it was read from.
        public var line: Int
    }

    /// A mistake in the file, with the line to fix.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var line: Int
        public var message: String
        public var description: String { "thesaurus.tsv:\(line): \(message)" }
    }

    public let concepts: [Concept]
    /// A term's words as the analyser reads them, joined with spaces → the concepts that hold it.
    let conceptsByTerms: [String: [Int]]
    /// The analysed words of every term of a concept, by concept.
    let analysedTerms: [[[String]]]
    let narrower: [[Int]]
    let broader: [[Int]]
    /// The most words any term has.
    let longestTerm: Int

    /// The thesaurus shipped with Mosaic. It is read when the first snapshot is built.
    public static let standard: Thesaurus = {
        guard let url = Bundle.module.url(forResource: "thesaurus", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return Thesaurus() }
        do { return try Thesaurus(text: text) } catch { preconditionFailure("\(error)") }
    }()

    /// An empty thesaurus: no query is expanded.
    public init() {
        concepts = []
        conceptsByTerms = [:]
        analysedTerms = []
        narrower = []
        broader = []
        longestTerm = 0
    }

    /// Reads the tab-separated file; refuses it, naming the line, when a line does not have four columns,
    /// a key is repeated or malformed, a broader key does not exist, or a concept has no term.
    public init(text: String) throws {
        var concepts: [Concept] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard columns.count == 4 else {
                throw Problem(line: lineNumber, message: "expected 4 columns separated by tabs (key, English, French, broader), found \(columns.count)")
            }
            let key = columns[0]
            guard !key.isEmpty, key.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
                throw Problem(line: lineNumber, message: "the key \"\(key)\" must be lower-case letters, digits and hyphens")
            }
            func list(_ column: String) -> [String] {
                column.components(separatedBy: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            let concept = Concept(key: key, english: list(columns[1]), french: list(columns[2]), broader: list(columns[3]), line: lineNumber)
            guard !(concept.english + concept.french).isEmpty else {
                throw Problem(line: lineNumber, message: "the concept \"\(key)\" has no English or French term")
            }
            concepts.append(concept)
        }
        var indexByKey: [String: Int] = [:]
        for (index, concept) in concepts.enumerated() {
            if let first = indexByKey[concept.key] {
                throw Problem(line: concept.line, message: "the key \"\(concept.key)\" is already used on line \(concepts[first].line)")
            }
            indexByKey[concept.key] = index
        }
        var broader = [[Int]](repeating: [], count: concepts.count)
        var narrower = [[Int]](repeating: [], count: concepts.count)
        for (index, concept) in concepts.enumerated() {
            for key in concept.broader {
                guard let wider = indexByKey[key] else {
                    throw Problem(line: concept.line, message: "the broader concept \"\(key)\" is not a key of this file")
                }
                guard wider != index else { throw Problem(line: concept.line, message: "\"\(key)\" cannot be broader than itself") }
                broader[index].append(wider)
                narrower[wider].append(index)
            }
        }
        // No concept may be broader than itself through others.
        for start in concepts.indices {
            var seen: Set<Int> = [], next = broader[start]
            while let concept = next.popLast() {
                guard concept != start else {
                    throw Problem(line: concepts[start].line, message: "the concept \"\(concepts[start].key)\" is broader than itself through its broader concepts")
                }
                if seen.insert(concept).inserted { next += broader[concept] }
            }
        }
        var byTerms: [String: [Int]] = [:]
        var analysed: [[[String]]] = []
        var longest = 0
        for (index, concept) in concepts.enumerated() {
            var terms: [[String]] = []
            for term in concept.english + concept.french {
                let words = Self.words(of: term)
                guard !words.isEmpty, !terms.contains(words) else { continue }
                terms.append(words)
                longest = max(longest, words.count)
                let joined = words.joined(separator: " ")
                if !(byTerms[joined]?.contains(index) ?? false) { byTerms[joined, default: []].append(index) }
            }
            analysed.append(terms)
        }
        self.concepts = concepts
        self.broader = broader
        self.narrower = narrower
        conceptsByTerms = byTerms
        analysedTerms = analysed
        longestTerm = longest
    }

    /// The words of a term or a query as search compares them: folded and stemmed, stop words left out,
    /// a hyphenated word as its joined form only ("anti-rumour" → "antirumour").
    static func words(of text: String) -> [String] {
        let tokens = Analyzer.tokens(text)
        // The parts of a hyphenated word lie inside the range of its joined form, which follows them.
        return tokens.enumerated().filter { index, token in
            !tokens[(index + 1)...].contains { $0.range.lowerBound <= token.range.lowerBound && token.range.upperBound <= $0.range.upperBound && $0.range != token.range }
        }.map(\.element.term)
    }

    /// The concepts whose term is exactly these analysed words.
    func concepts(matching words: ArraySlice<String>) -> [Int] {
        conceptsByTerms[words.joined(separator: " ")] ?? []
    }

    /// How a query's concept widens: its own terms, then narrower, then broader ones, each term once.
    struct Expansion {
        var terms: [String]
        var relation: Relation
    }
    enum Relation { case same, narrower, broader }

    /// The terms a query span that names `matched` concepts expands to (the span's own words left out).
    func expansions(of matched: [Int], excluding own: [String]) -> [Expansion] {
        var seen: Set<[String]> = [own]
        var result: [Expansion] = []
        func add(_ concept: Int, _ relation: Relation) {
            for terms in analysedTerms[concept] where seen.insert(terms).inserted {
                result.append(Expansion(terms: terms, relation: relation))
            }
        }
        for concept in matched { add(concept, .same) }
        for concept in matched { for other in narrower[concept] { add(other, .narrower) } }
        for concept in matched { for other in broader[concept] { add(other, .broader) } }
        return result
    }

    /// Every key, term and broader key, for the editors' page: concept by concept, as in the file.
    public func concept(withKey key: String) -> Concept? { concepts.first { $0.key == key } }

    /// The keys of the concepts narrower than `concept`.
    public func narrowerKeys(of concept: Concept) -> [String] {
        guard let index = concepts.firstIndex(of: concept) else { return [] }
        return narrower[index].map { concepts[$0].key }
    }
}
