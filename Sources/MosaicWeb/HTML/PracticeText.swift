import MosaicCore

/// Renders the light formatting of practice texts as HTML, escaping everything first: blank lines
/// separate paragraphs, lines starting with "- " are list items, bare http(s) URLs become links.
/// No HTML written by a user is ever passed through.
enum PracticeText {
    static func html(_ text: String) -> HTML {
        var out = HTML(capacity: text.utf8.count + 64)
        var paragraph: [Substring] = []
        var items: [Substring] = []
        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            out += "<p>"
            for (number, line) in paragraph.enumerated() {
                if number > 0 { out += "<br>\n" }
                inline(line, into: &out)
            }
            out += "</p>\n"
            paragraph = []
        }
        func flushList() {
            guard !items.isEmpty else { return }
            out += "<ul>\n"
            for item in items {
                out += "<li>"
                inline(item, into: &out)
                out += "</li>\n"
            }
            out += "</ul>\n"
            items = []
        }
        let normalized = text.normalizingLineEndings
        // Lines are split on the byte: a newline is never part of a longer character once line endings are normalised.
        for rawLine in normalized.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let line = Substring(Substring(rawLine).trimmed)
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
        return out
    }

    /// One line, escaped as it is written (text is only ever interpolated), with bare URLs turned into links.
    static func inline(_ line: Substring, into out: inout HTML) {
        var rest = line
        while let begin = firstURLStart(in: rest) {
            out += "\(rest[..<begin])"
            var end = rest[begin...].firstIndex(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }) ?? rest.endIndex
            // Punctuation at the end belongs to the sentence, not the URL.
            while end > begin, let last = rest[..<end].last, ".,;:!?)]'".contains(last) { end = rest.index(before: end) }
            let url = rest[begin..<end]
            if url.utf8.count > "https://".utf8.count {
                out += "<a href=\"\(url)\" rel=\"nofollow noopener noreferrer\">\(url)</a>"
            } else {
                out += "\(url)"
            }
            rest = rest[end...]
        }
        out += "\(rest)"
    }

    /// Where the first "http://" or "https://" starts, found on UTF-8 bytes.
    private static func firstURLStart(in text: Substring) -> Substring.Index? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        while let h = utf8[index...].firstIndex(of: UInt8(ascii: "h")) {
            let rest = utf8[h...]
            if rest.starts(with: "http://".utf8) || rest.starts(with: "https://".utf8) { return h }
            index = utf8.index(after: h)
        }
        return nil
    }
}
