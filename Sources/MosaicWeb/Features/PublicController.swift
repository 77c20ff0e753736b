import Foundation
import HTTPTypes
import Hummingbird
import MosaicCore
import MosaicSearch
import MosaicStore

/// The public site: home, catalogue, practice pages, city/country/topic pages, the template. Every page
/// here is answered from the in-memory catalogue, without a database round trip (but for old slugs),
/// and is cached by the catalogue's version.
struct PublicController: Sendable {
    let site: Site

    func addRoutes(to router: Router<MosaicContext>) {
        router.get(.asset, use: asset)
        router.get(.home, use: home)
        router.get(.practices, use: catalogue)
        router.get(.practice, use: practice)
        router.get(.city) { request, context in try await cityLanding(request, context) }
        router.get(.country) { request, context in try landing(request, context, kind: .country) }
        router.get(.topic) { request, context in try landing(request, context, kind: .topic) }
        router.get(.template, use: templatePage)
        router.get(.templateMarkdown, use: templateMarkdown)
        router.get(.chooseLanguage, use: chooseLanguage)
    }

    static let languageCookie = "mosaic_language"

    /// `/language/xx?next=...`: remembers the reader's choice (for the home page, which otherwise follows
    /// the browser's languages) and goes on to the page in that language.
    @Sendable func chooseLanguage(_ request: Request, _ context: MosaicContext) throws -> Response {
        guard let code = context.parameters.get("code"), Localizer.languages.contains(code) else { throw HTTPError(.notFound) }
        // `next` is the page without its language prefix: it is shown in the chosen language.
        let next = CatalogQuery.pairs(request.uri.query ?? "").first { $0.0 == "next" }
            .flatMap { Site.safeNext(Languages.split($0.1).path == $0.1 ? Languages.prefixed($0.1, language: code) : nil) }
        return site.redirect(next ?? Route.home.path(code),
                             cookies: [site.accounts.cookie(Self.languageCookie, code, maxAge: 365 * 24 * 3600)])
    }


    // MARK: Home

    @Sendable func home(_ request: Request, _ context: MosaicContext) throws -> Response {
        if !context.hasLanguagePrefix {
            // The reader's own choice first, then the browser's languages.
            let chosen = AccountService.cookies(request)[Self.languageCookie].flatMap { Localizer.languages.contains($0) ? $0 : nil }
            if let preferred = chosen ?? Self.preferredLanguage(request.headers[.acceptLanguage]), preferred != Localizer.defaultLanguage {
                return Response(status: .found, headers: [.location: Route.home.path(preferred), .vary: "Accept-Language, Cookie",
                                                          .cacheControl: "no-store"])
            }
        }
        let catalog = site.catalog.catalog
        let (etag, notModified) = site.cached(request, context, version: catalog.version)
        if let notModified { return notModified }
        let t = context.t, language = t.language
        let everything = catalog.search(CatalogQuery(perPage: 6, language: language))
        let topicCounts = Dictionary(uniqueKeysWithValues: (everything.facets[.topic] ?? []).map { ($0.value, $0.count) })
        let view = HomeView(
            t: t,
            numbers: [(everything.total, t["home_practices"]), ((everything.facets[.city] ?? []).count, t["home_cities"]),
                      ((everything.facets[.country] ?? []).count, t["home_countries"])],
            topics: catalog.taxonomy.topics.map { ($0.label(in: language), Route.topic($0.key).path(language), topicCounts[$0.key.rawValue] ?? 0) },
            latest: everything.hits.map { card($0.listed, snippet: $0.snippet, t: t, catalog: catalog, from: nil) })
        let layout = site.layout(context, title: t["home_title"], description: t["home_intro"], route: .home, section: .home)
        return site.page(view.render(), layout: layout, request: request, etag: etag)
    }

    /// The first supported language the browser prefers, by quality.
    static func preferredLanguage(_ header: String?) -> String? {
        guard let header else { return nil }
        let ranked = header.split(separator: ",").prefix(50).compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { return nil }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (String(tag.split(separator: "-").first ?? Substring(tag)), quality)
        }
        return ranked.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.first { Localizer.languages.contains($0.0) }?.0
    }

    // MARK: Catalogue

    @Sendable func catalogue(_ request: Request, _ context: MosaicContext) throws -> Response {
        let catalog = site.catalog.catalog
        let (etag, notModified) = site.cached(request, context, version: catalog.version)
        if let notModified { return notModified }
        try context.stopIfClientHasGone()
        let t = context.t
        let query = CatalogQuery(queryString: request.uri.query, language: t.language)
        let heading = query.hasText ? t.format("catalogue_search_title", ["query": query.text.trimmed]) : t["catalogue_title"]
        let view = catalogueView(query: query, catalog: catalog, t: t, heading: heading, summary: nil)
        var layout = site.layout(context, title: heading, description: t["home_intro"], route: .practices, query: query.queryString,
                                 section: .practices)
        layout.alternates = view.data.alternates(t)
        return site.page(view.render(), layout: layout, request: request, etag: etag)
    }

    enum LandingKind { case city, country, topic }

    /// A city's page; the address of a spelling an editor retired leads, for good, to the name kept.
    @Sendable func cityLanding(_ request: Request, _ context: MosaicContext) async throws -> Response {
        guard let slug = context.parameters.get("slug").flatMap(Slug.init(rawValue:)), site.catalog.catalog.city(slug: slug) == nil else {
            return try landing(request, context, kind: .city)
        }
        if let kept = try await site.keptCity(slug: slug), site.catalog.catalog.city(slug: Slug(making: kept)) != nil {
            let query = request.uri.query.map { "?" + $0 } ?? ""
            return Response(status: .movedPermanently, headers: [.location: Route.city(name: kept).path(context.language) + query])
        }
        return try landing(request, context, kind: .city)
    }

    @Sendable func landing(_ request: Request, _ context: MosaicContext, kind: LandingKind) throws -> Response {
        let catalog = site.catalog.catalog
        let (etag, notModified) = site.cached(request, context, version: catalog.version)
        if let notModified { return notModified }
        let t = context.t, language = t.language
        var query = CatalogQuery(queryString: request.uri.query, language: language)
        let heading: String
        let route: Route
        switch kind {
        case .city:
            guard let slug = context.parameters.get("slug").flatMap(Slug.init(rawValue:)), let city = catalog.city(slug: slug) else {
                return notFound(request, context)
            }
            query.cities = [city]
            heading = t.format("city_title", ["city": city])
            route = .city(name: city)
        case .country:
            guard let code = context.parameters.get("code")?.uppercased(), let country = catalog.countries[Country.Code(rawValue: code)] else {
                return notFound(request, context)
            }
            query.countries = [code]
            heading = t.format("country_title", ["country": country.name(in: language)])
            route = .country(country.code)
        case .topic:
            guard let key = context.parameters.get("key"), let topic = catalog.taxonomy[Topic.Key(rawValue: key)] else {
                return notFound(request, context)
            }
            query.topics = [key]
            heading = t.format("topic_title", ["topic": topic.label(in: language)])
            route = .topic(topic.key)
        }
        try context.stopIfClientHasGone()
        let overview = catalog.search(CatalogQuery(topics: query.topics, countries: query.countries, cities: query.cities, perPage: 1, language: language))
        var summary = t.plural("landing_summary", overview.total)
        let countries = (overview.facets[.country] ?? []).filter { $0.count > 0 }.count
        let cities = (overview.facets[.city] ?? []).filter { $0.count > 0 }.count
        switch kind {
        case .city: summary += " · " + t.plural("landing_summary_countries", countries)
        case .country: summary += " " + t.plural("landing_summary_cities", cities)
        case .topic: summary += " " + t.plural("landing_summary_cities", cities) + ", " + t.plural("landing_summary_countries", countries)
        }
        let view = catalogueView(query: query, catalog: catalog, t: t, heading: heading, summary: summary)
        var layout = site.layout(context, title: heading, description: t["home_intro"], route: route, query: request.uri.query,
                                 section: .practices)
        layout.alternates = view.data.alternates(t)
        return site.page(view.render(), layout: layout, request: request, etag: etag)
    }

    /// The catalogue page's view: cards, facets, chips, controls, "Showing" line and pagination.
    func catalogueView(query: CatalogQuery, catalog: Catalog, t: Strings, heading: String, summary: String?) -> CatalogueView {
        let result = catalog.search(query)
        let facets = CatalogQuery.Facet.allCases.map { facet -> CatalogueView.FacetList in
            let values = result.facets[facet] ?? []
            let links = query.togglingURLs(facet, values.map(\.value))
            return CatalogueView.FacetList(key: facet.rawValue, label: t["facet_\(facet.rawValue)"],
                                           values: zip(values, links).map { ($0.label, $0.count, $1, $0.selected) })
        }
        var chips: [(label: String, href: String)] = []
        var kept: [(name: String, value: String)] = []
        for facet in CatalogQuery.Facet.allCases {
            for value in query.selection(facet) {
                chips.append((result.facets[facet]?.first { $0.value == value }?.label ?? value, query.toggling(facet, value).url))
                kept.append((facet.rawValue, value))
            }
        }
        if query.hasYearRange {
            let label = switch (query.yearFrom, query.yearTo) {
            case let (from?, to?): t.format("chip_year_range", ["from": String(from), "to": String(to)])
            case let (from?, nil): t.format("chip_year_from", ["year": String(from)])
            default: t.format("chip_year_to", ["year": String(query.yearTo ?? 0)])
            }
            var without = query
            (without.yearFrom, without.yearTo, without.page) = (nil, nil, 1)
            chips.append((label, without.url))
        }
        // The year form keeps everything but the range it sets.
        var yearKept = kept
        if query.hasText { yearKept.insert(("q", query.text.trimmed), at: 0) }
        if let sort = query.sort { yearKept.append(("sort", sort.rawValue)) }
        if query.perPage != CatalogQuery.defaultPageSize { yearKept.append(("per_page", String(query.perPage))) }
        kept += query.yearRangeItems.map { (name: $0.0, value: $0.1) }
        if query.availableOnly { kept.append(("available", "1")) }
        if query.availableOnly { yearKept.append(("available", "1")) }
        var showing: String
        if let range = result.range {
            showing = result.total == 1 ? t["showing_one"]
                : t.format("showing", ["from": t.number(range.lowerBound), "to": t.number(range.upperBound), "total": t.number(result.total)])
            // What the total counts, when some practices match only some of the words.
            if result.partialTotal > 0, result.partialTotal < result.total {
                showing += " " + t.plural("showing_all_words", result.total - result.partialTotal)
            }
        } else {
            showing = t["no_results"]
        }
        var corrected = query
        corrected.text = result.suggestion ?? ""
        corrected.page = 1
        // Every card links back to this list: its query is encoded once.
        let from = ReturnQuery(query)
        return CatalogueView(
            t: t, heading: heading, summary: summary, query: query,
            search: SearchFormView(action: Route.practices.path(t.language), id: "catalogue-search", text: query.text, hidden: kept),
            facets: facets,
            yearRange: YearRangeView(t: t, query: query, values: facets.first { $0.key == "year" }?.values ?? [],
                                     facetValues: (result.facets[.year] ?? []).map(\.value), kept: yearKept, currentYear: catalog.currentYear),
            chips: chips, showing: showing, notice: result.notice,
            suggestion: result.suggestion.map { ($0, corrected.url) },
            cards: result.hits.map { card($0.listed, snippet: $0.snippet, t: t, catalog: catalog, from: from) },
            firstPartial: result.hits.firstIndex { $0.match == .partial },
            pageCount: result.pageCount, total: result.total, data: DataLinks(query))
    }

    func card(_ practice: Practice, snippet: Snippet?, t: Strings, catalog: Catalog, from: ReturnQuery?) -> CardView {
        CardView(practice: practice, snippet: snippet, href: practice.url(language: t.language, from: from), t: t, countries: catalog.countries)
    }

    // MARK: Practice

    @Sendable func practice(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let catalog = site.catalog.catalog
        let language = context.language
        let raw = context.parameters.get("slug") ?? ""
        guard let slug = Slug(rawValue: raw) ?? Slug(rawValue: raw.lowercased()) else {
            return notFound(request, context, practice: true)
        }
        guard let practice = catalog.practice(slug: slug) else {
            // Old slugs keep working: they redirect to the practice's current address.
            if case .former(let id, let current)? = try await site.store.lookup(slug: slug), catalog.practice(id: id) != nil {
                let query = request.uri.query.map { "?" + $0 } ?? ""
                return Response(status: .movedPermanently, headers: [.location: Route.practice(current).path(language) + query])
            }
            return notFound(request, context, practice: true)
        }
        if slug.rawValue != raw {
            return Response(status: .movedPermanently, headers: [.location: Route.practice(slug).path(language)])
        }
        // The page cites the day it is read: its validator changes with the day as well as the catalogue.
        let today = Date()
        let (etag, notModified) = site.cached(request, context, version: catalog.version &* 100_000 &+ Int(today.timeIntervalSince1970 / 86_400))
        if let notModified { return notModified }
        let t = context.t
        try context.stopIfClientHasGone()
        let base = site.absoluteBase(request)
        let countryName = catalog.countries[practice.country]?.name(in: language) ?? practice.country.rawValue
        let citation = try await site.publicVersion(of: practice).map { version in
            Citation(practice: practice, version: version.version, revision: version.revision, url: base + practice.url(language: language),
                     versionURL: base + Route.history(practice.slug).path(language) + "?to=\(version.revision)", accessed: today,
                     countryName: countryName, t: t)
        }
        let from = CatalogQuery.pairs(request.uri.query ?? "").first { $0.0 == "from" }.map { CatalogQuery(queryString: $0.1, language: language) }
        let view = PracticeView(
            t: t, practice: practice,
            countryName: countryName,
            topics: practice.topics.compactMap { key in catalog.taxonomy[key].map { ($0.label(in: language), Route.topic(key).path(language)) } },
            availableLanguages: ([practice.language] + practice.translations.keys.sorted()).uniqued()
                .map { LanguageNames.name(of: $0, in: language) }.joined(separator: ", "),
            back: (from.map { $0.url + "#" + CatalogueView.landing } ?? Route.practices.path(language), from == nil ? t["all_practices"] : t["back_to_results"]),
            related: catalog.related(to: practice, limit: 3).map { card($0, snippet: nil, t: t, catalog: catalog, from: nil) },
            citation: citation)
        let teaser = practice.teaser(in: language)
        var layout = site.layout(context, title: Localized.title(of: practice, in: language).text, description: teaser,
                                 route: .practice(slug), query: request.uri.query, section: .practices)
        layout.alternates = [("application/json", t["alternate_json"], Route.apiPractice(slug).path(language))]
        layout.structuredData = StructuredData.practice(practice, catalog: catalog, language: language, base: site.absoluteBase(request),
                                                        siteName: t["site_name"], licence: site.settings.dataLicence,
                                                        teaser: practice.teaserLanguage(in: language) == practice.language ? teaser : nil)
        return site.page(view.render(), layout: layout, request: request, etag: etag)
    }

    // MARK: Template

    @Sendable func templatePage(_ request: Request, _ context: MosaicContext) throws -> Response {
        let (etag, notModified) = site.cached(request, context, version: 0)
        if let notModified { return notModified }
        let t = context.t
        let layout = site.layout(context, title: t["template_title"], description: t["template_intro"], route: .template, section: .template)
        return site.page(TemplateView(t: t).render(), layout: layout, request: request, etag: etag)
    }

    @Sendable func templateMarkdown(_ request: Request, _ context: MosaicContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/markdown; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"mosaic-template-\(context.language).md\""
        headers[.cacheControl] = "public, max-age=3600"
        return site.body(ByteBuffer(string: TemplateView.markdown(context.t)), headers: headers, request: request)
    }

    // MARK: Not found and assets

    func notFound(_ request: Request, _ context: MosaicContext, practice: Bool = false) -> Response {
        let view = NotFoundView(t: context.t, practice: practice)
        let layout = site.layout(context, title: view.heading, route: .practices, section: .none)
        return site.page(view.render(), layout: layout, request: request, status: .notFound)
    }

    @Sendable func asset(_ request: Request, _ context: MosaicContext) throws -> Response {
        guard let name = context.parameters.get("file"), let asset = site.assets[name] else {
            throw HTTPError(.notFound)
        }
        if let header = request.headers[.ifNoneMatch], header.contains(asset.etag) {
            return Response(status: .notModified, headers: [.eTag: asset.etag, .cacheControl: "public, max-age=86400"])
        }
        var headers = HTTPFields()
        headers[.contentType] = asset.contentType
        headers[.eTag] = asset.etag
        headers[.cacheControl] = "public, max-age=86400"
        return site.body(asset.data, headers: headers, request: request)
    }
}

/// The list a reader came from, carried to a practice page (for "Back to results"), encoded once.
struct ReturnQuery {
    let encoded: String?

    init(_ query: CatalogQuery) {
        let string = query.queryString
        encoded = string.isEmpty ? nil : CatalogQuery.encode(string)
    }
}

extension Practice {
    /// The practice page's URL, remembering the list the reader came from (for "Back to results").
    func url(language: String, from list: ReturnQuery? = nil) -> String {
        let base = Route.practice(slug).path(language)
        guard let encoded = list?.encoded else { return base }
        return base + "?from=" + encoded
    }
}
