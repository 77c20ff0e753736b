import MosaicCore

/// Renders the light formatting of practice texts as HTML, escaping everything first: blank lines
/// separate paragraphs, lines starting with "- " are list items, bare http(s) URLs become links.
/// No HTML written by a user is ever passed through.
enum PracticeText {
    static func html(_ text: String) -> HTML {
        var out = ""
        var paragraph: [Substring] = []
        var items: [Substring] = []
        func flushParagraph() {
            if !paragraph.isEmpty { out += "<p>" + paragraph.map(inline).joined(separator: "<br>\n") + "</p>\n" }
            paragraph = []
        }
        func flushList() {
            if !items.isEmpty { out += "<ul>\n" + items.map { "<li>" + inline($0) + "</li>\n" }.joined() + "</ul>\n" }
            items = []
        }
        let normalized = text.normalizingLineEndings
        for rawLine in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = Substring(rawLine.trimmed)
            if line.isEmpty {
                // A blank line ends the paragraph or the list.
                flushParagraph()
                flushList()
            } else if line.hasPrefix("- ") || line.hasPrefix("• ") {
                flushParagraph()
                items.append(line.dropFirst(2))
            } else {
                flushList()
                paragraph.append(line)
            }
        }
        flushParagraph()
        flushList()
        return HTML(trusted: out)
    }

    /// One line: escaped text with bare URLs turned into links.
    static func inline(_ line: Substring) -> String {
        var out = ""
        var rest = line
        while let begin = firstURLStart(in: rest) {
            out += escape(rest[..<begin])
            var end = rest[begin...].firstIndex(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }) ?? rest.endIndex
            // Punctuation at the end belongs to the sentence, not the URL.
            while end > begin, let last = rest[..<end].last, ".,;:!?)]'".contains(last) { end = rest.index(before: end) }
            let url = rest[begin..<end]
            if url.utf8.count > "https://".utf8.count {
                out += "<a href=\"\(escape(url))\" rel=\"nofollow noopener noreferrer\">\(escape(url))</a>"
            } else {
                out += escape(url)
            }
            rest = rest[end...]
        }
        return out + escape(rest)
    }

    private static func firstURLStart(in text: Substring) -> Substring.Index? {
        let https = text.range(of: "https://")?.lowerBound
        let http = text.range(of: "http://")?.lowerBound
        switch (https, http) {
        case let (a?, b?): return min(a, b)
        case let (a?, nil): return a
        case let (nil, b?): return b
        default: return nil
        }
    }

    private static func escape(_ text: Substring) -> String {
        var out = ""
        HTML.escape(text, into: &out)
        return out
    }
}
