/// Markup, escaped by construction: a `String` interpolated into an `HTML` literal is escaped, an `HTML`
/// value is inserted as it is. Every page of the site is written with it, so that user text can only
/// ever reach a page as text.
///
///     let card: HTML = "<a href=\"\(href)\">\(title)</a>"   // href and title are escaped
///     page += card
struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    private(set) var text: String

    init() { text = "" }

    /// An empty value with room for `capacity` bytes, for a whole page.
    init(capacity: Int) {
        text = ""
        text.reserveCapacity(capacity)
    }

    var utf8Count: Int { text.utf8.count }

    init(stringLiteral literal: String) { text = literal }

    init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    /// Markup written by code that has escaped what it inserts (the light formatting of practice texts).
    init(trusted text: String) { self.text = text }

    /// Text as HTML: escaped.
    init(escaping text: String) {
        self.text = ""
        HTML.escape(text, into: &self.text)
    }

    var description: String { text }
    var isEmpty: Bool { text.isEmpty }

    static func += (lhs: inout HTML, rhs: HTML) { lhs.text += rhs.text }
    static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(trusted: lhs.text + rhs.text) }

    /// Nothing when `condition` is false.
    static func when(_ condition: Bool, _ html: @autoclosure () -> HTML) -> HTML { condition ? html() : HTML() }

    struct Interpolation: StringInterpolationProtocol {
        var text: String

        init(literalCapacity: Int, interpolationCount: Int) {
            text = ""
            text.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) { text += literal }
        mutating func appendInterpolation(_ value: String) { HTML.escape(value, into: &text) }
        mutating func appendInterpolation(_ value: Substring) { HTML.escape(value, into: &text) }
        /// An optional text: nothing when nil.
        mutating func appendInterpolation(_ value: String?) { if let value { HTML.escape(value, into: &text) } }
        mutating func appendInterpolation(_ value: Int) { text += String(value) }
        mutating func appendInterpolation(_ html: HTML) { text += html.text }
        mutating func appendInterpolation(_ html: HTML?) { if let html { text += html.text } }
        mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { text += part.text } }
    }

    /// The one HTML escaper: & < > " ' become entities, on UTF-8 bytes; runs without them are copied whole.
    static func escape(_ value: String, into out: inout String) { escape(value[...], into: &out) }

    static func escape(_ value: Substring, into out: inout String) {
        // Most values have nothing to escape: scan the bytes in place, copy whole runs between specials.
        let utf8 = value.utf8
        let specials: [Int]? = utf8.withContiguousStorageIfAvailable { bytes in
            var found: [Int] = []
            for offset in bytes.indices where isSpecial(bytes[offset]) { found.append(offset) }
            return found
        }
        guard let specials else {
            for character in value { out += escapedCharacter(character) }
            return
        }
        guard !specials.isEmpty else {
            out += value
            return
        }
        var start = utf8.startIndex
        for offset in specials {
            let index = utf8.index(utf8.startIndex, offsetBy: offset)
            out += value[start..<index]
            out += entity(utf8[index])
            start = utf8.index(after: index)
        }
        out += value[start...]
    }

    private static func entity(_ byte: UInt8) -> String {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x22: "&quot;"
        default: "&#39;"
        }
    }

    private static func escapedCharacter(_ character: Character) -> String {
        guard character.isASCII, let byte = character.asciiValue, isSpecial(byte) else { return String(character) }
        return entity(byte)
    }

    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    /// `text` escaped, as a `String` (for the few places that build text for another format).
    static func escaped(_ value: String) -> String {
        var out = ""
        escape(value, into: &out)
        return out
    }

    /// ` lang="xx"` when a text's language is not the page's.
    static func lang(_ language: String, page: String) -> HTML {
        language == page ? HTML() : " lang=\"\(language)\""
    }
}

extension Sequence {
    /// The HTML of every element, one after the other.
    func html(_ transform: (Element) throws -> HTML) rethrows -> HTML {
        var out = HTML()
        for element in self { out += try transform(element) }
        return out
    }
}
