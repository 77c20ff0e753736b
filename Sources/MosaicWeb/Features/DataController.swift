import Foundation
import HTTPTypes
import Hummingbird
import MosaicCore
import MosaicSearch
import NIOCore

/// The catalogue as data: the read API (version 1), its OpenAPI description, exports of any search,
/// the Atom feed, the codebook and the data catalogue, and what search engines read (sitemaps,
/// robots.txt). Everything is answered from the in-memory catalogue, like the HTML pages, and the
/// API and the catalogue page get their answer from the same `Catalog.search`.
struct DataController: Sendable {
    let site: Site

    /// Practices in one sitemap part: the protocol allows 50,000 addresses, and each practice has one
    /// per language (room is left in part 1 for the landing pages).
    static var sitemapPracticesPerPart: Int { 45_000 / max(1, Localizer.languages.count) }
    static let feedSize = 50

    func addRoutes(to router: Router<MosaicContext>) {
        router.get(.apiPractices, use: practices)
        router.get(.apiPractice, use: practice)
        router.get(.apiTopics, use: topics)
        router.get(.apiCountries, use: countries)
        router.get(.apiCities, use: cities)
        router.get(.apiSuggest, use: suggest)
        router.get(.openAPI, use: openAPI)
        router.get(.exportCSV) { request, context in try export(request, context, format: .csv) }
        router.get(.exportJSONL) { request, context in try export(request, context, format: .jsonl) }
        router.get(.feed, use: feed)
        router.get(.codebook, use: codebook)
        router.get(.dataCatalog, use: dataCatalog)
        router.get(.sitemap, use: sitemapIndex)
        router.get(.sitemapPart, use: sitemapPart)
        router.get(.robots, use: robots)
        router.get(.data, use: dataPage)
        router.get(.api, use: apiPage)
    }

    // MARK: The read API

    /// `GET /api/v1/practices`: the catalogue's answer to a query, as JSON.
    @Sendable func practices(_ request: Request, _ context: MosaicContext) throws -> Response {
        let catalog = site.catalog.catalog
        let query = try APIQuery.parse(request.uri.query, language: context.language, catalog: catalog)
        let (etag, notModified) = site.cached(request, context, version: catalog.version)
        if let notModified { return notModified }
        try context.stopIfClientHasGone()
        let result = catalog.search(query)
        let base = site.absoluteBase(request)
        let links = Links(query: query, result: result, base: base)
        var json = JSONWriter()
        json.beginObject()
        json.key("total"); json.int(result.total)
        json.key("page"); json.int(result.page)
        json.key("per_page"); json.int(result.perPage)
        json.key("partial_total"); json.int(result.partialTotal)
        json.key("notice"); json.string(result.notice?.rawValue)
        json.key("suggestion"); json.string(result.suggestion)
        json.key("catalogue_version"); json.int(catalog.version)
        json.key("results")
        json.beginArray()
        for hit in result.hits { record(hit.practice, base: base, language: query.language, match: hit.match, into: &json) }
        json.endArray()
        json.key("facets")
        json.beginObject()
        for facet in CatalogQuery.Facet.allCases {
            json.key(facet.rawValue)
            json.beginArray()
            for value in result.facets[facet] ?? [] {
                json.beginObject()
                json.key("value"); json.string(value.value)
                json.key("label"); json.string(value.label)
                json.key("count"); json.int(value.count)
                json.key("selected"); json.bool(value.selected)
                json.endObject()
            }
            json.endArray()
        }
        json.endObject()
        json.key("links")
        json.beginObject()
        for (name, href) in links.all { json.key(name); json.string(href) }
        json.endObject()
        json.endObject()
        var response = answer(json.utf8, type: "application/json", request: request, etag: etag)
        // Pagination also as an RFC 8288 Link header, for clients that follow it.
        let header = [("next", links.next), ("prev", links.prev)].compactMap { name, href in href.map { "<\($0)>; rel=\"\(name)\"" } }
        if !header.isEmpty { response.headers[HTTPField.Name("Link")!] = header.joined(separator: ", ") }
        return response
    }

    /// The links of an answer: this page, the next and previous ones, and the same query in every format.
    struct Links {
        let this: String, html: String, csv: String, jsonl: String, atom: String
        let next: String?, prev: String?

        init(query: CatalogQuery, result: CatalogResult, base: String) {
            func address(_ route: Route, _ query: CatalogQuery) -> String {
                let string = query.queryString
                return base + route.path(query.language) + (string.isEmpty ? "" : "?" + string)
            }
            // The downloads and the feed are those the catalogue page links to.
            let data = DataLinks(query)
            this = address(.apiPractices, query)
            html = address(.practices, query)
            (csv, jsonl, atom) = (base + data.csv, base + data.jsonl, base + data.atom)
            next = result.page < result.pageCount ? address(.apiPractices, query.onPage(result.page + 1)) : nil
            prev = result.page > 1 ? address(.apiPractices, query.onPage(min(result.page - 1, max(1, result.pageCount)))) : nil
        }

        var all: [(String, String?)] {
            [("self", this), ("next", next), ("prev", prev), ("html", html), ("csv", csv), ("jsonl", jsonl), ("atom", atom)]
        }
    }

    /// `GET /api/v1/practices/{slug}`: one practice, whole, with its translations.
    @Sendable func practice(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let catalog = site.catalog.catalog
        let raw = context.parameters.get("slug") ?? ""
        guard let slug = Slug(rawValue: raw) else {
            return Problem(status: .notFound, detail: "No published practice has the slug \"\(raw.prefix(100))\".", parameter: "slug").response
        }
        guard let practice = catalog.practice(slug: slug) else {
            if case .former(let id, let current)? = try await site.store.lookup(slug: slug), catalog.practice(id: id) != nil {
                return Response(status: .movedPermanently, headers: [.location: Route.apiPractice(current).path(context.language)])
            }
            return Problem(status: .notFound, detail: "No published practice has the slug \"\(slug.rawValue)\".", parameter: "slug").response
        }
        let (etag, notModified) = site.cached(request, context, version: catalog.version)
        if let notModified { return notModified }
        var json = JSONWriter()
        record(practice, base: site.absoluteBase(request), language: context.language, into: &json)
        return answer(json.output, type: "application/json", request: request, etag: etag)
    }

    /// A practice's public record: the exchange format (never contacts), its page and its API address.
    /// A practice as the API gives it; in a search's results, with how it matched the words.
    private func record(_ practice: Practice, base: String, language: String, match: CatalogResult.Match? = nil, into json: inout JSONWriter) {
        json.beginObject()
        ExchangeWriter(format: .jsonl).writeFields(of: practice, into: &json)
        json.key("url"); json.string(base + Route.practice(practice.slug).path(language))
        json.key("api_url"); json.string(base + Route.apiPractice(practice.slug).path(language))
        if let match { json.key("match"); json.string(match.rawValue) }
        json.endObject()
    }

    /// `GET /api/v1/topics`: every topic with its labels in every interface language and its count.
    @Sendable func topics(_ request: Request, _ context: MosaicContext) throws -> Response {
        try vocabulary(request, context) { catalog, counts, base, json in
            for topic in catalog.taxonomy.topics {
                json.beginObject()
                json.key("key"); json.string(topic.key.rawValue)
                labels(into: &json) { topic.label(in: $0) }
                json.key("count"); json.int(counts[.topic]?[topic.key.rawValue] ?? 0)
                json.key("url"); json.string(base + Route.topic(topic.key).path(context.language))
                json.endObject()
            }
        }
    }

    /// `GET /api/v1/countries`: the countries with published practices, named in every interface language.
    @Sendable func countries(_ request: Request, _ context: MosaicContext) throws -> Response {
        try vocabulary(request, context) { catalog, counts, base, json in
            for (code, count) in (counts[.country] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let country = Country.Code(rawValue: code)
                json.beginObject()
                json.key("code"); json.string(code)
                labels(into: &json) { catalog.countries[country]?.name(in: $0) ?? code }
                json.key("count"); json.int(count)
                json.key("url"); json.string(base + Route.country(country).path(context.language))
                json.endObject()
            }
        }
    }

    /// `GET /api/v1/cities`: the cities with published practices, with their country.
    @Sendable func cities(_ request: Request, _ context: MosaicContext) throws -> Response {
        return try vocabulary(request, context) { catalog, counts, base, json in
            let countryOf = catalog.countryOfCities
            for (name, count) in (counts[.city] ?? [:]).sorted(by: { $0.key < $1.key }) {
                json.beginObject()
                json.key("name"); json.string(name)
                json.key("country"); json.string(countryOf[TextFolding.fold(name)])
                json.key("count"); json.int(count)
                json.key("url"); json.string(base + Route.city(name: name).path(context.language))
                json.endObject()
            }
        }
    }

    /// `GET /api/v1/suggest?q=`: topics, countries, cities and practices that start like the typed text,
    /// for the search box's suggestions (and any client that wants them).
    @Sendable func suggest(_ request: Request, _ context: MosaicContext) throws -> Response {
        var text = ""
        for (name, value) in CatalogQuery.pairs(request.uri.query ?? "") {
            guard name == "q" else { throw Problem.badParameter(String(name.prefix(40)), "Unknown parameter \(name.prefix(40)); this address takes q.", valid: ["q"]) }
            guard value.unicodeScalars.count <= Catalog.longestSuggestedText else {
                throw Problem.badParameter("q", "q is \(value.unicodeScalars.count) characters long; suggestions are made for at most \(Catalog.longestSuggestedText).")
            }
            text = value
        }
        let catalog = site.catalog.catalog
        let (etag, notModified) = site.cached(request, context, version: catalog.version)
        if let notModified { return notModified }
        let t = site.localizer.strings(context.language)
        let suggestions = catalog.suggestions(for: text, language: context.language)
        let base = site.absoluteBase(request)
        var json = JSONWriter()
        json.beginObject()
        json.key("query"); json.string(text)
        json.key("suggestions")
        json.beginArray()
        for suggestion in suggestions {
            let route: Route = switch suggestion.kind {
            case .topic: .topic(Topic.Key(rawValue: suggestion.value))
            case .country: .country(Country.Code(rawValue: suggestion.value))
            case .city: .city(name: suggestion.value)
            case .practice: .practice(Slug(rawValue: suggestion.value) ?? Slug(making: suggestion.value))
            }
            json.beginObject()
            json.key("kind"); json.string(suggestion.kind.rawValue)
            json.key("kind_label"); json.string(t["suggest_\(suggestion.kind.rawValue)"])
            json.key("label"); json.string(suggestion.label)
            json.key("value"); json.string(suggestion.value)
            json.key("count"); json.int(suggestion.count)
            json.key("url"); json.string(base + route.path(context.language))
            json.endObject()
        }
        json.endArray()
        // What a screen reader is told when the list changes.
        json.key("announcement"); json.string(t.plural("suggest_count", suggestions.count))
        json.endObject()
        return answer(json.output, type: "application/json", request: request, etag: etag)
    }

    /// A list answer (`{"values": [...]}`) built from the unfiltered catalogue's facet counts.
    private func vocabulary(_ request: Request, _ context: MosaicContext,
                            _ write: (Catalog, [CatalogQuery.Facet: [String: Int]], String, inout JSONWriter) -> Void) throws -> Response {
        guard (request.uri.query ?? "").isEmpty else {
            throw Problem.badParameter(String((request.uri.query ?? "").prefix { $0 != "=" }.prefix(40)), "This address takes no parameters.")
        }
        let catalog = site.catalog.catalog
        let (etag, notModified) = site.cached(request, context, version: catalog.version)
        if let notModified { return notModified }
        let everything = catalog.search(CatalogQuery(perPage: 1, language: context.language))
        var counts: [CatalogQuery.Facet: [String: Int]] = [:]
        for (facet, values) in everything.facets {
            counts[facet] = Dictionary(values.map { ($0.value, $0.count) }, uniquingKeysWith: +)
        }
        var json = JSONWriter()
        json.beginObject()
        json.key("catalogue_version"); json.int(catalog.version)
        json.key("values")
        json.beginArray()
        write(catalog, counts, site.absoluteBase(request), &json)
        json.endArray()
        json.endObject()
        return answer(json.output, type: "application/json", request: request, etag: etag)
    }

    private func labels(into json: inout JSONWriter, _ label: (String) -> String) {
        json.key("labels")
        json.beginObject()
        for language in Localizer.languages { json.key(language); json.string(label(language)) }
        json.endObject()
    }

    /// `GET /api/openapi.json`: the contract, written by hand (see docs/architecture.md, "Open data").
    @Sendable func openAPI(_ request: Request, _ context: MosaicContext) throws -> Response {
        let (etag, notModified) = site.cached(request, context, version: 0)
        if let notModified { return notModified }
        return answer(OpenAPIDocument.text, type: "application/json", request: request, etag: etag)
    }

    // MARK: Exports

    /// `GET /practices.csv`, `/practices.jsonl`: every practice matching the query, in the exchange
    /// format, written as it streams out: a few hundred practices at a time, never the whole file.
    @Sendable func export(_ request: Request, _ context: MosaicContext, format: ExchangeWriter.Format) throws -> Response {
        let catalog = site.catalog.catalog
        let query = try APIQuery.parse(request.uri.query, language: context.language, catalog: catalog, paged: false)
        let (etag, notModified) = site.cached(request, context, version: catalog.version)
        if let notModified { return notModified }
        let matches = catalog.matches(query)
        let writer = ExchangeWriter(format: format)
        let name = Self.fileName(for: query, version: catalog.version) + "." + format.rawValue
        var headers: HTTPFields = [
            .contentType: format == .csv ? "text/csv; charset=utf-8; header=present" : "application/jsonl; charset=utf-8",
            .contentDisposition: "attachment; filename=\"\(name)\"",
            .eTag: etag, .cacheControl: "public, no-cache",
        ]
        headers[HTTPField.Name("X-Total-Count")!] = String(matches.count)
        let body = ResponseBody { [context] writer_ in
            var chunk = ByteBuffer()
            chunk.writeString(writer.header())
            for practice in matches {
                chunk.writeString(writer.record(practice))
                if chunk.readableBytes >= 64 * 1024 {
                    // Stop writing for a client that has gone.
                    if context.clientHasGone { return }
                    try await writer_.write(chunk)
                    chunk.clear()
                }
            }
            try await writer_.write(chunk)
            try await writer_.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// A download's name that says what was asked: `mosaic-practices-education-pt-2024-v12`.
    static func fileName(for query: CatalogQuery, version: Int) -> String {
        var parts = ["mosaic-practices"]
        if query.hasText { parts.append(Slug(making: String(query.text.prefix(40))).rawValue) }
        for facet in CatalogQuery.Facet.allCases {
            for value in query.selection(facet).prefix(3) { parts.append(Slug(making: value).rawValue) }
            if query.selection(facet).count > 3 { parts.append("and-more") }
        }
        parts.append("v\(version)")
        return parts.filter { !$0.isEmpty }.joined(separator: "-")
    }

    // MARK: Feed

    /// `GET /practices.atom`: the newest practices matching the query, in the reader's language.
    @Sendable func feed(_ request: Request, _ context: MosaicContext) throws -> Response {
        let catalog = site.catalog.catalog
        var query = try APIQuery.parse(request.uri.query, language: context.language, catalog: catalog, paged: false)
        query.sort = .newest
        let (etag, notModified) = site.cached(request, context, version: catalog.version)
        if let notModified { return notModified }
        let base = site.absoluteBase(request)
        let feed = AtomFeed(t: context.t, query: query, practices: Array(catalog.matches(query, limit: Self.feedSize)),
                            catalog: catalog, base: base, licence: site.settings.dataLicence)
        return answer(feed.xml, type: "application/atom+xml; charset=utf-8", request: request, etag: etag)
    }

    // MARK: Codebook, data catalogue, data page

    @Sendable func codebook(_ request: Request, _ context: MosaicContext) throws -> Response {
        let catalog = site.catalog.catalog
        let (etag, notModified) = site.cached(request, context, version: catalog.version)
        if let notModified { return notModified }
        let document = DataDescription(site: site, base: site.absoluteBase(request), catalog: catalog)
        return answer(document.codebook, type: "application/csvm+json", request: request, etag: etag)
    }

    @Sendable func dataCatalog(_ request: Request, _ context: MosaicContext) throws -> Response {
        let catalog = site.catalog.catalog
        let (etag, notModified) = site.cached(request, context, version: catalog.version)
        if let notModified { return notModified }
        let document = DataDescription(site: site, base: site.absoluteBase(request), catalog: catalog)
        return answer(document.dcat, type: "application/ld+json", request: request, etag: etag)
    }

    @Sendable func dataPage(_ request: Request, _ context: MosaicContext) throws -> Response {
        let catalog = site.catalog.catalog
        let (etag, notModified) = site.cached(request, context, version: catalog.version)
        if let notModified { return notModified }
        let t = context.t
        let description = DataDescription(site: site, base: site.absoluteBase(request), catalog: catalog)
        let view = DataPageView(t: t, count: catalog.count, licence: site.settings.dataLicence, fields: description.fields,
                                language: t.language)
        var layout = site.layout(context, title: t["data_title"], description: t["data_intro"], route: .data, section: .none)
        layout.structuredData = StructuredData.dataset(base: site.absoluteBase(request), t: t, count: catalog.count, licence: site.settings.dataLicence,
                                                       modified: Sitemap.newest(catalog), keywords: catalog.taxonomy.topics.map { $0.label(in: t.language) })
        layout.alternates = [("application/ld+json", t["data_catalog"], Route.dataCatalog.path), ("application/csvm+json", t["data_codebook"], Route.codebook.path)]
        return site.page(view.render(), layout: layout, request: request, etag: etag)
    }

    @Sendable func apiPage(_ request: Request, _ context: MosaicContext) throws -> Response {
        let (etag, notModified) = site.cached(request, context, version: site.catalog.catalog.version)
        if let notModified { return notModified }
        let t = context.t
        let catalog = site.catalog.catalog
        let example = catalog.practices.first.map { Route.apiPractice($0.slug).path }
        let view = APIPageView(t: t, licence: site.settings.dataLicence, examplePractice: example,
                               exampleTopic: catalog.taxonomy[Topic.Key(rawValue: "welcoming")] != nil ? "welcoming"
                                   : catalog.taxonomy.topics.first?.key.rawValue ?? "welcoming")
        let layout = site.layout(context, title: t["api_title"], description: t["api_intro"], route: .api, section: .none)
        return site.page(view.render(), layout: layout, request: request, etag: etag)
    }

    // MARK: Search engines

    /// `GET /sitemap.xml`: the index of the sitemap parts.
    @Sendable func sitemapIndex(_ request: Request, _ context: MosaicContext) throws -> Response {
        let catalog = site.catalog.catalog
        let (etag, notModified) = site.cached(request, context, version: catalog.version)
        if let notModified { return notModified }
        let base = site.absoluteBase(request)
        let parts = Sitemap.partCount(practices: catalog.count, perPart: Self.sitemapPracticesPerPart)
        return answer(Sitemap.index(parts: parts, base: base, lastModified: Sitemap.newest(catalog)), type: "application/xml; charset=utf-8",
                      request: request, etag: etag)
    }

    /// `GET /sitemaps/{n}.xml`: part n; part 1 also lists the landing pages.
    @Sendable func sitemapPart(_ request: Request, _ context: MosaicContext) throws -> Response {
        let catalog = site.catalog.catalog
        let parts = Sitemap.partCount(practices: catalog.count, perPart: Self.sitemapPracticesPerPart)
        let raw = context.parameters.get("part") ?? ""
        guard raw.hasSuffix(".xml"), let number = Int(raw.dropLast(4)), (1...parts).contains(number) else {
            throw HTTPError(.notFound)
        }
        let (etag, notModified) = site.cached(request, context, version: catalog.version)
        if let notModified { return notModified }
        let xml = Sitemap.part(number, perPart: Self.sitemapPracticesPerPart, catalog: catalog, base: site.absoluteBase(request))
        return answer(xml, type: "application/xml; charset=utf-8", request: request, etag: etag)
    }

    @Sendable func robots(_ request: Request, _ context: MosaicContext) throws -> Response {
        let private_ = [Route.Kind.account, .submit, .review, .audit, .thesaurus, .cityRegister, .login, .forgotPassword, .upload].map(\.rawValue)
        var lines = ["User-agent: *"]
        for language in Localizer.languages {
            for path in private_ { lines.append("Disallow: " + Languages.prefixed(path, language: language)) }
        }
        lines.append("Disallow: /admin/")
        lines.append("")
        lines.append("Sitemap: " + site.absoluteBase(request) + Route.sitemap.path)
        return answer(lines.joined(separator: "\n") + "\n", type: "text/plain; charset=utf-8", request: request, etag: nil)
    }

    // MARK: Helpers


    private func answer(_ text: String, type: String, request: Request, etag: String?) -> Response {
        answer(Array(text.utf8), type: type, request: request, etag: etag)
    }

    private func answer(_ bytes: [UInt8], type: String, request: Request, etag: String?) -> Response {
        var headers: HTTPFields = [.contentType: type]
        headers[.cacheControl] = etag == nil ? "public, max-age=3600" : "public, no-cache"
        if let etag { headers[.eTag] = etag }
        return site.body(ByteBuffer(bytes: bytes), headers: headers, request: request)
    }
}
