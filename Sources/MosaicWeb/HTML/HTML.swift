/// Markup, escaped by construction: a `String` interpolated into an `HTML` literal is escaped, an `HTML`
/// value is inserted as it is. Every page of the site is written with it, so that user text can only
/// ever reach a page as text.
///
///     let card: HTML = "<a href=\"\(href)\">\(title)</a>"   // href and title are escaped
///     page += card
struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// UTF-8, as it goes out: a page is written byte by byte into one buffer and sent as it is.
    private(set) var bytes: [UInt8]

    init() { bytes = [] }

    /// An empty value with room for `capacity` bytes, for a whole page.
    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    var utf8Count: Int { bytes.count }

    init(stringLiteral literal: String) { bytes = Array(literal.utf8) }

    init(stringInterpolation: Interpolation) { bytes = stringInterpolation.bytes }

    /// Markup written by code that has escaped what it inserts (the light formatting of practice texts).
    init(trusted text: String) { bytes = Array(text.utf8) }

    /// JSON to put in a `<script>` element: inert once every "<" is written "\u003c" (no "</script>" can
    /// end it early); JSON has "<" only inside strings, where the escape means the same.
    init(scriptJSON json: String) {
        guard json.utf8.contains(UInt8(ascii: "<")) else {
            bytes = Array(json.utf8)
            return
        }
        bytes = []
        bytes.reserveCapacity(json.utf8.count + 16)
        for byte in json.utf8 {
            if byte == UInt8(ascii: "<") { bytes += "\\u003c".utf8 } else { bytes.append(byte) }
        }
    }

    /// Text as HTML: escaped.
    init(escaping text: String) {
        bytes = []
        HTML.escape(text[...], into: &bytes)
    }

    var description: String { String(decoding: bytes, as: UTF8.self) }
    var isEmpty: Bool { bytes.isEmpty }

    static func += (lhs: inout HTML, rhs: HTML) { lhs.bytes += rhs.bytes }
    static func + (lhs: HTML, rhs: HTML) -> HTML {
        var sum = lhs
        sum.bytes += rhs.bytes
        return sum
    }

    /// Nothing when `condition` is false.
    static func when(_ condition: Bool, _ html: @autoclosure () -> HTML) -> HTML { condition ? html() : HTML() }

    struct Interpolation: StringInterpolationProtocol {
        var bytes: [UInt8]

        init(literalCapacity: Int, interpolationCount: Int) {
            bytes = []
            bytes.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) { bytes += literal.utf8 }
        mutating func appendInterpolation(_ value: String) { HTML.escape(value[...], into: &bytes) }
        mutating func appendInterpolation(_ value: Substring) { HTML.escape(value, into: &bytes) }
        /// An optional text: nothing when nil.
        mutating func appendInterpolation(_ value: String?) { if let value { HTML.escape(value[...], into: &bytes) } }
        mutating func appendInterpolation(_ value: Int) { bytes += String(value).utf8 }
        mutating func appendInterpolation(_ html: HTML) { bytes += html.bytes }
        mutating func appendInterpolation(_ html: HTML?) { if let html { bytes += html.bytes } }
        mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { bytes += part.bytes } }
    }

    /// The one HTML escaper: & < > " ' become entities, on UTF-8 bytes; runs without them are copied whole.
    static func escape(_ value: Substring, into out: inout [UInt8]) {
        var value = value
        value.withUTF8 { text in
            guard let base = text.baseAddress else { return }
            var start = 0, offset = 0
            while offset < text.count {
                if isSpecial(base[offset]) {
                    out += UnsafeBufferPointer(start: base + start, count: offset - start)
                    entity(base[offset]).withUTF8Buffer { out += $0 }
                    start = offset + 1
                }
                offset &+= 1
            }
            out += UnsafeBufferPointer(start: base + start, count: text.count - start)
        }
    }

    private static func entity(_ byte: UInt8) -> StaticString {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x22: "&quot;"
        default: "&#39;"
        }
    }

    /// " & ' < > are all below 0x40: one bit each in a 64-bit mask (bits 0x22, 0x26, 0x27, 0x3C, 0x3E).
    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 0x40 && (0x5000_00C4_0000_0000 as UInt64) &>> UInt64(byte) & 1 != 0
    }

    /// `text` escaped, as a `String` (for the few places that build text for another format).
    static func escaped(_ value: String) -> String { HTML(escaping: value).description }

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
