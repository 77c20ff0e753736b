import Foundation
import HTTPTypes
import Hummingbird
import MosaicCore
import MosaicSearch
import MosaicStore

/// The public site: home, catalogue, practice pages, city/country/topic pages, the template.
struct PublicPages: Sendable {
    let site: Site

    func addRoutes(to router: Router<MosaicContext>) {
        router.get("/healthz") { _, _ in
            let catalog = site.catalog.catalog
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"status\":\"ok\",\"practices\":\(catalog.count),\"version\":\(catalog.version)}")))
        }
        router.get("/static/:file") { request, context in try asset(request, context) }
        router.get("/") { request, _ in
            if let preferred = Self.preferredLanguage(request.headers[.acceptLanguage]), preferred != Localizer.defaultLanguage {
                return Response(status: .found, headers: [.location: SitePath.path("/", language: preferred), .vary: "Accept-Language"])
            }
            return home(request, language: Localizer.defaultLanguage)
        }
        for language in Localizer.languages {
            let prefix = language == Localizer.defaultLanguage ? "" : "/\(language)"
            if !prefix.isEmpty {
                router.get(RouterPath(prefix)) { request, _ in home(request, language: language) }
            }
            router.get(RouterPath(prefix + "/practices")) { request, _ in catalogue(request, language: language) }
            router.get(RouterPath(prefix + "/practices/:slug")) { request, context in try await practice(request, context, language: language) }
            router.get(RouterPath(prefix + "/cities/:slug")) { request, context in landing(request, context, language: language, kind: .city) }
            router.get(RouterPath(prefix + "/countries/:code")) { request, context in landing(request, context, language: language, kind: .country) }
            router.get(RouterPath(prefix + "/topics/:key")) { request, context in landing(request, context, language: language, kind: .topic) }
            router.get(RouterPath(prefix + "/template")) { request, _ in templatePage(request, language: language) }
            router.get(RouterPath(prefix + "/template.md")) { request, _ in templateMarkdown(request, language: language) }
        }
    }

    // MARK: Home

    func home(_ request: Request, language: String) -> Response {
        let catalog = site.catalog.catalog
        let etag = site.etag(for: request, version: catalog.version)
        if let cached = site.notModified(request, etag: etag) { return cached }
        let t = site.localizer.strings(language)
        let everything = catalog.search(CatalogQuery(perPage: 6, language: language))
        let topicCounts = Dictionary(uniqueKeysWithValues: (everything.facets[.topic] ?? []).map { ($0.value, $0.count) })
        let layout = Layout(t: t, pageTitle: t["home_title"], description: t["home_intro"], path: "/", query: nil, section: .home, site: site)
        let model = PageModel(layout: layout, fields: [
            "search": SearchForm(action: SitePath.path("/practices", language: language), id: "home-search", text: "", hidden: []),
            "numbers": [
                ["value": t.number(everything.total), "label": t["home_practices"]],
                ["value": t.number((everything.facets[.city] ?? []).count), "label": t["home_cities"]],
                ["value": t.number((everything.facets[.country] ?? []).count), "label": t["home_countries"]],
            ],
            "topics": catalog.taxonomy.topics.map { topic -> Fields in
                ["label": topic.label(in: language), "href": SitePath.topic(topic.key.rawValue, language: language),
                 "countText": t.plural("topic_count", topicCounts[topic.key.rawValue] ?? 0)]
            },
            "latest": everything.hits.map { card($0.practice, snippet: nil, t: t, catalog: catalog, from: nil) },
            "catalogueHref": SitePath.path("/practices", language: language),
        ])
        return site.page("home", model, request: request, etag: etag)
    }

    /// The first supported language the browser prefers, by quality.
    static func preferredLanguage(_ header: String?) -> String? {
        guard let header else { return nil }
        let ranked = header.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { return nil }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (String(tag.split(separator: "-").first ?? Substring(tag)), quality)
        }
        return ranked.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.first { Localizer.languages.contains($0.0) }?.0
    }

    // MARK: Catalogue

    func catalogue(_ request: Request, language: String) -> Response {
        let catalog = site.catalog.catalog
        let etag = site.etag(for: request, version: catalog.version)
        if let cached = site.notModified(request, etag: etag) { return cached }
        let query = CatalogQuery(queryString: request.uri.query, language: language)
        let t = site.localizer.strings(language)
        let heading = query.hasText ? t.format("catalogue_search_title", ["query": query.text.trimmed]) : t["catalogue_title"]
        let model = catalogueModel(query: query, catalog: catalog, t: t, heading: heading, summary: nil,
                                   path: "/practices", pageTitle: heading)
        return site.page("catalogue", model, request: request, etag: etag)
    }

    enum LandingKind { case city, country, topic }

    func landing(_ request: Request, _ context: MosaicContext, language: String, kind: LandingKind) -> Response {
        let catalog = site.catalog.catalog
        let etag = site.etag(for: request, version: catalog.version)
        if let cached = site.notModified(request, etag: etag) { return cached }
        let t = site.localizer.strings(language)
        var query = CatalogQuery(queryString: request.uri.query, language: language)
        let heading: String
        let path: String
        switch kind {
        case .city:
            guard let slug = context.parameters.get("slug").flatMap(Slug.init(rawValue:)), let city = catalog.city(slug: slug) else {
                return notFound(request, language: language)
            }
            query.cities = [city]
            heading = t.format("city_title", ["city": city])
            path = "/cities/\(slug.rawValue)"
        case .country:
            guard let code = context.parameters.get("code")?.uppercased(), let country = catalog.countries[Country.Code(rawValue: code)] else {
                return notFound(request, language: language)
            }
            query.countries = [code]
            heading = t.format("country_title", ["country": country.name(in: language)])
            path = "/countries/\(code.lowercased())"
        case .topic:
            guard let key = context.parameters.get("key"), let topic = catalog.taxonomy[Topic.Key(rawValue: key)] else {
                return notFound(request, language: language)
            }
            query.topics = [key]
            heading = t.format("topic_title", ["topic": topic.label(in: language)])
            path = "/topics/\(key)"
        }
        let overview = catalog.search(CatalogQuery(topics: query.topics, countries: query.countries, cities: query.cities, perPage: 1, language: language))
        var summary = t.plural("landing_summary", overview.total)
        let countries = (overview.facets[.country] ?? []).filter { $0.count > 0 }.count
        let cities = (overview.facets[.city] ?? []).filter { $0.count > 0 }.count
        switch kind {
        case .city: summary += " · " + t.plural("landing_summary_countries", countries)
        case .country: summary += " " + t.plural("landing_summary_cities", cities)
        case .topic: summary += " " + t.plural("landing_summary_cities", cities) + ", " + t.plural("landing_summary_countries", countries)
        }
        let model = catalogueModel(query: query, catalog: catalog, t: t, heading: heading, summary: summary,
                                   path: path, pageTitle: heading, keepQuery: request.uri.query)
        return site.page("catalogue", model, request: request, etag: etag)
    }

    /// The catalogue page's model: cards, facets, chips, controls, "Showing" line and pagination.
    func catalogueModel(query: CatalogQuery, catalog: Catalog, t: Strings, heading: String, summary: String?,
                        path: String, pageTitle: String, keepQuery: String? = nil) -> PageModel {
        let language = t.language
        let result = catalog.search(query)
        let layout = Layout(t: t, pageTitle: pageTitle, description: t["home_intro"], path: path,
                            query: keepQuery ?? query.queryString, section: .practices, site: site)

        let facets: [Fields] = CatalogQuery.Facet.allCases.compactMap { facet in
            let values = result.facets[facet] ?? []
            guard !values.isEmpty else { return nil }
            // Facet lists are long and repeated on every catalogue page: their items are written by
            // `FacetHTML`, which escapes every value, instead of a template (see docs/architecture.md).
            let links = query.togglingURLs(facet, values.map(\.value))
            let items = zip(values, links).map { value, link in
                FacetHTML.item(label: value.label, count: t.number(value.count), href: link,
                               selected: value.selected, selectedText: t["facet_selected"])
            }
            let visible = 8
            return ["key": facet.rawValue, "label": t["facet_\(facet.rawValue)"], "topHTML": items.prefix(visible).joined(),
                    "moreHTML": items.dropFirst(visible).joined(), "hasMore": items.count > visible,
                    "showAll": t.format("facet_show_all", ["count": t.number(items.count)])]
        }
        var chips: [(label: String, href: String)] = []
        for facet in CatalogQuery.Facet.allCases {
            for value in query.selection(facet) {
                chips.append((result.facets[facet]?.first { $0.value == value }?.label ?? value, query.toggling(facet, value).url))
            }
        }
        let showing: String
        if let range = result.range {
            showing = result.total == 1 ? t["showing_one"]
                : t.format("showing", ["from": t.number(range.lowerBound), "to": t.number(range.upperBound), "total": t.number(result.total)])
        } else {
            showing = t["no_results"]
        }
        var filterHidden: [Fields] = []
        for facet in CatalogQuery.Facet.allCases {
            for value in query.selection(facet) { filterHidden.append(["name": facet.rawValue, "value": value]) }
        }
        var fields: Fields = [
            "heading": heading,
            "search": SearchForm(action: SitePath.path("/practices", language: language), id: "catalogue-search", text: query.text, hidden: filterHidden),
            "facets": facets,
            // The empty state lists the chips again, as sentences.
            "chips": chips.map { ["href": $0.href, "removeText": t.format("no_results_remove", ["label": $0.label])] as Fields },
            "hasChips": !chips.isEmpty,
            "chipsHTML": chips.isEmpty ? "" : CatalogueHTML.chips(chips, clearHref: query.withoutFilters.url, t: t),
            "clearHref": query.withoutFilters.url,
            "controlsHTML": CatalogueHTML.controls(query: query, action: SitePath.path("/practices", language: language), t: t),
            "showing": showing,
            "relaxed": result.notice == .relaxed,
            "empty": result.hits.isEmpty,
            "cards": result.hits.map { card($0.practice, snippet: $0.snippet, t: t, catalog: catalog, from: query) },
            "paginationHTML": result.pageCount > 1 ? CatalogueHTML.pagination(query: query, pages: result.pageCount, t: t) : "",
        ]
        if let summary { fields["summary"] = summary }
        return PageModel(layout: layout, fields: fields)
    }

    func card(_ practice: Practice, snippet: Snippet?, t: Strings, catalog: Catalog, from: CatalogQuery?) -> Card {
        Card(practice: practice, snippet: snippet, href: SitePath.practice(practice.slug, language: t.language, from: from),
             t: t, countries: catalog.countries)
    }

    // MARK: Practice

    func practice(_ request: Request, _ context: MosaicContext, language: String) async throws -> Response {
        let catalog = site.catalog.catalog
        let raw = context.parameters.get("slug") ?? ""
        guard let slug = Slug(rawValue: raw) ?? Slug(rawValue: raw.lowercased()) else {
            return notFound(request, language: language, practice: true)
        }
        guard let practice = catalog.practice(slug: slug) else {
            // Old slugs keep working: they redirect to the practice's current address.
            if case .former(let id, let current)? = try await site.store.lookup(slug: slug), catalog.practice(id: id) != nil {
                let query = request.uri.query.map { "?" + $0 } ?? ""
                return Response(status: .movedPermanently, headers: [.location: SitePath.path("/practices/\(current.rawValue)", language: language) + query])
            }
            return notFound(request, language: language, practice: true)
        }
        if slug.rawValue != raw {
            return Response(status: .movedPermanently, headers: [.location: SitePath.path("/practices/\(slug.rawValue)", language: language)])
        }
        let etag = site.etag(for: request, version: catalog.version)
        if let cached = site.notModified(request, etag: etag) { return cached }
        let t = site.localizer.strings(language)
        let from = CatalogQuery.pairs(request.uri.query ?? "").first { $0.0 == "from" }.map { CatalogQuery(queryString: $0.1, language: language) }
        let title = Localized.title(of: practice, in: language)
        let subtitle = Localized.subtitle(of: practice, in: language)
        let period = Localized.period(of: practice, in: language)
        let country = catalog.countries[practice.country]
        var places: [Fields] = practice.cities.map { ["label": $0, "href": SitePath.city($0, language: language), "last": false] }
        places.append(["label": country?.name(in: language) ?? practice.country.rawValue,
                       "href": SitePath.country(practice.country.rawValue, language: language), "last": true])
        var untranslated = false
        let sections: [Fields] = Practice.Section.allCases.compactMap { section in
            guard let text = Localized.section(section, of: practice, in: language), !text.text.trimmed.isEmpty else { return nil }
            if text.language != language { untranslated = true }
            var model: Fields = ["key": section.rawValue, "heading": t["section_\(section.rawValue)"], "html": PracticeText.html(text.text)]
            if text.language != language { model["lang"] = text.language }
            return model
        }
        let available = ([practice.language] + practice.translations.keys.sorted()).uniqued()
            .map { LanguageNames.name(of: $0, in: language) }.joined(separator: ", ")
        var fields: Fields = [
            "title": title.text,
            "places": places,
            "hasTopics": !practice.topics.isEmpty,
            "topics": practice.topics.compactMap { key in
                catalog.taxonomy[key].map { ["label": $0.label(in: language), "href": SitePath.topic(key.rawValue, language: language)] }
            },
            "languages": available,
            "sections": sections,
            "hasLinks": !practice.links.isEmpty,
            "links": practice.links.map { ["title": $0.title.isEmpty ? $0.url : $0.title, "url": $0.url] },
            "published": t.format("published_on", ["date": t.date(practice.publishedAt ?? practice.createdAt)]),
            "backHref": from?.url ?? SitePath.path("/practices", language: language),
            "backLabel": from == nil ? t["all_practices"] : t["back_to_results"],
            "historyHref": SitePath.path("/practices/\(practice.slug.rawValue)/history", language: language),
        ]
        if title.language != language { fields["titleLang"] = title.language }
        if let subtitle {
            fields["subtitle"] = subtitle.text
            if subtitle.language != language { fields["subtitleLang"] = subtitle.language }
        }
        if let period {
            fields["period"] = period.text
            if period.language != language { fields["periodLang"] = period.language }
        }
        if let evidence = practice.evidence { fields["evidence"] = t["evidence_\(evidence.rawValue)"] }
        if untranslated {
            fields["originalNote"] = t.format("original_language_note", ["language": LanguageNames.name(of: practice.language, in: language)])
        }
        let related = catalog.related(to: practice, limit: 3)
        fields["hasRelated"] = !related.isEmpty
        fields["related"] = related.map { card($0, snippet: nil, t: t, catalog: catalog, from: nil) }
        let layout = Layout(t: t, pageTitle: title.text, description: practice.teaser(in: language),
                            path: "/practices/\(slug.rawValue)", query: request.uri.query, section: .practices, site: site)
        return site.page("practice", PageModel(layout: layout, fields: fields), request: request, etag: etag)
    }

    // MARK: Template

    struct TemplateField {
        enum Requirement: String { case required, recommended, optional }
        let key: String
        let label: String
        let guidance: String
        let requirement: Requirement
    }

    static func templateFields(_ t: Strings) -> [TemplateField] {
        func field(_ key: String, _ label: String, _ requirement: TemplateField.Requirement) -> TemplateField {
            TemplateField(key: key, label: label, guidance: t["guidance_\(key)"], requirement: requirement)
        }
        var fields = [
            field("title", t["field_title"], .required), field("subtitle", t["field_subtitle"], .optional),
            field("country", t["field_country"], .required), field("cities", t["field_cities"], .recommended),
            field("period", t["field_period"], .recommended), field("topics", t["field_topics"], .recommended),
            field("language", t["field_language"], .required),
        ]
        for section in Practice.Section.allCases {
            let requirement: TemplateField.Requirement = section == .purpose ? .required
                : [.rationale, .process, .impact, .references].contains(section) ? .recommended : .optional
            fields.append(field(section.rawValue, t["section_\(section.rawValue)"], requirement))
            if section == .evaluation { fields.append(field("evidence", t["evidence"], .optional)) }
        }
        fields += [field("links", t["field_links"], .optional), field("contact", t["field_contact"], .recommended)]
        return fields
    }

    func templatePage(_ request: Request, language: String) -> Response {
        let etag = site.etag(for: request, version: 0)
        if let cached = site.notModified(request, etag: etag) { return cached }
        let t = site.localizer.strings(language)
        let layout = Layout(t: t, pageTitle: t["template_title"], description: t["template_intro"], path: "/template", query: nil, section: .template, site: site)
        let model = PageModel(layout: layout, fields: [
            "markdownHref": SitePath.path("/template.md", language: language),
            "docxHref": SitePath.path("/template.docx", language: language),
            "submitHref": SitePath.path("/submit", language: language),
            "fields": Self.templateFields(t).map {
                ["key": $0.key, "label": $0.label, "guidance": $0.guidance, "requirementKey": $0.requirement.rawValue,
                 "requirement": t["template_\($0.requirement.rawValue)"]]
            },
        ])
        return site.page("template", model, request: request, etag: etag)
    }

    func templateMarkdown(_ request: Request, language: String) -> Response {
        let t = site.localizer.strings(language)
        var text = "# \(t["template_title"])\n\n\(t["template_intro"])\n\n"
        for field in Self.templateFields(t) {
            text += "## \(field.label) (\(t["template_\(field.requirement.rawValue)"]))\n\n_\(field.guidance)_\n\n\n"
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/markdown; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"mosaic-template-\(language).md\""
        headers[.cacheControl] = "public, max-age=3600"
        return site.body(ByteBuffer(string: text), headers: headers, request: request)
    }

    // MARK: Not found and assets

    func notFound(_ request: Request, language: String, practice: Bool = false) -> Response {
        let t = site.localizer.strings(language)
        let heading = practice ? t["practice_not_found_title"] : t["not_found_title"]
        let layout = Layout(t: t, pageTitle: heading, description: heading, path: "/practices", query: nil, section: .none, site: site)
        let model = PageModel(layout: layout, fields: [
            "heading": heading,
            "text": practice ? t["practice_not_found_text"] : t["not_found_text"],
            "search": SearchForm(action: SitePath.path("/practices", language: language), id: "not-found-search", text: "", hidden: []),
            "catalogueHref": SitePath.path("/practices", language: language),
        ])
        return site.page("not-found", model, request: request, status: .notFound)
    }

    func asset(_ request: Request, _ context: MosaicContext) throws -> Response {
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
