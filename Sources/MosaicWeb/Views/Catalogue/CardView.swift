import MosaicCore
import MosaicSearch

/// One practice in a list: the one place that builds a card.
struct CardView {
    let practice: Practice
    let snippet: Snippet
    let href: String
    let place: String
    let t: Strings

    init(practice: Practice, snippet: Snippet? = nil, href: String, t: Strings, countries: CountryList) {
        self.practice = practice
        self.href = href
        self.t = t
        self.place = PlaceLine.text(of: practice, countries: countries, language: t.language, national: t["national"])
        self.snippet = snippet ?? Snippet(segments: [.init(text: practice.teaser(in: t.language), highlighted: false)],
                                         language: practice.teaserLanguage(in: t.language))
    }

    /// The interface texts every card shows, looked up once for a list.
    struct Texts {
        let readMore: String
        let periods: PeriodTexts
        /// "about {title}" split around the title.
        let aboutBefore: Substring, aboutAfter: Substring

        init(_ t: Strings) {
            readMore = t["read_more"]
            periods = PeriodTexts(t)
            let about = t["read_more_about"]
            if let range = about.range(of: "{title}") {
                (aboutBefore, aboutAfter) = (about[..<range.lowerBound], about[range.upperBound...])
            } else {
                (aboutBefore, aboutAfter) = (about[...], "")
            }
        }
    }

    func render(_ texts: Texts, into html: inout HTML) {
        let language = t.language
        let slug = practice.slug.rawValue, title = Localized.title(of: practice, in: language)
        // The title inside the hidden "Read more about …" keeps its own language for screen readers.
        let titleInText: HTML = title.language == language ? "\(title.text)" : "<span lang=\"\(title.language)\">\(title.text)</span>"
        html += """
            <li class="card">
            <article aria-labelledby="card-\(slug)">
            <h3 id="card-\(slug)"><a href="\(href)"\(HTML.lang(title.language, page: language))>\(title.text)</a></h3>
            <p class="card-meta"><span class="card-place">\(place)</span>
            """
        if let period = Localized.period(of: practice, in: language, periods: texts.periods), !period.text.isEmpty {
            html += " <span class=\"card-period\"\(HTML.lang(period.language, page: language))>\(period.text)</span>"
        }
        html += "</p>\n<p class=\"card-teaser\"\(HTML.lang(snippet.language, page: language))>"
        for segment in snippet.segments {
            // The passage with the matching words in <mark>.
            html += segment.highlighted ? "<mark>\(segment.text)</mark>" : "\(segment.text)"
        }
        html += """
            </p>
            <a class="card-more" href="\(href)">\(texts.readMore)<span class="visually-hidden"> \(texts.aboutBefore)\(titleInText)\(texts.aboutAfter)</span></a>
            </article>
            </li>

            """
    }
}

extension [CardView] {
    /// The cards of a list, one after the other.
    func render() -> HTML {
        guard let t = first?.t else { return HTML() }
        let texts = CardView.Texts(t)
        var html = HTML(capacity: count * 1200)
        for card in self { card.render(texts, into: &html) }
        return html
    }
}

/// The one "cities, country" line of a practice: "Lisbon, Portugal", or "Portugal (National)".
enum PlaceLine {
    static func text(of practice: Practice, countries: CountryList, language: String, national: String) -> String {
        let country = countries[practice.country]?.name(in: language) ?? practice.country.rawValue
        return practice.cities.isEmpty ? "\(country) (\(national))" : (practice.cities + [country]).joined(separator: ", ")
    }

    /// Cities and country, leaving out what is empty (drafts may have neither).
    static func draftText(of practice: Practice, countries: CountryList, language: String) -> String {
        let country = practice.country.rawValue.isEmpty ? "" : countries[practice.country]?.name(in: language) ?? practice.country.rawValue
        return (practice.cities + [country]).filter { !$0.isEmpty }.joined(separator: ", ")
    }
}

/// A period read by Mosaic, said in the reader's language.
struct PeriodTexts {
    /// The texts split around their placeholders once, so that each card only joins pieces.
    private let rangeStart: (before: Substring, after: Substring), rangeEnd: (before: Substring, after: Substring)
    private let since: (before: Substring, after: Substring)
    private let ongoing: String

    init(_ t: Strings) {
        let range = t["period_range"].splitAround("{start}")
        rangeStart = (range.before, "")
        rangeEnd = String(range.after).splitAround("{end}")
        since = t["period_since"].splitAround("{start}")
        ongoing = t["period_ongoing"]
    }

    /// Nil when the period has no year and is not ongoing (it could not be read).
    func text(of practice: Practice) -> String? {
        switch (practice.periodStart, practice.periodEnd, practice.ongoing) {
        case let (start?, end?, _) where end != start:
            return rangeStart.before + String(start) + rangeEnd.before + String(end) + rangeEnd.after
        case let (start?, _, true): return since.before + String(start) + since.after
        case let (start?, _, false): return String(start)
        case (nil, _, true): return ongoing
        default: return nil
        }
    }
}

/// A text of a practice in the reader's language when translated, else in the original, with its language.
struct Localized {
    let text: String
    let language: String

    static func title(of practice: Practice, in language: String) -> Localized {
        if language != practice.language, let title = practice.translations[language]?.title { return Localized(text: title, language: language) }
        return Localized(text: practice.title, language: practice.language)
    }

    static func subtitle(of practice: Practice, in language: String) -> Localized? {
        if language != practice.language, let subtitle = practice.translations[language]?.subtitle { return Localized(text: subtitle, language: language) }
        return practice.subtitle.map { Localized(text: $0, language: practice.language) }
    }

    /// The period: translated, or as written in the reader's language, or else read by Mosaic and said in
    /// the reader's language ("Since 2014", "Depuis 2014"); as written when it could not be read.
    static func period(of practice: Practice, in language: String, periods: PeriodTexts) -> Localized? {
        if language != practice.language, let period = practice.translations[language]?.period { return Localized(text: period, language: language) }
        if language != practice.language, let said = periods.text(of: practice) { return Localized(text: said, language: language) }
        return practice.period.map { Localized(text: $0, language: practice.language) }
    }

    /// The period as written, when the page shows it otherwise (for the practice page: "as written").
    static func writtenPeriod(of practice: Practice, besides shown: Localized?) -> Localized? {
        guard let written = practice.period, let shown, shown.language != practice.language, shown.text != written else { return nil }
        return Localized(text: written, language: practice.language)
    }

    static func section(_ section: Practice.Section, of practice: Practice, in language: String) -> Localized? {
        if language != practice.language, let text = practice.translations[language]?.sections[section] { return Localized(text: text, language: language) }
        return practice.sections[section].map { Localized(text: $0, language: practice.language) }
    }
}

extension String {
    /// The text before and after a placeholder ("as written: {text}" → "as written: ", ""), for putting
    /// markup around what replaces it; the whole text and nothing when the placeholder is absent.
    func splitAround(_ placeholder: String) -> (before: Substring, after: Substring) {
        guard let range = range(of: placeholder) else { return (self[...], "") }
        return (self[..<range.lowerBound], self[range.upperBound...])
    }
}
