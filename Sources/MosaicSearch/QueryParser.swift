import Foundation
import MosaicCore

/// The query text, read into words, phrases, exclusions and the word being typed.
struct ParsedQuery: Equatable {
    /// Each word as typed (folding and stemming come later).
    var words: [String] = []
    var phrases: [String] = []
    var excluded: [String] = []
    /// The last word when the text does not end with a space: it also matches as a prefix.
    var prefix: String?

    var isEmpty: Bool { words.isEmpty && phrases.isEmpty }

    /// Reads `"quoted phrases"`, `-excluded` words and plain words; an unclosed quote runs to the end.
    init(_ text: String) {
        var index = text.startIndex
        var lastWasPlainWord = false
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
                lastWasPlainWord = false
                continue
            }
            if character == "\"" || character == "“" || character == "”" || character == "«" {
                let start = text.index(after: index)
                let end = text[start...].firstIndex(where: { $0 == "\"" || $0 == "”" || $0 == "“" || $0 == "»" }) ?? text.endIndex
                let phrase = String(text[start..<end]).trimmed
                if !phrase.isEmpty { phrases.append(phrase) }
                index = end < text.endIndex ? text.index(after: end) : end
                lastWasPlainWord = false
                continue
            }
            let end = text[index...].firstIndex(where: { $0.isWhitespace || $0 == "\"" || $0 == "“" || $0 == "«" }) ?? text.endIndex
            let word = String(text[index..<end])
            if word.hasPrefix("-"), word.count > 1 {
                excluded.append(String(word.dropFirst()))
                lastWasPlainWord = false
            } else {
                words.append(word)
                lastWasPlainWord = true
            }
            index = end
        }
        if lastWasPlainWord, let last = words.last, !(text.last?.isWhitespace ?? true) {
            prefix = last
        }
    }
}

extension ParsedQuery {
    /// The words of the reader's language that carry no meaning in a query ("die", "της", "për"), folded;
    /// English and French ones are removed everywhere by the analyser.
    static let stopWordsByLanguage: [String: Set<String>] = {
        guard let url = Bundle.module.url(forResource: "stopwords", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var table: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t")
            guard columns.count == 2 else { continue }
            table[String(columns[0]), default: []].insert(TextFolding.fold(String(columns[1])))
        }
        return table
    }()

    /// The query as read in `language`: its function words dropped, as long as another word remains (a
    /// query of only such words is searched as typed: "die" may be what an English reader means).
    init(_ text: String, language: String) {
        self.init(text)
        guard let stopWords = Self.stopWordsByLanguage[language] else { return }
        let kept = words.filter { !stopWords.contains(TextFolding.fold($0)) }
        if !kept.isEmpty && kept.count < words.count {
            if let prefix, !kept.contains(prefix) { self.prefix = nil }
            words = kept
        }
    }
}
