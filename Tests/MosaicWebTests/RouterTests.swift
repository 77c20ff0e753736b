import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import MosaicCore
import MosaicSearch
import MosaicStore
@testable import MosaicWeb
@testable import MosaicTestSupport

@Suite("The public site, through the real router")
struct RouterTests {
    static let published = 44 // 45 sample practices, one of them a draft

    @Test func homeShowsTopicsNumbersAndLatestInBothLanguages() async throws {
        try await withSite { client, _ in
            let home = try await client.get("/")
            #expect(home.status == .ok)
            #expect(home.h1 == "Good practices of intercultural cities")
            #expect(home.cards.count == 6)
            #expect(home.document.first("ul", class: "tiles")?.all("li").count == 17)
            let numbers = home.document.first("ul", class: "numbers")?.plainText ?? ""
            #expect(numbers.contains("\(Self.published) practices"))
            #expect(numbers.contains("20 countries"))
            let french = try await client.get("/fr/")
            #expect(french.status == .ok)
            #expect(french.document.first("html")?["lang"] == "fr")
            #expect(french.h1 == "Bonnes pratiques des cités interculturelles")
            #expect(french.document.first("ul", class: "numbers")?.plainText.contains("\(Self.published) pratiques") == true)
        }
    }

    @Test func rootRedirectsByAcceptLanguage() async throws {
        try await withSite { client, _ in
            let french = try await client.get("/", headers: [.acceptLanguage: "fr-CH, fr;q=0.9, en;q=0.8"])
            #expect(french.status == .found)
            #expect(french.headers[.location] == "/fr/")
            let german = try await client.get("/", headers: [.acceptLanguage: "de-AT, en;q=0.5"])
            #expect(german.headers[.location] == "/de/")
            let english = try await client.get("/", headers: [.acceptLanguage: "ja, en;q=0.5"])
            #expect(english.status == .ok)
        }
    }

    @Test("The reader's choice of language is remembered, and wins over the browser's")
    func languageChoiceIsRemembered() async throws {
        try await withSite { client, _ in
            let choice = try await client.get("/language/uk?next=%2Fpractices%3Fq%3Dyouth")
            #expect(choice.status == .seeOther)
            #expect(choice.headers[.location] == "/uk/practices?q=youth")
            let cookie = try #require(choice.headers[.setCookie])
            #expect(cookie.hasPrefix("mosaic_language=uk;") && cookie.contains("Max-Age="))
            let home = try await client.get("/", headers: [.acceptLanguage: "fr", .cookie: "mosaic_language=uk"])
            #expect(home.headers[.location] == "/uk/")
            let english = try await client.get("/", headers: [.acceptLanguage: "fr", .cookie: "mosaic_language=en"])
            #expect(english.status == .ok)
            // Only this site's pages, and only known languages.
            #expect(try await client.get("/language/uk?next=https%3A%2F%2Fevil.example%2F").headers[.location] == "/uk/")
            #expect(try await client.get("/language/xx").status == .notFound)
        }
    }

    @Test func catalogueShowsCardsFacetsAndTheShowingLine() async throws {
        try await withSite { client, site in
            let page = try await client.get("/practices")
            #expect(page.status == .ok)
            #expect(page.cards.count == 20)
            #expect(page.showing == "Showing 1–20 of \(Self.published) results")
            #expect(page.document.first("p", class: "showing")?["aria-live"] == "polite")
            let expected = site.site.catalog.catalog.search(CatalogQuery()).facets[.topic]!
            let shown = page.facet("topic")
            for value in expected { #expect(shown[value.label] == value.count, "\(value.label)") }
            #expect(page.facet("country")["Switzerland"] == 4)

            let french = try await client.get("/fr/practices?per_page=10&page=2")
            #expect(french.cards.count == 10)
            #expect(french.showing == "Résultats 11 à 20 sur \(Self.published)")
            #expect(french.facet("country")["Suisse"] == 4)
        }
    }

    @Test func filtersCombineAndCountLikeTheEngine() async throws {
        try await withSite { client, _ in
            let page = try await client.get("/practices?country=CH&country=FR")
            #expect(page.cards.count == 8)
            #expect(page.showing == "Showing 1–8 of 8 results")
            // Choosing Switzerland still shows how many Portugal would add.
            #expect(page.facet("country")["Portugal"] == 3)
            let both = try await client.get("/practices?country=CH&topic=language")
            #expect(both.cards.count == 3)
            #expect(both.document.all("a", class: "chip").count == 3, "two filters and \"clear all\"")
        }
    }

    @Test func followingAFacetThenBackRoundTripsTheState() async throws {
        try await withSite { client, _ in
            let start = try await client.get("/practices?q=city&per_page=10")
            let facetLink = try #require(start.document.first("h3", where: { $0["id"] == "facet-country" })?.parent?.first("a", class: "facet-value")?["href"])
            #expect(facetLink.contains("q=city") && facetLink.contains("country=") && facetLink.contains("per_page=10"))
            let filtered = try await client.get(facetLink)
            #expect(filtered.status == .ok)
            let cardLink = try #require(filtered.cards.first?.first("a")?["href"])
            let practice = try await client.get(cardLink)
            #expect(practice.status == .ok)
            let back = try #require(practice.document.first("p", class: "back-link")?.first("a")?["href"])
            #expect(back == facetLink, "the list, landing on its results")
            #expect(practice.document.first("p", class: "back-link")?.plainText.contains("Back to results") == true)
        }
    }

    @Test func emptyStateAndRelaxedNotice() async throws {
        try await withSite { client, _ in
            let empty = try await client.get("/practices?q=zebra&country=CH")
            #expect(empty.cards.isEmpty)
            #expect(empty.document.first("div", class: "empty") != nil)
            #expect(empty.showing == "No practices found")
            let relaxed = try await client.get("/practices?q=police+zebra")
            #expect(relaxed.document.first("p", class: "notice")?.plainText.contains("practices that contain some of them are shown") == true)
            #expect(relaxed.cards.count >= 1)
            let noise = try await client.get("/practices?q=homeless+shelters+in+winter")
            #expect(noise.cards.isEmpty)
            #expect(noise.document.first("p", class: "notice")?.plainText.contains("No practice matches your search well") == true)
        }
    }

    @Test("Practices matching some of the words follow those matching all, under their own heading, and say what the total counts")
    func partialMatchesAreMarked() async throws {
        try await withSite { client, _ in
            let page = try await client.get("/practices?q=mosque+festival")
            let lists = page.document.all("ol", class: "cards")
            #expect(lists.count == 2)
            #expect(lists.last?.attributes["class"] == "cards partial")
            #expect(page.document.first("h2", class: "partial-heading")?.plainText == "Also matching some of your words")
            let full = lists.first?.all("li", class: "card").count ?? 0
            #expect(page.showing.hasSuffix("(\(full) match all your words)") || page.showing.hasSuffix("(1 matches all your words)"), "\(page.showing)")
            let api = try await client.get("/api/v1/practices?q=mosque+festival")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
            let results = try #require(json["results"] as? [[String: Any]])
            #expect(results.compactMap { $0["match"] as? String }.count == results.count)
            #expect(json["partial_total"] as? Int == results.filter { $0["match"] as? String == "partial" }.count)
        }
    }

    @Test("Years as a range: From and To, quick links, a histogram with a text alternative, old year links still work")
    func yearRange() async throws {
        try await withSite { client, _ in
            let all = try await client.get("/practices?per_page=100")
            let ranged = try await client.get("/practices?year_from=2015&year_to=2018&per_page=100")
            #expect(ranged.status == .ok)
            #expect(ranged.cards.count > 0 && ranged.cards.count < all.cards.count)
            #expect(ranged.document.first("div", class: "chips")?.plainText.contains("2015–2018") == true)
            #expect(ranged.document.first("input", where: { $0["name"] == "year_from" && $0["type"] == "number" })?["value"] == "2015")
            // The API answers the same query with the same total.
            let api = try await client.get("/api/v1/practices?year_from=2015&year_to=2018")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
            #expect(json["total"] as? Int == ranged.cards.count)
            // Backwards is read forwards; an open end reaches every year.
            let backwards = try await client.get("/practices?year_from=2018&year_to=2015&per_page=100")
            #expect(backwards.cards.count == ranged.cards.count)
            let since = try await client.get("/practices?year_from=2015&per_page=100")
            #expect(since.cards.count >= ranged.cards.count)
            #expect(since.document.first("div", class: "chips")?.plainText.contains("From 2015") == true)
            // The histogram says in words what it draws.
            let title = try #require(all.document.first("title", where: { $0["id"] == "year-histogram-title" }))
            #expect(title.plainText.hasPrefix("Practices per year, "))
            #expect(all.document.first("desc")?.plainText.contains(": ") == true)
            // Quick links and the old year= links.
            let plain = try await client.get("/practices")
            let quick = plain.document.all("a", class: "facet-value").map { ($0.plainText, $0["href"] ?? "") }
            #expect(quick.contains { $0.0.hasPrefix("Since 2015") && $0.1 == "/practices?year_from=2015#showing" })
            #expect(quick.contains { $0.0.hasPrefix("Not dated") && $0.1 == "/practices?year=undated#showing" })
            let old = try await client.get("/practices?year=2016")
            #expect(old.status == .ok && !old.cards.isEmpty)
            let problem = try await client.get("/api/v1/practices?year_from=20x5")
            #expect(problem.status == .badRequest)
        }
    }

    @Test("Suggestions: JSON in the reader's language with links, a sentence for screen readers, problems for bad input")
    func suggestions() async throws {
        try await withSite { client, _ in
            let answer = try await client.get("/fr/api/v1/suggest?q=lis")
            #expect(answer.status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])
            let suggestions = try #require(json["suggestions"] as? [[String: Any]])
            let lisbon = try #require(suggestions.first { $0["label"] as? String == "Lisbon" })
            #expect(lisbon["kind_label"] as? String == "Ville")
            #expect((lisbon["url"] as? String)?.hasSuffix("/fr/cities/lisbon") == true)
            #expect((json["announcement"] as? String)?.hasSuffix(suggestions.count == 1 ? "suggestion" : "suggestions") == true)
            #expect(try await client.get("/api/v1/suggest?q=lis&topic=x").status == .badRequest)
            #expect(try await client.get("/api/v1/suggest?q=" + String(repeating: "a", count: 101)).status == .badRequest)
            let empty = try await client.get("/api/v1/suggest")
            #expect(empty.status == .ok && empty.body.contains("\"suggestions\":[]"))
            // The search box offers them to the script, which says how to use them.
            let home = try await client.get("/fr/")
            #expect(home.document.first("input", where: { $0["name"] == "q" })?["data-suggest"] == "/fr/api/v1/suggest")
        }
    }

    @Test("Periods are said in the reader's language, with the wording as written beside them; what Mosaic cannot read stays as written")
    func periodsInTheReadersLanguage() async throws {
        try await withSite { client, _ in
            let range = try await client.get("/fr/practices/intercultural-mediators-in-health-centres")
            let read = try #require(range.document.first("span", class: "as-written")?.parent)
            #expect(read.first("span")?.plainText == "2017–2021")
            #expect(read.first("span", class: "as-written")?.plainText.hasPrefix("(tel qu’écrit") == true)
            #expect(read.first("span", class: "as-written")?.first("span")?.plainText == "2017-2021")
            let since = try await client.get("/fr/practices/city-council-of-foreign-residents")
            #expect(since.document.all("dd").contains { $0.plainText.hasPrefix("Depuis 2013 (") })
            #expect(since.document.first("span", class: "as-written")?.first("span")?["lang"] == "en")
            // A French practice on an English page (its translation's period, and the original beside it), and a
            // period Mosaic cannot read.
            let english = try await client.get("/practices/library-of-living-languages")
            #expect(english.document.all("dd").contains { $0.plainText == "from 2016 (as written: à partir de 2016)" })
            let unread = try await client.get("/fr/practices/intercultural-festival-of-the-seasons")
            #expect(unread.document.all("dd").contains { $0.plainText == "Each year in March" })
            // Cards say it the same way.
            let cards = try await client.get("/fr/practices?q=conseil+residents+etrangers")
            #expect(cards.document.all("span", class: "card-period").contains { $0.plainText == "Depuis 2013" })
        }
    }

    @Test("The catalogue: a skip link to the results, the results before the filters, and links that land on the results")
    func catalogueKeyboardOrder() async throws {
        try await withSite { client, _ in
            let page = try await client.get("/practices?topic=welcoming")
            #expect(page.document.first("p", class: "skip-results")?.first("a")?["href"] == "#showing")
            let panel = try #require(page.document.first("details", class: "filters-panel"))
            #expect(panel.first("summary")?.plainText == "Filters (1 active)")
            // Every link or form that changes the list comes back to the "Showing" line.
            let facet = try #require(page.document.first("a", class: "facet-value"))
            #expect(facet["href"]?.hasSuffix("#showing") == true)
            #expect(page.document.first("a", class: "chip")?["href"]?.hasSuffix("#showing") == true)
            #expect(page.document.first("form", class: "controls")?["action"] == "/practices#showing")
            #expect(page.document.first("p", class: "showing")?["id"] == "showing")
            // The results come before the filters in the markup, as on the screen; on a narrow screen a
            // link above the results leads to the filters.
            let body = page.body
            #expect(try #require(body.range(of: "id=\"showing\"")).lowerBound < #require(body.range(of: "filters-panel")).lowerBound)
            #expect(try #require(body.range(of: "class=\"cards\"")).lowerBound < #require(body.range(of: "id=\"facet-topic\"")).lowerBound)
            let jump = try #require(page.document.first("p", class: "filters-jump")?.first("a"))
            #expect(jump["href"] == "#filters" && jump.plainText == "Filters (1 active)")
            #expect(panel["id"] == "filters")
        }
    }

    @Test func didYouMeanLinksToTheCorrectedSearch() async throws {
        try await withSite { client, _ in
            let page = try await client.get("/fr/practices?q=libary")
            let link = try #require(page.document.first("p", class: "did-you-mean")?.first("a"))
            // A word of the catalogue's texts, as they write it, in the reader's language's catalogue.
            #expect(["library", "libraries"].contains(link.plainText))
            #expect(link["href"] == "/fr/practices?q=\(link.plainText)")
            let corrected = try await client.get(try #require(link["href"]))
            #expect(!corrected.cards.isEmpty)
            #expect(corrected.document.first("p", class: "did-you-mean") == nil)
        }
    }

    @Test func practicePageFollowsTheTemplate() async throws {
        try await withSite { client, _ in
            let page = try await client.get("/practices/neighbourhood-welcome-ambassadors")
            #expect(page.status == .ok)
            #expect(page.h1 == "Neighbourhood welcome ambassadors")
            let headings = page.document.all("section", class: "practice-section").compactMap { $0.first("h2")?.plainText }
            #expect(Array(headings.prefix(5)) == ["Purpose", "Stimulus / Rationale", "Process", "Impact", "Key reference documents"])
            #expect(page.document.first("ul", class: "tags")?.all("a").first?["href"] == "/topics/welcoming")
            #expect(page.body.contains("Lisbon"))
            #expect(!page.body.contains("welcome@lisbon.example.org"), "contacts are never shown")
            #expect(page.document.first("aside", class: "related")?.all("li", class: "card").count == 3)
        }
    }

    @Test func frenchPracticeUsesTheTranslationOrSaysItCannot() async throws {
        try await withSite { client, _ in
            let translated = try await client.get("/fr/practices/neighbourhood-welcome-ambassadors")
            #expect(translated.h1 == "Ambassadeurs d'accueil de quartier")
            #expect(translated.document.first("h1")?["lang"] == nil)
            let untranslated = try await client.get("/fr/practices/open-mosque-days")
            #expect(untranslated.document.first("h1")?["lang"] == "en")
            #expect(untranslated.document.first("p", class: "note")?.plainText.contains("anglais") == true)
            #expect(untranslated.document.first("div", class: "text")?["lang"] == "en")
        }
    }

    @Test func unknownPagesAndPracticesGetAHelpful404() async throws {
        try await withSite { client, _ in
            for path in ["/nothing-here", "/practices/no-such-practice", "/fr/practices/no-such-practice", "/cities/atlantis", "/topics/gardening"] {
                let page = try await client.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.document.first("form", where: { $0["role"] == "search" }) != nil, "\(path) offers a search")
            }
            let french = try await client.get("/fr/nulle-part")
            #expect(french.h1 == "Page introuvable")
        }
    }

    @Test func oldSlugsRedirectPermanently() async throws {
        try await withSite { client, site in
            var practice = try #require(try await site.store.practice(id: Practice.ID(rawValue: "sample-02")))
            let old = practice.slug
            practice.slug = Slug(rawValue: "barcelona-anti-rumour-network")!
            try await site.store.save([.update(practice)], by: "test")
            site.site.catalog.update { $0.updating(practice) }
            let response = try await client.get("/practices/\(old.rawValue)?from=q%3Drumour")
            #expect(response.status == .movedPermanently)
            #expect(response.headers[.location] == "/practices/barcelona-anti-rumour-network?from=q%3Drumour")
            let french = try await client.get("/fr/practices/\(old.rawValue)")
            #expect(french.headers[.location] == "/fr/practices/barcelona-anti-rumour-network")
        }
    }

    @Test func landingPages() async throws {
        try await withSite { client, _ in
            let city = try await client.get("/cities/lisbon")
            #expect(city.h1 == "Practices in Lisbon")
            #expect(city.cards.count == 1)
            #expect(city.document.first("p", class: "lead")?.plainText == "1 practice · in 1 country")
            let country = try await client.get("/countries/ch")
            #expect(country.h1 == "Practices in Switzerland")
            #expect(country.cards.count == 4)
            let topic = try await client.get("/fr/topics/welcoming")
            #expect(topic.h1 == "Accueil des nouveaux arrivants")
            #expect(topic.cards.count == 11)
        }
    }

    @Test func templatePageAndMarkdown() async throws {
        try await withSite { client, _ in
            let page = try await client.get("/template")
            let fields = page.document.first("ol", class: "template-fields")?.all("li") ?? []
            #expect(fields.count == 20)
            #expect(page.link("Download the template (Markdown)") == "/template.md")
            let markdown = try await client.get("/fr/template.md")
            #expect(markdown.headers[.contentType] == "text/markdown; charset=utf-8")
            #expect(markdown.body.hasPrefix("# Modèle pour la collecte des bonnes pratiques"))
            #expect(markdown.body.contains("## Objectif (obligatoire)"))
        }
    }

    @Test func cachingCompressionAndSecurityHeaders() async throws {
        try await withSite { client, _ in
            let first = try await client.get("/practices?topic=welcoming")
            let etag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] == "public, no-cache")
            let again = try await client.get("/practices?topic=welcoming", headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.isEmpty)
            let other = try await client.get("/practices?topic=education", headers: [.ifNoneMatch: etag])
            #expect(other.status == .ok)

            let zipped = try await client.execute(uri: "/practices", method: .get, headers: [.acceptEncoding: "gzip, deflate"]) { $0 }
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.headers[.vary] == "Accept-Encoding")

            for path in ["/", "/practices/anti-rumour-network", "/nowhere", "/static/mosaic.css"] {
                let response = try await client.get(path)
                let csp = response.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "\(path)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                #expect(response.headers[SecurityHeaders.referrerPolicy] != nil, "\(path)")
            }
        }
    }

    @Test("The hidden 'Read more about …' of a card names the title in the title's language (WCAG 3.1.2)")
    func hiddenTitlesCarryTheirLanguage() async throws {
        try await withSite { client, _ in
            let page = try await client.get("/fr/practices?per_page=50")
            for card in page.cards {
                let titleLanguage = card.first("h3")?.first("a")?["lang"]
                let hidden = card.first("a", class: "card-more")?.first("span", class: "visually-hidden")
                #expect(hidden?.first("span")?["lang"] == titleLanguage, "\(card.first("h3")?.plainText ?? "")")
            }
            #expect(page.cards.contains { $0.first("h3")?.first("a")?["lang"] == "en" })
        }
    }

    @Test("The footer says sample content is invented only while sample practices are shown")
    func sampleNoticeOnlyWithSamples() async throws {
        try await withSite { client, site in
            #expect(try await client.get("/").document.first("footer")?.plainText.contains("Sample content is invented") == true)
            let real = Practice(slug: Slug(making: "real practice"), title: "A real practice", country: Country.Code(rawValue: "PT"),
                                cities: ["Lisbon"], sections: [.purpose: "Real."], status: .published, publishedAt: Date())
            site.site.catalog.update { _ in Catalog(practices: [real], currentYear: 2026, version: 99) }
            let footer = try await client.get("/fr/").document.first("footer")?.plainText ?? ""
            #expect(footer.contains("Mosaic partage") && !footer.contains("inventé"))
        }
    }

    static func hreflangs(of page: Page) -> [String] {
        page.document.all("link").filter { $0["rel"] == "alternate" }.compactMap { $0["hreflang"] }
    }

    @Test func languageSwitcherKeepsThePageAndQuery() async throws {
        try await withSite { client, _ in
            let page = try await client.get("/practices?q=welcome&country=PT")
            let switcher = try #require(page.document.first("nav", class: "languages")?.first("a", where: { $0["hreflang"] == "fr" })?["href"])
            #expect(switcher == "/language/fr?next=%2Fpractices%3Fq%3Dwelcome%26country%3DPT")
            // (Read in a function of its own: written inline after the line above, Swift 6.3's debug build
            // ran the line above's predicate for this one.)
            #expect(Self.hreflangs(of: page) == Localizer.languages + ["x-default"])
            #expect(Localizer.languages.count == 13 && Localizer.languages.first == "en")
        }
    }

    @Test func userTextIsAlwaysEscaped() async throws {
        var hostile = Practice(slug: Slug(rawValue: "hostile")!, title: "<script>alert('x')</script> Évasion", country: Country.Code(rawValue: "FR"),
                               cities: ["<b>Lyon</b>"], period: "\"><img src=x onerror=alert(1)>",
                               sections: [.purpose: "<iframe src=javascript:alert(1)></iframe> see https://example.org/a?b=1&c=<x>"],
                               status: .published, publishedAt: Date())
        hostile.links = [Practice.Link(title: "<i>link</i>", url: "https://example.org/?q=\"x\"")]
        try await withSite(extra: [hostile]) { client, _ in
            for path in ["/practices/hostile", "/practices?q=evasion", "/"] {
                let page = try await client.get(path)
                #expect(!page.body.contains("<script>alert"), "\(path)")
                #expect(!page.body.contains("<img src=x"), "\(path)")
                #expect(!page.body.contains("<iframe"), "\(path)")
                #expect(!page.body.contains("<b>Lyon"), "\(path)")
            }
            let catalogue = try await client.get("/practices?city=%3Cb%3ELyon%3C%2Fb%3E")
            #expect(catalogue.body.contains("&lt;b&gt;Lyon&lt;/b&gt;"), "facet values are escaped")
            #expect(!catalogue.body.contains("<b>Lyon"))
            let page = try await client.get("/practices/hostile")
            #expect(page.h1 == "<script>alert('x')</script> Évasion")
        }
    }

    @Test func headIsAnsweredLikeGetWithoutABody() async throws {
        try await withSite { client, _ in
            let response = try await client.execute(uri: "/practices", method: .head) { $0 }
            #expect(response.status == .ok)
            #expect(response.headers[.eTag] != nil)
            #expect(response.body.readableBytes == 0)
        }
    }

    @Test func healthz() async throws {
        try await withSite { client, _ in
            let response = try await client.get("/healthz")
            #expect(response.status == .ok)
            #expect(response.body.contains("\"practices\":\(Self.published)"))
        }
    }

    @Test("/readyz answers 200 while the database answers, 503 when it does not")
    func readyz() async throws {
        try await withSite { client, site in
            let ready = try await client.execute(uri: "/readyz", method: .get) { $0 }
            #expect(ready.status == .ok)
            #expect(String(buffer: ready.body).contains("\"status\":\"ready\""))
            #expect(String(buffer: ready.body).contains("\"lag\":0"))
            try await site.store.close()
            let gone = try await client.execute(uri: "/readyz", method: .get) { $0 }
            #expect(gone.status == .serviceUnavailable)
            #expect(String(buffer: gone.body).contains("database unreachable"))
            // The pages still come from the snapshot.
            #expect(try await client.get("/practices").status == .ok)
        }
    }

    @Test("/metrics exists only when asked for, and shows the catalogue's size, version and lag")
    func metrics() async throws {
        try await withSite { client, _ in
            let status = try await client.execute(uri: "/metrics", method: .get) { $0.status }
            #expect(status == .notFound)
        }
        try await withSite(metrics: true) { client, site in
            let response = try await client.execute(uri: "/metrics", method: .get) { $0 }
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            #expect(text.contains("mosaic_catalogue_practices \(Self.published)"), "\(text)")
            #expect(text.contains("mosaic_catalogue_version \(site.site.catalog.catalog.version)"))
            #expect(text.contains("mosaic_catalogue_lag 0"))
        }
    }
}
