import Foundation

/// Folds text for comparison: lower case, diacritics removed, and letters that Unicode does not
/// decompose (ł, ø, đ, ß, æ, œ, þ...) replaced by their usual Latin spelling. Cyrillic and Greek are
/// transliterated, so that "Нови Сад" and "Novi Sad" fold alike.
///
/// ```swift
/// TextFolding.fold("Neuchâtel – Łódź") // "neuchatel – lodz"
/// ```
public enum TextFolding {
    /// Lower-cased, diacritics-free, Latin-script form of `text`. Characters that are not letters are kept.
    public static func fold(_ text: String) -> String {
        // Most labels and words are ASCII: lower-case their bytes at once.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
            return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            appendFolded(scalar, to: &out)
        }
        return String(out)
    }

    /// Appends the folded form of one scalar; the hot path of the search analyser.
    @inline(__always)
    public static func appendFolded(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        let v = scalar.value
        if v < 0x80 {
            // ASCII: lower-case letters only.
            if v >= 0x41 && v <= 0x5A {
                out.append(Unicode.Scalar(v + 0x20)!)
            } else {
                out.append(scalar)
            }
            return
        }
        if let special = specialLetters[scalar] {
            out.append(contentsOf: special.unicodeScalars)
            return
        }
        // Canonical/compatibility decomposition, then drop combining marks.
        let decomposed = String(scalar).decomposedStringWithCompatibilityMapping
        for part in decomposed.unicodeScalars {
            if part.properties.isDiacritic || part.properties.generalCategory == .nonspacingMark {
                continue
            }
            if let special = specialLetters[part] {
                out.append(contentsOf: special.unicodeScalars)
            } else {
                for lower in part.properties.lowercaseMapping.unicodeScalars {
                    out.append(lower)
                }
            }
        }
    }

    /// Letters that NFKD leaves alone, with Cyrillic (Serbian, Russian, Ukrainian...) and Greek transliterated.
    static let specialLetters: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        func add(_ pairs: [(String, String)]) {
            for (from, to) in pairs {
                for scalar in from.unicodeScalars { table[scalar] = to }
            }
        }
        add([
            ("łŁ", "l"), ("øØ", "o"), ("đĐ", "d"), ("ßẞ", "ss"), ("æÆ", "ae"), ("œŒ", "oe"),
            ("þÞ", "th"), ("ðÐ", "d"), ("ħĦ", "h"), ("ıİ", "i"), ("ŀĿ", "l"), ("ŧŦ", "t"),
            ("ĸ", "k"), ("ŋŊ", "ng"), ("ſ", "s"), ("ƒ", "f"), ("ɲƝ", "n"), ("ʒƷ", "z"),
            ("‐‑‒–—―−", "-"), ("’‘‛′", "'"), ("“”„‟″", "\""), ("\u{00A0}\u{202F}\u{2009}", " "),
        ])
        // Cyrillic, following the Serbian Latin alphabet where it has a letter.
        add([
            ("аА", "a"), ("бБ", "b"), ("вВ", "v"), ("гГ", "g"), ("дД", "d"), ("ђЂ", "dj"), ("еЕ", "e"),
            ("ёЁ", "e"), ("жЖ", "z"), ("зЗ", "z"), ("иИ", "i"), ("йЙ", "j"), ("јЈ", "j"), ("кК", "k"),
            ("лЛ", "l"), ("љЉ", "lj"), ("мМ", "m"), ("нН", "n"), ("њЊ", "nj"), ("оО", "o"), ("пП", "p"),
            ("рР", "r"), ("сС", "s"), ("тТ", "t"), ("ћЋ", "c"), ("уУ", "u"), ("фФ", "f"), ("хХ", "h"),
            ("цЦ", "c"), ("чЧ", "c"), ("џЏ", "dz"), ("шШ", "s"), ("щЩ", "sc"), ("ъЪ", ""), ("ыЫ", "y"),
            ("ьЬ", ""), ("эЭ", "e"), ("юЮ", "ju"), ("яЯ", "ja"), ("єЄ", "je"), ("іІ", "i"), ("їЇ", "ji"),
            ("ґҐ", "g"), ("ѓЃ", "g"), ("ќЌ", "k"), ("ѕЅ", "dz"),
        ])
        add([
            ("αΑάΆ", "a"), ("βΒ", "v"), ("γΓ", "g"), ("δΔ", "d"), ("εΕέΈ", "e"), ("ζΖ", "z"), ("ηΗήΉ", "i"),
            ("θΘ", "th"), ("ιΙίΊϊΪΐ", "i"), ("κΚ", "k"), ("λΛ", "l"), ("μΜ", "m"), ("νΝ", "n"), ("ξΞ", "x"),
            ("οΟόΌ", "o"), ("πΠ", "p"), ("ρΡ", "r"), ("σςΣ", "s"), ("τΤ", "t"), ("υΥύΎϋΫΰ", "y"),
            ("φΦ", "f"), ("χΧ", "ch"), ("ψΨ", "ps"), ("ωΩώΏ", "o"),
        ])
        return table
    }()
}
