import MosaicCore

/// A word of a text, as the index sees it.
public struct AnalyzedToken: Hashable, Sendable {
    /// The folded, stemmed form that is indexed and searched.
    public var term: String
    /// The word's position in its text: stop words take a position too, so that phrases line up.
    public var position: Int
    /// Where the word is in the original text, in UTF-8 offsets (for highlighting).
    public var range: Range<Int>
}

/// Turns text into search terms: Unicode folding (case, accents, ł ø đ ß æ œ...), words split on
/// anything that is not a letter or a digit, light English and French stemming, stop words removed.
///
/// A hyphenated word is indexed as its parts and as one joined word, so "anti-rumour", "anti rumour"
/// and "antirumour" all meet. Indexing and searching use this one scanner, so they always agree.
public enum Analyzer {
    /// The words of `text` with their stems; stop words are left out (but keep their positions).
    public static func tokens(_ text: String) -> [AnalyzedToken] {
        var result: [AnalyzedToken] = []
        scan(text) { term, position, range in result.append(AnalyzedToken(term: term, position: position, range: range)) }
        return result
    }

    /// `tokens` with a cache of stems kept by the caller.
    public static func tokens(_ text: String, cache: inout StemCache) -> [AnalyzedToken] {
        var result: [AnalyzedToken] = []
        scan(text, cache: &cache) { term, position, range in result.append(AnalyzedToken(term: term, position: position, range: range)) }
        return result
    }

    /// The terms of `text`, without positions.
    public static func terms(_ text: String) -> [String] {
        var result: [String] = []
        scan(text) { term, _, _ in result.append(term) }
        return result
    }

    /// Calls `emit` with each term of `text`, its position and its UTF-8 range. The hot path of indexing:
    /// ASCII is handled byte by byte; other characters are folded one by one.
    public static func scan(_ text: String, _ emit: (_ term: String, _ position: Int, _ range: Range<Int>) -> Void) {
        var cache = StemCache()
        scan(text, cache: &cache, emit)
    }

    /// Remembers the stem of each folded word (and whether it is a stop word), so that analysing many
    /// texts stems each distinct word once.
    public struct StemCache {
        /// The stem, or nil for a stop word.
        fileprivate var stems: [String: String?] = [:]
        public init() {}

        @inline(__always)
        fileprivate mutating func stem(_ folded: String) -> String? {
            if let known = stems[folded] { return known }
            let value: String? = Analyzer.stopWords.contains(folded) ? nil : Analyzer.stem(folded)
            if stems.count < 200_000 { stems[folded] = value }
            return value
        }
    }

    /// `scan` with a cache of stems kept by the caller across texts.
    @inline(__always)
    public static func scan(_ text: String, cache: inout StemCache, _ emit: (_ term: String, _ position: Int, _ range: Range<Int>) -> Void) {
        scanUntilStopped(text, cache: &cache) { term, position, range in
            emit(term, position, range)
            return true
        }
    }

    /// The first two bytes of a folded word or term (one byte and a zero for a one-byte word). Stemming
    /// only changes the ends of words longer than three characters, so a word and its stem start alike:
    /// a word whose start is not a term's start cannot be that term.
    @inline(__always)
    static func start(_ bytes: some Collection<UInt8>) -> UInt16 {
        var iterator = bytes.makeIterator()
        let first = UInt16(iterator.next() ?? 0), second = UInt16(iterator.next() ?? 0)
        return first << 8 | second
    }

    /// `scan` that stops as soon as `emit` returns false. With `starts`, only words that start like one
    /// of those (see `start`) are stemmed and emitted: the others are skipped without a lookup, which
    /// is what makes looking for a few known terms in a text cheap.
    public static func scanUntilStopped(_ text: String, cache: inout StemCache, onlyStarting starts: Set<UInt16>? = nil,
                                        _ emit: (_ term: String, _ position: Int, _ range: Range<Int>) -> Bool) {
        var stopped = false
        var word: [UInt8] = []        // the folded bytes of the current part
        var joined: [UInt8] = []      // the parts of a hyphenated word, joined
        var partCount = 0
        var partStart = 0
        var wordStart = 0
        var position = 0
        var afterHyphen = false
        word.reserveCapacity(32)

        func endPart(at end: Int) {
            guard !word.isEmpty else { return }
            if !stopped, starts?.contains(start(word)) ?? true, let stemmed = cache.stem(String(decoding: word, as: UTF8.self)) {
                stopped = !emit(stemmed, position, partStart..<end)
            }
            if partCount == 0 { wordStart = partStart }
            joined += word
            partCount += 1
            position += 1
            word.removeAll(keepingCapacity: true)
        }
        func endWord(at end: Int) {
            endPart(at: end)
            if partCount > 1, !stopped, starts?.contains(start(joined)) ?? true {
                let whole = String(decoding: joined, as: UTF8.self)
                stopped = !emit(cache.stem(whole) ?? whole, position - partCount, wordStart..<end)
            }
            joined.removeAll(keepingCapacity: true)
            partCount = 0
            afterHyphen = false
        }

        let bytes = text.utf8
        var offset = 0
        var index = bytes.startIndex
        while index != bytes.endIndex, !stopped {
            let byte = bytes[index]
            if byte < 0x80 {
                if let starts, word.isEmpty, partCount == 0, let end = skippableWord(bytes, at: index, starts) {
                    // A whole ASCII word that no term starts like: counted, not built.
                    position += 1
                    offset += bytes.distance(from: index, to: end)
                    index = end
                    continue
                }
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if word.isEmpty { partStart = offset }
                    word.append(byte)
                    afterHyphen = false
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    if word.isEmpty { partStart = offset }
                    word.append(byte + 32)
                    afterHyphen = false
                case UInt8(ascii: "-"):
                    if !word.isEmpty, !afterHyphen {
                        endPart(at: offset)
                        afterHyphen = true
                    } else {
                        endWord(at: offset)
                    }
                default:
                    // Apostrophes split too: "l'accueil" → "l" (a stop word), "accueil".
                    endWord(at: offset)
                }
                index = bytes.index(after: index)
                offset += 1
                continue
            }
            // A multi-byte character: decode it, then fold it.
            var length = 1
            if byte >= 0xF0 { length = 4 } else if byte >= 0xE0 { length = 3 } else if byte >= 0xC0 { length = 2 }
            let end = bytes.index(index, offsetBy: length, limitedBy: bytes.endIndex) ?? bytes.endIndex
            let scalar = String(decoding: bytes[index..<end], as: UTF8.self).unicodeScalars.first ?? " "
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if word.isEmpty { partStart = offset }
                var folded = String.UnicodeScalarView()
                TextFolding.appendFolded(scalar, to: &folded)
                for piece in folded where piece.properties.isAlphabetic || piece.properties.numericType != nil {
                    word.append(contentsOf: String(piece).utf8)
                }
                afterHyphen = false
            } else if scalar == "\u{2010}" || scalar == "\u{2011}" {
                if !word.isEmpty, !afterHyphen {
                    endPart(at: offset)
                    afterHyphen = true
                } else {
                    endWord(at: offset)
                }
            } else if !(scalar.properties.generalCategory == .nonspacingMark) {
                endWord(at: offset)
            }
            offset += bytes.distance(from: index, to: end)
            index = end
        }
        endWord(at: offset)
    }

    /// Where the word starting at `index` ends, when it is made of ASCII letters and digits only, is not
    /// hyphenated, and does not start like any of `starts`: the analyser would neither emit it nor join it.
    private static func skippableWord(_ bytes: String.UTF8View, at index: String.Index, _ starts: Set<UInt16>) -> String.Index? {
        func wordByte(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): byte
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
            default: nil
            }
        }
        guard let first = wordByte(bytes[index]) else { return nil }
        var end = bytes.index(after: index)
        var second: UInt8 = 0
        if end != bytes.endIndex {
            if bytes[end] >= 0x80 { return nil }
            second = wordByte(bytes[end]) ?? 0
        }
        guard !starts.contains(UInt16(first) << 8 | UInt16(second)) else { return nil }
        while end != bytes.endIndex, wordByte(bytes[end]) != nil { end = bytes.index(after: end) }
        // A word that goes on (an accented letter, a hyphen) is left to the full path.
        if end != bytes.endIndex, bytes[end] >= 0x80 || bytes[end] == UInt8(ascii: "-") { return nil }
        return end
    }

    // MARK: Stemming

    /// A light stemmer for English and French, with the plural families of German, Spanish, Portuguese and
    /// Italian whose endings no English or French word has. It only has to map the forms of a word to the
    /// same stem, the same way at indexing and at search: plurals; -ing and -ed; French feminine forms; the
    /// derived families (-ation/-ator/-ate, -ness, -ment, -ful, -ity/-ité, -al/-el: "participation",
    /// "participate", "participatory" meet, so do "culture", "cultural" and "culturel"); a final silent
    /// "e" and a final "y" (so that "policy", "policies" and the French "réfugiés" keep one stem each).
    public static func stem(_ word: String) -> String {
        var w = word
        guard w.count > 3, !w.unicodeScalars.allSatisfy({ $0.properties.numericType != nil }) else { return w }
        // Plural families of the other languages (folded): Integrationen, Beratungen, Gemeinschaften, Bürgerinnen;
        // integraciones, ciudades; integrações, cidades; integrazioni.
        if Self.mayHaveOtherPlural(w.utf8) {
            for (suffix, replacement) in Self.otherPlurals where w.utf8.count > suffix.utf8.count + 2 && w.utf8.elementsEqual(suffix.utf8, endingAt: w.utf8.endIndex) {
                w.removeLast(suffix.count)
                w += replacement
                return derived(w)
            }
        }
        // Plurals.
        if w.hasSuffix("eaux") { w.removeLast() }                                     // nouveaux → nouveau
        else if w.hasSuffix("aux"), w.count > 4 { w.removeLast(2); w += "l" }           // journaux → journal
        else if w.hasSuffix("ies"), w.count > 4 { w.removeLast(3); w += "y" }           // policies → policy
        else if w.hasSuffix("sses") { w.removeLast(2) }                                 // classes → class
        else if w.hasSuffix("ches") || w.hasSuffix("shes") || w.hasSuffix("xes") { w.removeLast(2) }
        else if w.hasSuffix("s"), !w.hasSuffix("ss"), !w.hasSuffix("us"), !w.hasSuffix("is") { w.removeLast() }
        else if w.hasSuffix("x"), w.count > 4, w.hasSuffix("eux") || w.hasSuffix("oux") { w.removeLast() } // jeux → jeu
        // English -ing, -ed; -ated and -ating go with -ate.
        if w.hasSuffix("ated"), w.count >= 8 { w.removeLast(4) }                       // participated → particip
        else if w.hasSuffix("ating"), w.count >= 9 { w.removeLast(5) }                 // mediating → medi
        else if w.hasSuffix("ing"), w.count >= 6 { w.removeLast(3) }
        else if w.hasSuffix("ed"), w.count >= 5, !w.hasSuffix("eed") { w.removeLast(2) }
        // French feminine and adjective endings.
        if w.hasSuffix("ienne"), w.count >= 7 { w.removeLast(2) }                       // européenne → europeen
        else if w.hasSuffix("elle"), w.count >= 6 { w.removeLast(2) }                   // culturelle → culturel
        else if w.hasSuffix("euse"), w.count >= 6 { w.removeLast(2); w += "r" }        // médiatrice-like
        else if w.hasSuffix("ive"), w.count >= 6 { w.removeLast(2); w += "f" }          // active → actif
        else if w.hasSuffix("ee"), w.count >= 5 { w.removeLast() }                      // engagée → engage
        w = derived(w)
        // A final silent "e": welcome/welcoming, house/housing, service/services.
        if w.hasSuffix("e"), w.count >= 5 { w.removeLast() }
        // Doubled consonant left by -ing/-ed: running → runn → run.
        if let last = w.last, w.count >= 5, w.dropLast().last == last, "bdgmnprt".contains(last) { w.removeLast() }
        // A final "y" after a consonant: policy and policies (→ policy), réfugiés (→ refugy) and réfugié.
        if w.hasSuffix("y"), w.count >= 4, let before = w.dropLast().last, !"aeiouy".contains(before) { w.removeLast(); w += "i" }
        return w
    }

    /// A derived word's stem, twice at most: educational → education → educ; Integration (from
    /// Integrationen) → integr.
    static func derived(_ word: String) -> String {
        var w = word
        for _ in 0..<2 {
            guard let (suffix, replacement) = Self.derivations.first(where: { w.hasSuffix($0.0) && w.count - $0.0.count + $0.1.count >= 4 })
            else { break }
            w.removeLast(suffix.count)
            w += replacement
        }
        return w
    }

    /// The endings of derived words (folded) and what they become, longest first; what is left must have
    /// four letters at least ("station" and "relation" stay whole).
    static let derivations: [(String, String)] = [
        ("atrice", ""), ("ateur", ""), ("atoire", ""), ("atory", ""), ("ivity", "if"), ("ivite", "if"),
        ("ation", ""), ("ator", ""), ("ness", ""), ("ment", ""), ("ate", ""), ("ful", ""), ("ity", ""), ("ite", ""),
        ("rel", "r"), ("nel", "n"), ("uel", "u"), ("al", ""),
    ]

    /// The last two letters of every ending of `otherPlurals`: most words are ruled out by them.
    @inline(__always)
    static func mayHaveOtherPlural(_ utf8: String.UTF8View) -> Bool {
        guard utf8.count > 5, let last = utf8.last else { return false }
        let second = utf8[utf8.index(utf8.endIndex, offsetBy: -2)]
        switch (second, last) {
        case (UInt8(ascii: "e"), UInt8(ascii: "n")), (UInt8(ascii: "o"), UInt8(ascii: "n")), (UInt8(ascii: "e"), UInt8(ascii: "s")),
             (UInt8(ascii: "n"), UInt8(ascii: "i")), (UInt8(ascii: "n"), UInt8(ascii: "e")), (UInt8(ascii: "d"), UInt8(ascii: "e")),
             (UInt8(ascii: "a"), UInt8(ascii: "o")):
            return true
        default:
            return false
        }
    }

    /// Endings and what they become, longest first; a word that has one is stemmed by it alone.
    static let otherPlurals: [(String, String)] = [
        ("schaften", "schaft"), ("heiten", "heit"), ("keiten", "keit"), ("ungen", "ung"), ("ionen", "ion"), ("innen", "in"),
        ("ciones", "cion"), ("siones", "sion"), ("dades", "dad"), ("coes", "cao"), ("soes", "sao"), ("zioni", "zion"), ("zione", "zion"),
        ("cion", "cion"), ("cao", "cao"), ("dade", "dad"),
    ]

    // MARK: Stop words

    /// Common English and French words that carry no meaning alone (folded).
    public static let stopWords: Set<String> = [
        // English
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have", "he", "her",
        "his", "how", "i", "in", "into", "is", "it", "its", "of", "on", "or", "our", "s", "she", "so", "than", "that", "the",
        "their", "them", "then", "there", "these", "they", "this", "those", "to", "was", "we", "were", "what", "when",
        "where", "which", "who", "will", "with", "you", "your",
        // French
        "au", "aux", "avec", "ce", "ces", "c", "d", "dans", "de", "des", "du", "elle", "en", "est", "et", "il", "ils", "j", "l",
        "la", "le", "les", "leur", "leurs", "lui", "m", "ma", "mais", "me", "mes", "n", "ne", "nos", "notre", "nous", "on",
        "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur", "t", "ta", "te", "tes", "un", "une",
        "vos", "votre", "vous", "y",
    ]
}

extension String.UTF8View {
    /// True when the bytes of `suffix` end this view at `end` (bytes compared, not characters).
    func elementsEqual(_ suffix: String.UTF8View, endingAt end: Index) -> Bool {
        guard let start = index(end, offsetBy: -suffix.count, limitedBy: startIndex) else { return false }
        return self[start..<end].elementsEqual(suffix)
    }
}
