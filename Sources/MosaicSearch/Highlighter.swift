import MosaicCore

/// Makes the snippet of a hit: the passage where the query's words first appear, with them marked;
/// the teaser when they appear nowhere in the text.
struct Highlighter {
    let terms: Set<String>
    let language: String
    /// How the terms start (`Analyzer.start`): words that start otherwise are not looked up.
    private let starts: Set<UInt16>

    init(terms: Set<String>, language: String) {
        self.terms = terms
        self.language = language
        starts = Set(terms.map { Analyzer.start($0.utf8) })
    }
    static let length = 200

    /// How far into each section the first match is looked for; a passage further in is rarely the best
    /// one to show, and this keeps snippets cheap on long texts.
    static let searchedPrefix = 800

    func snippet(for practice: Practice) -> Snippet {
        var cache = Analyzer.StemCache()
        return snippet(for: practice, lookInText: true, cache: &cache)
    }

    /// With `lookInText` false (the index says no section holds a matched word), the teaser is shown.
    func snippet(for practice: Practice, lookInText: Bool, cache: inout Analyzer.StemCache) -> Snippet {
        let sections: [Practice.Section] = [.purpose, .rationale, .process, .impact] + Practice.Section.allCases.filter {
            ![.purpose, .rationale, .process, .impact].contains($0)
        }
        if !terms.isEmpty, lookInText {
            for section in sections {
                guard let raw = practice.text(of: section, in: language), !raw.isEmpty else { continue }
                let searched = raw.utf8.count > Self.searchedPrefix ? Self.prefix(raw, bytes: Self.searchedPrefix) : raw
                guard Self.mayHold(searched, wordsStarting: starts) else { continue }
                let text = searched.collapsingWhitespace
                // Matching tokens up to the end of the passage around the first one, then no further.
                var tokens: [AnalyzedToken] = []
                Analyzer.scanUntilStopped(text, cache: &cache, onlyStarting: starts) { term, position, range in
                    if let first = tokens.first, range.lowerBound >= first.range.lowerBound + Self.length { return false }
                    if terms.contains(term) { tokens.append(AnalyzedToken(term: term, position: position, range: range)) }
                    return true
                }
                guard let first = tokens.first else { continue }
                return passage(text, around: first.range.lowerBound, marking: tokens, language: textLanguage(practice, section))
            }
        }
        return teaser(for: practice)
    }

    /// False when `text` is plain ASCII and none of its words starts like a term (`Analyzer.start`): then
    /// the analyser would find nothing, and the section is skipped without being tokenised. Words are
    /// cut where the analyser cuts them (at every byte that is not a letter or digit); any other byte
    /// (accented letters fold) answers true.
    static func mayHold(_ text: String, wordsStarting starts: Set<UInt16>) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var previousIsWordByte = false
            for (offset, byte) in bytes.enumerated() {
                if byte >= 0x80 { return true }
                let isWordByte = isLetterOrDigit(byte)
                if isWordByte, !previousIsWordByte {
                    let next = offset + 1 < bytes.count && isLetterOrDigit(bytes[offset + 1]) ? lowercased(bytes[offset + 1]) : 0
                    if starts.contains(UInt16(lowercased(byte)) << 8 | UInt16(next)) { return true }
                }
                previousIsWordByte = isWordByte
            }
            return false
        }
    }

    @inline(__always)
    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    @inline(__always)
    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// The teaser, unmarked: the snippet of a practice whose text holds none of the words.
    func teaser(for practice: Practice) -> Snippet {
        for section in [Practice.Section.purpose, .rationale, .process, .impact] {
            if let text = practice.text(of: section, in: language), !text.isEmpty {
                return Snippet(segments: [.init(text: Practice.shorten(text, to: Self.length), highlighted: false)],
                               language: textLanguage(practice, section))
            }
        }
        return Snippet(segments: [], language: practice.language)
    }

    /// The first `bytes` UTF-8 bytes of `text`, not cutting a character.
    static func prefix(_ text: String, bytes: Int) -> String {
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: bytes)
        while end < text.utf8.endIndex, (text.utf8[end] & 0xC0) == 0x80 { end = text.utf8.index(after: end) }
        return String(text[..<end])
    }

    private func textLanguage(_ practice: Practice, _ section: Practice.Section) -> String {
        language != practice.language && practice.translations[language]?.sections[section] != nil ? language : practice.language
    }

    /// About `length` characters of `text` around a UTF-8 offset, cut at word boundaries, with the
    /// matching tokens marked.
    private func passage(_ text: String, around offset: Int, marking tokens: [AnalyzedToken], language: String) -> Snippet {
        let utf8 = Array(text.utf8)
        var start = offset <= Self.length / 2 ? 0 : offset - 60
        while start > 0, start < utf8.count, utf8[start - 1] != 0x20 { start -= 1 }
        var end = min(utf8.count, start + Self.length)
        if end < utf8.count {
            while end > start + Self.length / 2, utf8[end - 1] != 0x20 { end -= 1 }
            // Never cut inside a multi-byte character.
            while end < utf8.count, utf8[end] & 0xC0 == 0x80 { end += 1 }
        }
        var segments: [Snippet.Segment] = []
        if start > 0 { segments.append(.init(text: "…", highlighted: false)) }
        var cursor = start
        for token in tokens where token.range.lowerBound >= start && token.range.upperBound <= end {
            if token.range.lowerBound < cursor { continue } // a joined hyphenated word overlapping its parts
            if token.range.lowerBound > cursor {
                segments.append(.init(text: String(decoding: utf8[cursor..<token.range.lowerBound], as: UTF8.self), highlighted: false))
            }
            segments.append(.init(text: String(decoding: utf8[token.range], as: UTF8.self), highlighted: true))
            cursor = token.range.upperBound
        }
        var tail = String(decoding: utf8[cursor..<end], as: UTF8.self)
        if end < utf8.count {
            while let last = tail.last, last.isWhitespace || last.isPunctuation { tail.removeLast() }
            tail += "…"
        }
        if !tail.isEmpty { segments.append(.init(text: tail, highlighted: false)) }
        return Snippet(segments: segments, language: language)
    }
}
