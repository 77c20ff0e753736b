/// The URL name of a practice: lower-case ASCII letters, digits and single hyphens.
///
/// A slug is made once from the title, and stays when the title changes; every slug a practice ever
/// had keeps redirecting to it.
public struct Slug: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// The longest slug made from a title; longer titles are cut at a word boundary.
    public static let maximumLength = 80

    /// Accepts only text that is already a well-formed slug.
    public init?(rawValue: String) {
        guard Slug.isWellFormed(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Makes a slug from any text: "Café Europa – Neuchâtel" becomes `cafe-europa-neuchatel`.
    /// Text without any letter or digit gives `practice`.
    public init(making text: String) {
        var words: [String] = []
        var current = ""
        for character in TextFolding.fold(text).unicodeScalars {
            if character.isASCII, character.properties.isAlphabetic || ("0"..."9").contains(character) {
                current.unicodeScalars.append(character)
            } else if character == "'" {
                continue // "city's" → "citys", not "city-s"
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var slug = ""
        for word in words {
            let candidate = slug.isEmpty ? word : slug + "-" + word
            if candidate.count > Slug.maximumLength {
                if slug.isEmpty { slug = String(word.prefix(Slug.maximumLength)) }
                break
            }
            slug = candidate
        }
        self.rawValue = slug.isEmpty ? "practice" : slug
    }

    /// The n-th variant of a slug (`x`, `x-2`, `x-3`...), used to keep slugs unique.
    public func numbered(_ n: Int) -> Slug {
        n <= 1 ? self : Slug(unchecked: rawValue + "-\(n)")
    }

    private init(unchecked: String) { self.rawValue = unchecked }

    public static func isWellFormed(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 120, text.first != "-", text.last != "-" else { return false }
        var previousWasHyphen = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousWasHyphen = false
            case UInt8(ascii: "-"):
                if previousWasHyphen { return false }
                previousWasHyphen = true
            default:
                return false
            }
        }
        return true
    }

    public var description: String { rawValue }
    public static func < (lhs: Slug, rhs: Slug) -> Bool { lhs.rawValue < rhs.rawValue }
}
