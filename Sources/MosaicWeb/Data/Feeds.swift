import Foundation
import MosaicCore
import MosaicSearch

/// An Atom feed (RFC 4287) of the newest practices matching a query, in the reader's language.
struct AtomFeed {
    let t: Strings
    let query: CatalogQuery
    let practices: [Practice]
    let catalog: Catalog
    let base: String
    let licence: DataLicence

    /// Entry ids never change: they name the practice, not its address (which changes with its slug).
    static func entryID(_ practice: Practice) -> String { "tag:mosaic.intercultural-cities,2026:practice:" + practice.id.rawValue }

    private func text(_ value: String) -> String { HTML.escaped(value) }

    var xml: String {
        let language = t.language
        var feedQuery = query
        feedQuery.sort = nil
        let self_ = base + Route.feed.path(language) + (feedQuery.queryString.isEmpty ? "" : "?" + feedQuery.queryString)
        let html = base + feedQuery.url
        let updated = practices.map(practiceUpdated).max()
            ?? Date(timeIntervalSince1970: 0)
        var title = t["site_name"] + " · " + t["feed_title"]
        let filters = CatalogQuery.Facet.allCases.flatMap { facet in query.selection(facet).map { label(facet, $0) } }
        if query.hasText { title += " · \u{201C}" + query.text.trimmed + "\u{201D}" }
        if !filters.isEmpty { title += " · " + filters.joined(separator: ", ") }
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(language)">
            <id>\(text(self_))</id>
            <title>\(text(title))</title>
            <subtitle>\(text(t["feed_subtitle"]))</subtitle>
            <updated>\(Timestamp.format(updated))</updated>
            <link rel="self" type="application/atom+xml" href="\(text(self_))"/>
            <link rel="alternate" type="text/html" href="\(text(html))"/>
            <author><name>\(text(t["site_name"]))</name><uri>\(text(base + "/"))</uri></author>
            <rights>\(text(licence.name + " — " + licence.url))</rights>
            <generator>Mosaic</generator>

            """
        for practice in practices {
            let localizedTitle = Localized.title(of: practice, in: language)
            let place = PlaceLine.text(of: practice, countries: catalog.countries, language: language, national: t["national"])
            out += """
                <entry>
                <id>\(text(Self.entryID(practice)))</id>
                <title xml:lang="\(localizedTitle.language)">\(text(localizedTitle.text))</title>
                <link rel="alternate" type="text/html" href="\(text(base + Route.practice(practice.slug).path(language)))"/>
                <link rel="alternate" type="application/json" href="\(text(base + Route.apiPractice(practice.slug).path(language)))"/>
                <updated>\(Timestamp.format(practiceUpdated(practice)))</updated>

                """
            if let published = practice.publishedAt { out += "<published>\(Timestamp.format(published))</published>\n" }
            for key in practice.topics {
                out += "<category term=\"\(text(key.rawValue))\" label=\"\(text(catalog.taxonomy[key]?.label(in: language) ?? key.rawValue))\"/>\n"
            }
            out += """
                <summary xml:lang="\(practice.teaserLanguage(in: language))">\(text(place + " — " + practice.teaser(in: language)))</summary>
                </entry>

                """
        }
        return out + "</feed>\n"
    }

    private func practiceUpdated(_ practice: Practice) -> Date { max(practice.updatedAt, practice.publishedAt ?? practice.updatedAt) }

    private func label(_ facet: CatalogQuery.Facet, _ value: String) -> String {
        switch facet {
        case .topic: catalog.taxonomy[Topic.Key(rawValue: value)]?.label(in: t.language) ?? value
        case .country: catalog.countries[Country.Code(rawValue: value)]?.name(in: t.language) ?? value
        case .language: LanguageNames.name(of: value, in: t.language)
        default: value
        }
    }
}

/// The sitemap protocol: an index of parts; every practice page in every language with its
/// alternates, and (in part 1) the home, catalogue, data, and every topic, country and city page.
enum Sitemap {
    static func partCount(practices: Int, perPart: Int) -> Int { max(1, (practices + perPart - 1) / perPart) }

    static func newest(_ catalog: Catalog) -> Date? {
        catalog.matches(CatalogQuery(sort: .newest), limit: 1).first.map { $0.publishedAt ?? $0.updatedAt }
    }

    static func index(parts: Int, base: String, lastModified: Date?) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for number in 1...parts {
            out += "<sitemap><loc>\(HTML.escaped(base + Route.sitemapPart(number).path))</loc>"
            if let lastModified { out += "<lastmod>\(Timestamp.format(lastModified))</lastmod>" }
            out += "</sitemap>\n"
        }
        return out + "</sitemapindex>\n"
    }

    static func part(_ number: Int, perPart: Int, catalog: Catalog, base: String) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

            """
        func add(_ route: Route, lastModified: Date?) {
            for language in Localizer.languages {
                out += "<url><loc>\(HTML.escaped(base + route.path(language)))</loc>"
                if let lastModified { out += "<lastmod>\(Timestamp.format(lastModified))</lastmod>" }
                for other in Localizer.languages {
                    out += "<xhtml:link rel=\"alternate\" hreflang=\"\(other)\" href=\"\(HTML.escaped(base + route.path(other)))\"/>"
                }
                out += "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"\(HTML.escaped(base + route.path))\"/></url>\n"
            }
        }
        let sorted = catalog.matches(CatalogQuery(sort: .title))
        if number == 1 {
            let newest = newest(catalog)
            for route in [Route.home, .practices, .data, .api, .template] { add(route, lastModified: route == .home || route == .practices ? newest : nil) }
            let everything = catalog.search(CatalogQuery(perPage: 1))
            for value in everything.facets[.topic] ?? [] where value.count > 0 { add(.topic(Topic.Key(rawValue: value.value)), lastModified: nil) }
            for value in everything.facets[.country] ?? [] where value.count > 0 { add(.country(Country.Code(rawValue: value.value)), lastModified: nil) }
            for value in everything.facets[.city] ?? [] where value.count > 0 { add(.city(name: value.value), lastModified: nil) }
        }
        for practice in sorted.dropFirst((number - 1) * perPart).prefix(perPart) {
            add(.practice(practice.slug), lastModified: practice.updatedAt)
        }
        return out + "</urlset>\n"
    }
}
