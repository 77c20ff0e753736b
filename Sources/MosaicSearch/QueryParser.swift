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
