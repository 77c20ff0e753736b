import MosaicCore
import Mustache
/// Renders the light formatting of practice texts as HTML, escaping everything first: blank lines
/// separate paragraphs, lines starting with "- " are list items, bare http(s) URLs become links.
/// No HTML written by a user is ever passed through.
enum PracticeText {
    static func html(_ text: String) -> String {
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
        return out
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

    /// Escapes & < > " ' on UTF-8 bytes; text without them is returned as it is.
    static func escape(_ text: some StringProtocol) -> String {
        FastHTMLEscaping.escape(String(text))
    }
}

/// HTML escaping for every value a template writes: the same characters as swift-mustache's own
/// escaper (& < > " '), done on UTF-8 bytes. The library's escaper looks every character up in a
/// dictionary; on catalogue pages that was a large share of the rendering time.
struct FastHTMLEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String { Self.escape(text) }

    static func escape(_ text: String) -> String {
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
