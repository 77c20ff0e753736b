import Mustache
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

/// HTML escaping for every value a template writes: the same characters as swift-mustache's own
/// escaper (& < > " '), done on UTF-8 bytes. The library's escaper looks every character up in a
/// dictionary; on catalogue pages that was a large share of the rendering time.
struct FastHTMLEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var needsEscaping = false
        for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 {
            needsEscaping = true
            break
        }
        guard needsEscaping else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            switch byte {
            case 0x26: bytes += Array("&amp;".utf8)
            case 0x3C: bytes += Array("&lt;".utf8)
            case 0x3E: bytes += Array("&gt;".utf8)
            case 0x22: bytes += Array("&quot;".utf8)
            case 0x27: bytes += Array("&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Makes it the escaping of HTML templates (the default content type).
    static func install() {
        MustacheContentTypes.register(FastHTMLEscaping(), named: "HTML")
    }
}

/// The items of a facet list, as HTML, every value escaped.
enum FacetHTML {
    static func item(label: String, count: String, href: String, selected: Bool, selectedText: String) -> String {
        var html = "<li><a class=\"facet-value"
        if selected { html += " is-selected" }
        html += "\" href=\"" + PracticeText.escape(href) + "\" rel=\"nofollow\">"
        html += "<span class=\"check\" aria-hidden=\"true\"></span><span class=\"facet-label\">"
        html += PracticeText.escape(label) + "</span> <span class=\"facet-count\">" + PracticeText.escape(count) + "</span>"
        if selected { html += "<span class=\"visually-hidden\"> (" + PracticeText.escape(selectedText) + ")</span>" }
        return html + "</a></li>\n"
    }
}
