import Foundation

/// The years a practice ran, read from the free text of its period.
///
/// The text itself is kept and shown as written; `Period` is what the Year filter uses.
public struct Period: Hashable, Sendable {
    /// The first year written, if any.
    public var start: Int?
    /// The last year written, or none when the practice is ongoing or undated.
    public var end: Int?
    /// True when the text says the practice still runs ("ongoing", "since 2016", "2013-").
    public var ongoing: Bool

    public init(start: Int? = nil, end: Int? = nil, ongoing: Bool = false) {
        self.start = start
        self.end = end
        self.ongoing = ongoing
    }

    /// No year and not ongoing.
    public static let undated = Period()

    /// The years the Year filter counts this practice under: from `start` to `end`, or to
    /// `currentYear` when ongoing, or `start` alone. `nil` when there is no start year ("Not dated").
    public func years(currentYear: Int) -> ClosedRange<Int>? {
        guard let start else { return nil }
        let last = end ?? (ongoing ? currentYear : start)
        return start...max(start, last)
    }

    /// The smallest and largest year accepted anywhere in Mosaic.
    public static let validYears = 1900...2099
}

/// Reads free-text periods such as "2019 - ongoing", "Since 2016", "2011-14" or "à partir de 2016".
///
/// It never fails and never invents a year: a year is only ever one written in the text
/// (a two-digit year right after a dash that follows a year completes that year: "2011-14").
///
/// ```swift
/// PeriodReader.read("2021 (ongoing since 2017)") // Period(start: 2017, end: nil, ongoing: true)
/// ```
public enum PeriodReader {
    public static func read(_ text: String?) -> Period {
        guard let text, !text.isEmpty else { return .undated }
        let tokens = markPhrases(in: tokenize(text))
        var years: [Int] = []
        var ongoing = false
        var negated = false

        var openSuffix = false
        for (index, token) in tokens.enumerated() {
            switch token {
            case .year(let year):
                years.append(year)
                if isFollowedByOpenEnd(tokens, after: index) { ongoing = true }
                if hasSuffix(tokens, after: index, in: fromSuffixes) { openSuffix = true }
            case .number(let digits, let value) where digits == 2:
                if let year = completedYear(tokens, twoDigit: value, at: index) { years.append(year) }
            case .marker(.ongoing):
                ongoing = true
            case .marker(.negation):
                negated = true
            case .marker(.from):
                if startsOpenRange(tokens, at: index) { ongoing = true }
            case .marker(.since):
                // After its year ("2013 yılından bu yana", "2021 alkaen"): open when no year follows.
                if !years.isEmpty, !tokens[(index + 1)...].contains(where: { if case .year = $0 { true } else { false } }) { ongoing = true }
            default:
                break
            }
        }
        // "2016tik", "2016'dan beri", "2019:sta": a start with "since" glued on, and no second year.
        if openSuffix && Set(years).count == 1 { ongoing = true }
        if negated { ongoing = false }
        guard let first = years.min(), let last = years.max() else {
            return Period(start: nil, end: nil, ongoing: ongoing)
        }
        return Period(start: first, end: ongoing ? nil : last, ongoing: ongoing)
    }

    // MARK: Tokens

    enum Marker: Equatable { case ongoing, negation, from, to, on, since }

    enum Token: Equatable {
        case year(Int)
        case number(digits: Int, value: Int)
        case word(String)
        case dash
        case separator
        case marker(Marker)
    }

    static func tokenize(_ text: String) -> [Token] {
        let scalars = Array(TextFolding.fold(text).unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        func isLetter(_ i: Int) -> Bool { i >= 0 && i < scalars.count && scalars[i].properties.isAlphabetic }
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < scalars.count && ("0"..."9").contains(scalars[i]) }

        while index < scalars.count {
            let scalar = scalars[index]
            if isDigit(index) {
                var end = index
                var value = 0
                while isDigit(end) {
                    value = value &* 10 &+ Int(scalars[end].value - 48)
                    end += 1
                }
                let digits = end - index
                let money = (index > 0 && "€$£".unicodeScalars.contains(scalars[index - 1]))
                    || followsCurrencyWord(scalars, from: end)
                if digits == 4, Period.validYears.contains(value), !money {
                    tokens.append(.year(value))
                } else {
                    tokens.append(.number(digits: digits, value: digits > 6 ? Int.max : value))
                }
                index = end
            } else if isLetter(index) {
                var word = String.UnicodeScalarView()
                var end = index
                // Letters, with hyphens between letters kept inside the word ("on-going", "open-ended").
                while isLetter(end) || (end < scalars.count && scalars[end] == "-" && isLetter(end - 1) && isLetter(end + 1)) {
                    word.append(scalars[end])
                    end += 1
                }
                tokens.append(.word(String(word)))
                index = end
            } else if scalar == "-" || scalar == "/" {
                // "2018/19" is read as "2018-19".
                tokens.append(.dash)
                index += 1
            } else if scalar == " " || scalar == "\t" || scalar == "'" {
                index += 1
            } else {
                tokens.append(.separator)
                index += 1
            }
        }
        return tokens
    }

    private static func followsCurrencyWord(_ scalars: [Unicode.Scalar], from index: Int) -> Bool {
        var i = index
        while i < scalars.count, scalars[i] == " " { i += 1 }
        if i < scalars.count, "€$£".unicodeScalars.contains(scalars[i]) { return true }
        var word = ""
        while i < scalars.count, scalars[i].properties.isAlphabetic {
            word.unicodeScalars.append(scalars[i])
            i += 1
        }
        return currencyWords.contains(word)
    }

    private static let currencyWords: Set<String> = ["eur", "euro", "euros", "usd", "chf", "gbp", "dollars", "rsd", "din", "dinara"]

    /// Replaces runs of words that mean "ongoing", "from", "to"... by markers, longest phrase first.
    static func markPhrases(in tokens: [Token]) -> [Token] {
        var result: [Token] = []
        var index = 0
        outer: while index < tokens.count {
            if case .word = tokens[index] {
                for length in stride(from: longestPhrase, through: 1, by: -1) where index + length <= tokens.count {
                    var words: [String] = []
                    for token in tokens[index..<(index + length)] {
                        guard case .word(let word) = token else { break }
                        words.append(word)
                    }
                    guard words.count == length, let marker = phrases[words.joined(separator: " ")] else { continue }
                    result.append(.marker(marker))
                    index += length
                    continue outer
                }
            }
            result.append(tokens[index])
            index += 1
        }
        return result
    }

    // MARK: Rules

    /// "2011-14": a two-digit number right after a dash that follows a year, giving a later year
    /// in the same century, and not part of a date such as "2019-05-12".
    private static func completedYear(_ tokens: [Token], twoDigit value: Int, at index: Int) -> Int? {
        guard index >= 2, tokens[index - 1] == .dash, case .year(let previous) = tokens[index - 2] else { return nil }
        if index + 2 < tokens.count, case .number = tokens[index + 2], tokens[index + 1] == .dash || tokens[index + 1] == .separator {
            return nil
        }
        if index + 2 < tokens.count, case .year = tokens[index + 2], tokens[index + 1] == .dash || tokens[index + 1] == .separator {
            return nil
        }
        // "2019 - 30 June 2019": a day of a month, not a year.
        if index + 1 < tokens.count, case .word(let word) = tokens[index + 1], months.contains(word) { return nil }
        let year = previous / 100 * 100 + value
        return year > previous ? year : nil
    }

    /// "2013-", "2013 - (pilot)", "2015 on", "2015 and on": a year with an open end.
    private static func isFollowedByOpenEnd(_ tokens: [Token], after index: Int) -> Bool {
        let next = index + 1
        guard next < tokens.count else { return false }
        switch tokens[next] {
        case .dash:
            let after = next + 1
            return after >= tokens.count || tokens[after] == .separator
        case .marker(.on):
            let after = next + 1
            return after >= tokens.count || tokens[after] == .separator || tokens[after] == .dash
        case .word("and"):
            guard next + 1 < tokens.count, tokens[next + 1] == .marker(.on) else { return false }
            return next + 2 >= tokens.count || tokens[next + 2] == .separator
        default:
            return false
        }
    }

    /// True when the year at `index` carries one of `suffixes` ("2016tik", "2016'dan", "2019:sta").
    private static func hasSuffix(_ tokens: [Token], after index: Int, in suffixes: Set<String>) -> Bool {
        var next = index + 1
        if next < tokens.count, tokens[next] == .separator { next += 1 }
        guard next < tokens.count, case .word(let word) = tokens[next] else { return false }
        return suffixes.contains(word)
    }

    /// "since 2016", "à partir de 2016", "from 2021" with no end written after the year.
    private static func startsOpenRange(_ tokens: [Token], at index: Int) -> Bool {
        var i = index + 1
        var skipped = 0
        // The start year may follow a month, a day or a small word: "from March 2019", "desde el 1 de enero de 2015".
        while i < tokens.count, skipped < 5 {
            if case .year = tokens[i] { break }
            guard isSkippable(tokens[i]) else { return false }
            i += 1
            skipped += 1
        }
        guard i < tokens.count, case .year = tokens[i] else { return false }
        // Look for an end: a "to" word or a dash followed (past months and days) by a year.
        var j = i + 1
        while j < tokens.count {
            switch tokens[j] {
            case .marker(.to), .dash:
                var k = j + 1
                while k < tokens.count, isSkippable(tokens[k]) { k += 1 }
                if k < tokens.count, case .year = tokens[k] { return false }
                if k < tokens.count, case .number(2, _) = tokens[k] { return false }
                j = k
            case .separator, .word, .number:
                if case .word(let word) = tokens[j], !skippableWords.contains(word), !months.contains(word) { return true }
                j += 1
            default:
                return true
            }
        }
        return true
    }

    private static func isSkippable(_ token: Token) -> Bool {
        switch token {
        case .word(let word): return months.contains(word) || skippableWords.contains(word)
        case .number(let digits, let value): return digits <= 2 && value <= 31
        case .separator: return true
        default: return false
        }
    }

    // MARK: Vocabulary (folded: lower case, no accents; apostrophes split words)

    /// The words of `period-words.tsv` (the other interface languages), folded and split as the reader
    /// splits a period: kind → phrases.
    private static let extraWords: [String: [String]] = {
        guard let url = Bundle.module.url(forResource: "period-words", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var table: [String: [String]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t").map(String.init)
            guard columns.count == 3 else { continue }
            let words = tokenize(columns[2]).compactMap { token -> String? in
                if case .word(let word) = token { return word }
                return nil
            }
            guard !words.isEmpty else { continue }
            table[columns[1], default: []].append(words.joined(separator: " "))
        }
        return table
    }()

    static let fromSuffixes: Set<String> = Set(extraWords["from-suffix"] ?? [])

    static let months: Set<String> = Set(extraWords["month"] ?? []).union([
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
        "januar", "februar", "marz", "juni", "juli", "oktober", "dezember", "jänner", "janner",
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre", "octubre", "noviembre", "diciembre",
        "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
        "janeiro", "fevereiro", "marco", "maio", "junho", "julho", "setembro", "outubro", "novembro", "dezembro",
        "januar", "februar", "mart", "maj", "jun", "jul", "avgust", "septembar", "oktobar", "novembar", "decembar",
        "spring", "summer", "autumn", "fall", "winter", "printemps", "ete", "automne", "hiver",
    ])

    static let skippableWords: Set<String> = Set((extraWords["skip"] ?? []) + (extraWords["to-suffix"] ?? [])).union([
        "the", "of", "in", "early", "late", "mid", "end", "beginning", "start", "year", "years",
        "de", "du", "des", "d", "le", "la", "l", "en", "fin", "debut", "annee",
        "el", "del", "los", "di", "il", "dello", "della", "do", "da", "o", "em",
        "dem", "im", "jahr", "godine", "godina", "januara", "februara", "marta", "aprila", "maja", "juna", "jula",
        "avgusta", "septembra", "oktobra", "novembra", "decembra", "st", "nd", "rd", "th", "er",
    ])

    private static let phrases: [String: Marker] = {
        var table: [String: Marker] = [:]
        let ongoing = [
            // English
            "ongoing", "on-going", "on going", "onwards", "onward", "present", "the present", "current", "currently",
            "permanent", "permanently", "today", "now", "continuing", "continuous", "continuously", "open-ended",
            "indefinite", "indefinitely", "to date", "up to now", "until now", "till now", "to this day", "until today",
            "up to today", "in progress", "still running", "and beyond", "no end date",
            // French
            "en cours", "actuellement", "toujours", "permanente", "continu", "aujourd hui", "a ce jour", "a nos jours",
            "jusqu a aujourd hui", "jusqu a present", "jusqu a ce jour", "a l heure actuelle", "perenne",
            // German
            "laufend", "fortlaufend", "andauernd", "heute", "bis heute", "bis jetzt", "bis dato", "dauerhaft",
            "derzeit", "aktuell", "seither", "unbefristet",
            // Spanish
            "en curso", "actualidad", "la actualidad", "actualmente", "vigente", "hasta hoy", "hasta la fecha",
            "hasta la actualidad", "hasta ahora", "a la fecha", "hoy", "indefinido",
            // Italian
            "in corso", "tuttora", "oggi", "ad oggi", "a oggi", "fino ad oggi", "attualmente", "continuativo", "in atto",
            // Portuguese
            "em curso", "a decorrer", "em andamento", "atualmente", "presente", "hoje", "ate hoje", "ate ao presente",
            "ate a data", "ate agora",
            // Serbian (Latin; Cyrillic is transliterated by folding)
            "u toku", "traje", "trajno", "danas", "do danas", "i dalje", "tekuce", "kontinuirano", "stalno", "u tijeku",
        ]
        let from = [
            "since", "from", "starting", "starting in", "starting from", "as of", "as from", "beginning in",
            "depuis", "des", "a partir de", "a partir du", "a partir d", "a partir", "a compter de",
            "seit", "ab", "von", "beginnend",
            "desde", "a partir del", "dal", "dall", "dalla", "dai", "a partire da", "a partire dal", "a partire dalla",
            "od", "pocevsi od", "vanaf",
        ]
        let to = [
            "to", "until", "till", "til", "through", "thru", "au", "a", "jusqu a", "jusqu en", "jusqu au", "jusqu",
            "bis", "hasta", "al", "fino al", "fino a", "fino", "ate", "ate ao", "do",
        ]
        let negation = ["not ongoing", "no longer", "not anymore", "plus en cours", "nicht mehr", "ya no", "non piu", "ja nao", "vise ne"]
        // The other languages' words first: the built-in ones win where a phrase is in both.
        for phrase in extraWords["to"] ?? [] { table[phrase] = .to }
        for phrase in extraWords["from"] ?? [] { table[phrase] = .from }
        for phrase in extraWords["from-after"] ?? [] { table[phrase] = .since }
        for phrase in extraWords["ongoing"] ?? [] { table[phrase] = .ongoing }
        for phrase in extraWords["negation"] ?? [] { table[phrase] = .negation }
        for phrase in to { table[phrase] = .to }
        for phrase in from { table[phrase] = .from }
        for phrase in ongoing { table[phrase] = .ongoing }
        for phrase in negation { table[phrase] = .negation }
        table["on"] = .on
        return table
    }()

    private static let longestPhrase = phrases.keys.map { $0.split(separator: " ").count }.max() ?? 1
}
