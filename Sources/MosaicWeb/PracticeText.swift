/// Renders the light formatting of practice texts as HTML, escaping everything first: blank lines
/// separate paragraphs, lines starting with "- " are list items, bare http(s) URLs become links.
/// No HTML written by a user is ever passed through.
enum PracticeText {
    static func html(_ text: String) -> String {
        var out = ""
        let blocks = text.normalizingLineEndingsForHTML.components(separatedBy: "\n\n")
        for block in blocks {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingSpaces }
                .filter { !$0.isEmpty }
            guard !lines.isEmpty else { continue }
            var paragraph: [String] = []
            var items: [String] = []
            func flushParagraph() {
                if !paragraph.isEmpty { out += "<p>" + paragraph.map(inline).joined(separator: "<br>\n") + "</p>\n" }
                paragraph = []
            }
            func flushList() {
                if !items.isEmpty { out += "<ul>\n" + items.map { "<li>" + inline($0) + "</li>\n" }.joined() + "</ul>\n" }
                items = []
            }
            for line in lines {
                if line.hasPrefix("- ") || line.hasPrefix("• ") {
                    flushParagraph()
                    items.append(String(line.dropFirst(2)))
                } else {
                    flushList()
                    paragraph.append(line)
                }
            }
            flushParagraph()
            flushList()
        }
        return out
    }

    /// One line: escaped text with bare URLs turned into links.
    static func inline(_ line: String) -> String {
        var out = ""
        var rest = Substring(line)
        while let start = rest.range(of: "https://") ?? rest.range(of: "http://") {
            // Take the earlier of the two schemes.
            var begin = start.lowerBound
            if let other = rest.range(of: "http://"), other.lowerBound < begin { begin = other.lowerBound }
            out += escape(rest[..<begin])
            var end = rest[begin...].firstIndex(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }) ?? rest.endIndex
            // Punctuation at the end belongs to the sentence, not the URL.
            while end > begin, let last = rest[..<end].last, ".,;:!?)]'".contains(last) { end = rest.index(before: end) }
            let url = rest[begin..<end]
            if url.count > "https://".count {
                out += "<a href=\"\(escape(url))\" rel=\"nofollow noopener noreferrer\">\(escape(url))</a>"
            } else {
                out += escape(url)
            }
            rest = rest[end...]
        }
        return out + escape(rest)
    }

    static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

extension StringProtocol {
    var normalizingLineEndingsForHTML: String {
        String(self).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
