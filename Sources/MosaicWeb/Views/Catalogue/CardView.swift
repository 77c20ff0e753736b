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
        /// "about {title}" split around the title.
        let aboutBefore: Substring, aboutAfter: Substring

        init(_ t: Strings) {
            readMore = t["read_more"]
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
        if let period = Localized.period(of: practice, in: language), !period.text.isEmpty {
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

    static func period(of practice: Practice, in language: String) -> Localized? {
        if language != practice.language, let period = practice.translations[language]?.period { return Localized(text: period, language: language) }
        return practice.period.map { Localized(text: $0, language: practice.language) }
    }

    static func section(_ section: Practice.Section, of practice: Practice, in language: String) -> Localized? {
        if language != practice.language, let text = practice.translations[language]?.sections[section] { return Localized(text: text, language: language) }
        return practice.sections[section].map { Localized(text: $0, language: practice.language) }
    }
}
