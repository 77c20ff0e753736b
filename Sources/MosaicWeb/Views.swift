import Foundation
import MosaicCore
import MosaicSearch
import Mustache

/// The chrome every page shares: language, title, navigation, language switcher, alternates.
struct Layout: MustacheParent {
    enum Section { case home, practices, template, account, none }

    let t: Strings
    let pageTitle: String
    let description: String
    /// The path without its language prefix ("/practices/x"), and the query to keep when switching language.
    let path: String
    let query: String?
    let section: Section
    let site: Site

    var language: String { t.language }

    func link(_ language: String) -> String {
        SitePath.path(path, language: language) + (query.map { $0.isEmpty ? "" : "?" + $0 } ?? "")
    }

    func child(named name: String) -> Any? {
        switch name {
        case "lang": language
        case "t": t
        case "pageTitle": pageTitle
        case "description": description
        case "assetVersion": site.assetVersion
        case "homeHref": SitePath.path("/", language: language)
        case "canonical": site.settings.baseURL == nil ? nil : site.absolute(link(language))
        case "alternates":
            Localizer.languages.map { Fields(["hreflang": $0, "href": site.absolute(link($0))]) }
                + [Fields(["hreflang": "x-default", "href": site.absolute(link(Localizer.defaultLanguage))])]
        case "switcher":
            Localizer.languages.map { code -> Fields in
                ["code": code, "label": site.localizer.strings(code)["language_name"], "href": link(code), "current": code == language]
            }
        case "nav":
            [
                ["label": t["nav_home"], "href": SitePath.path("/", language: language), "current": section == .home],
                ["label": t["nav_practices"], "href": SitePath.path("/practices", language: language), "current": section == .practices],
                ["label": t["nav_template"], "href": SitePath.path("/template", language: language), "current": section == .template],
                ["label": t["nav_account"], "href": SitePath.path("/account", language: language), "current": section == .account],
            ] as [Fields]
        default: nil
        }
    }
}

/// A page's own fields on top of the layout's.
struct PageModel: MustacheParent {
    let layout: Layout
    let fields: Fields

    func child(named name: String) -> Any? {
        fields[name] ?? layout.child(named: name)
    }
}

/// The search form, on the home, catalogue and not-found pages.
struct SearchForm: MustacheParent {
    let action: String
    let id: String
    let text: String
    /// Filters kept when searching again from the catalogue.
    let hidden: [Fields]

    func child(named name: String) -> Any? {
        switch name {
        case "action": action
        case "id": id
        case "text": text
        case "hidden": hidden
        default: nil
        }
    }
}

/// One practice in a list: the one place that builds a card.
struct Card: MustacheParent {
    let practice: Practice
    let snippet: Snippet
    let href: String
    let t: Strings
    let countries: CountryList

    init(practice: Practice, snippet: Snippet? = nil, href: String, t: Strings, countries: CountryList) {
        self.practice = practice
        self.href = href
        self.t = t
        self.countries = countries
        self.snippet = snippet ?? Snippet(segments: [.init(text: practice.teaser(in: t.language), highlighted: false)],
                                         language: Card.teaserLanguage(practice, t.language))
    }

    static func teaserLanguage(_ practice: Practice, _ language: String) -> String {
        for section in [Practice.Section.purpose, .rationale, .process, .impact] {
            if practice.translations[language]?.sections[section] != nil, language != practice.language { return language }
            if practice.sections[section] != nil { return practice.language }
        }
        return practice.language
    }

    var title: Localized { Localized.title(of: practice, in: t.language) }
    var period: Localized? { Localized.period(of: practice, in: t.language) }

    var place: String {
        let country = countries[practice.country]?.name(in: t.language) ?? practice.country.rawValue
        return practice.cities.isEmpty ? "\(country) (\(t["national"]))" : (practice.cities + [country]).joined(separator: ", ")
    }

    func child(named name: String) -> Any? {
        name == "html" ? html : nil
    }

    /// The card's HTML, every value escaped. Cards are written here rather than by a template: a page
    /// shows up to 100 of them, and each value looked up through the template engine cost more than the
    /// rest of the page (see docs/architecture.md, "Rendering").
    var html: String {
        let e = FastHTMLEscaping.escape
        let slug = e(practice.slug.rawValue), href = e(self.href), title = self.title
        var html = "<li class=\"card\">\n<article aria-labelledby=\"card-\(slug)\">\n"
        html += "<h3 id=\"card-\(slug)\"><a href=\"\(href)\"\(Self.lang(title.language, t.language))>\(e(title.text))</a></h3>\n"
        html += "<p class=\"card-meta\"><span class=\"card-place\">\(e(place))</span>"
        if let period, !period.text.isEmpty {
            html += " <span class=\"card-period\"\(Self.lang(period.language, t.language))>\(e(period.text))</span>"
        }
        html += "</p>\n<p class=\"card-teaser\"\(Self.lang(snippet.language, t.language))>"
        for segment in snippet.segments {
            // The passage with the matching words in <mark>.
            html += segment.highlighted ? "<mark>" + e(segment.text) + "</mark>" : e(segment.text)
        }
        html += "</p>\n<a class=\"card-more\" href=\"\(href)\">\(e(t["read_more"]))<span class=\"visually-hidden\"> "
        html += e(t.format("read_more_about", ["title": title.text])) + "</span></a>\n</article>\n</li>\n"
        return html
    }

    /// A `lang` attribute when a text is not in the page's language.
    private static func lang(_ language: String, _ page: String) -> String {
        language == page ? "" : " lang=\"" + PracticeText.escape(language) + "\""
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

/// Values for a template, under their names: one named type for every small model a template walks
/// (rows of navigation, chips, controls), instead of bare `[String: Any]` dictionaries.
struct Fields: MustacheParent, ExpressibleByDictionaryLiteral {
    private(set) var values: [String: Any]

    /// Nil values are left out, so that `{{#name}}` sees nothing rather than an optional that holds
    /// nothing (which swift-mustache would render as a value).
    init(dictionaryLiteral elements: (String, Any?)...) {
        values = Dictionary(elements.compactMap { name, value in value.map { (name, $0) } }, uniquingKeysWith: { _, last in last })
    }

    init(_ values: [String: Any]) { self.values = values }

    subscript(name: String) -> Any? {
        get { values[name] }
        set { values[name] = newValue }
    }

    func child(named name: String) -> Any? { values[name] }
}
