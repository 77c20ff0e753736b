import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import MosaicCore
import MosaicSearch
import MosaicStore
@testable import MosaicWeb
@testable import MosaicTestSupport

/// The catalogue as data: the API, its contract, exports, the feed, the codebook, sitemaps and
/// structured data, each checked against what the HTML catalogue shows.
@Suite("Open data")
struct OpenDataTests {
    struct Answer {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
    }

    static func fetch(_ client: any TestClientProtocol, _ uri: String, method: HTTPRequest.Method = .get,
                      headers: HTTPFields = [:]) async throws -> Answer {
        try await client.execute(uri: uri, method: method, headers: headers) {
            Answer(status: $0.status, headers: $0.headers, body: String(buffer: $0.body))
        }
    }

    @Test("The API answers a search with the HTML catalogue's total and facet counts, one page of public records and its links")
    func searchMatchesTheCatalogue() async throws {
        try await withSite { client, _ in
            let html = try await client.get("/practices?topic=welcoming&per_page=10")
            let api = try await Self.fetch(client, "/api/v1/practices?topic=welcoming&per_page=4")
            #expect(api.status == .ok)
            #expect(api.headers[.contentType] == "application/json")
            let json = api.json
            let total = try #require(json["total"] as? Int)
            #expect(html.showing.hasSuffix("of \(total) results"))
            let results = try #require(json["results"] as? [[String: Any]])
            #expect(results.count == 4)
            for result in results {
                #expect((result["topics"] as? [String])?.contains("welcoming") == true)
                #expect(result["contact_email"] == nil && result["contact_name"] == nil)
                #expect(result["status"] as? String == "published")
                #expect((result["url"] as? String)?.hasSuffix("/practices/\(result["slug"] as! String)") == true)
                #expect((result["api_url"] as? String)?.hasSuffix("/api/v1/practices/\(result["slug"] as! String)") == true)
            }
            // Facet counts as the page shows them.
            let facets = try #require(json["facets"] as? [String: [[String: Any]]])
            let countries = Dictionary(uniqueKeysWithValues: (facets["country"] ?? []).map { ($0["label"] as! String, $0["count"] as! Int) })
            #expect(countries == html.facet("country"))
            #expect(facets["topic"]?.first { $0["value"] as? String == "welcoming" }?["selected"] as? Bool == true)
            let links = try #require(json["links"] as? [String: Any])
            #expect((links["next"] as? String)?.hasSuffix("/api/v1/practices?topic=welcoming&page=2&per_page=4") == true)
            #expect(links["prev"] is NSNull)
            #expect((links["csv"] as? String)?.hasSuffix("/practices.csv?topic=welcoming") == true)
            #expect((links["atom"] as? String)?.hasSuffix("/practices.atom?topic=welcoming") == true)
            #expect(api.headers[HTTPField.Name("Link")!]?.contains("rel=\"next\"") == true)
            // The last page has no next link, and a previous one.
            let last = try await Self.fetch(client, "/api/v1/practices?topic=welcoming&per_page=4&page=\((total + 3) / 4)").json
            #expect((last["links"] as? [String: Any])?["next"] is NSNull)
            #expect((last["links"] as? [String: Any])?["prev"] is String)
            // French labels under /fr.
            let french = try await Self.fetch(client, "/fr/api/v1/practices?country=PT").json
            let label = ((french["facets"] as? [String: [[String: Any]]])?["country"])?.first { $0["value"] as? String == "PT" }?["label"]
            #expect(label as? String == "Portugal")
        }
    }

    @Test("Whatever a client sends, the API answers 400 with a problem document saying what to fix, never a 500")
    func badInputIsAProblem() async throws {
        try await withSite { client, _ in
            let cases: [(String, String)] = [
                ("topic=nope", "topic"), ("per_page=101", "per_page"), ("per_page=0", "per_page"), ("page=0", "page"),
                ("page=x", "page"), ("country=XX", "country"), ("country=Portugal", "country"), ("year=20x9", "year"),
                ("sort=best", "sort"), ("language=English", "language"), ("q=%ZZ", "q"), ("q=%C3%28", "q"), ("topics=welcoming", "topics"),
                ("q=" + String(repeating: "a", count: 501), "q"), ("city=", "city"),
                (Array(repeating: "topic=welcoming", count: 201).joined(separator: "&"), ""),
                ((0..<51).map { "city=c\($0)" }.joined(separator: "&"), "city"),
            ]
            for (query, parameter) in cases {
                let answer = try await Self.fetch(client, "/api/v1/practices?" + query)
                #expect(answer.status == .badRequest, "\(query.prefix(60))")
                #expect(answer.headers[.contentType] == "application/problem+json")
                let json = answer.json
                #expect(json["status"] as? Int == 400 && json["title"] as? String == "Bad Request")
                #expect(((json["detail"] as? String)?.count ?? 0) > 20)
                if !parameter.isEmpty { #expect(json["parameter"] as? String == parameter, "\(query.prefix(60))") }
            }
            let topics = try await Self.fetch(client, "/api/v1/practices?topic=nope").json
            #expect((topics["valid"] as? [String])?.contains("welcoming") == true)
            // The exports and the feed read the same parameters, and have no pages.
            #expect(try await Self.fetch(client, "/practices.csv?topic=nope").status == .badRequest)
            #expect(try await Self.fetch(client, "/practices.atom?page=2").status == .badRequest)
            let unknown = try await Self.fetch(client, "/api/v1/practices/no-such-practice")
            #expect(unknown.status == .notFound && unknown.headers[.contentType] == "application/problem+json")
            let nowhere = try await Self.fetch(client, "/api/v2/practices")
            #expect(nowhere.status == .notFound && nowhere.headers[.contentType] == "application/problem+json")
            #expect(try await Self.fetch(client, "/api/v1/topics?x=1").status == .badRequest)
        }
    }

    @Test("One practice, whole with its translations; a former slug answers 301 to the current one")
    func onePractice() async throws {
        try await withSite { client, site in
            let answer = try await Self.fetch(client, "/api/v1/practices/anti-rumour-network")
            #expect(answer.status == .ok)
            #expect(answer.json["title"] as? String == site.site.catalog.catalog.practice(slug: Slug(rawValue: "anti-rumour-network")!)?.title)
            #expect(answer.json["translations"] is [String: Any])
            var practice = try #require(try await site.store.practice(id: Practice.ID(rawValue: "sample-02")))
            let old = practice.slug
            practice.slug = Slug(rawValue: "barcelona-anti-rumour-network")!
            try await site.store.save([.update(practice)], by: "test")
            site.site.catalog.update { $0.updating(practice) }
            let moved = try await Self.fetch(client, "/api/v1/practices/\(old.rawValue)")
            #expect(moved.status == .movedPermanently)
            #expect(moved.headers[.location] == "/api/v1/practices/barcelona-anti-rumour-network")
        }
    }

    @Test("Topics, countries and cities come with labels in every interface language and their counts")
    func vocabularies() async throws {
        try await withSite { client, _ in
            let everything = try await client.get("/practices")
            let topics = try #require(try await Self.fetch(client, "/api/v1/topics").json["values"] as? [[String: Any]])
            #expect(topics.count == Taxonomy.standard.topics.count)
            let welcoming = try #require(topics.first { $0["key"] as? String == "welcoming" })
            #expect((welcoming["labels"] as? [String: String])?.keys.sorted() == Localizer.languages.sorted())
            #expect(welcoming["count"] as? Int == everything.facet("topic")[(welcoming["labels"] as! [String: String])["en"]!])
            let countries = try #require(try await Self.fetch(client, "/api/v1/countries").json["values"] as? [[String: Any]])
            #expect(countries.count == everything.facet("country").count)
            #expect(countries.allSatisfy { ($0["count"] as? Int ?? 0) > 0 })
            let cities = try #require(try await Self.fetch(client, "/api/v1/cities").json["values"] as? [[String: Any]])
            let lisbon = try #require(cities.first { $0["name"] as? String == "Lisbon" })
            #expect(lisbon["country"] as? String == "PT")
        }
    }

    @Test("ETags revalidate, data is open to any origin (with the preflight), HTML pages are not")
    func cachingAndCORS() async throws {
        try await withSite { client, _ in
            for path in ["/api/v1/practices?q=youth", "/api/v1/topics", "/practices.csv", "/practices.atom", "/data/codebook.json"] {
                let first = try await Self.fetch(client, path)
                #expect(first.status == .ok, "\(path)")
                #expect(first.headers[.accessControlAllowOrigin] == "*", "\(path)")
                let etag = try #require(first.headers[.eTag], "\(path)")
                let again = try await Self.fetch(client, path, headers: [.ifNoneMatch: etag])
                #expect(again.status == .notModified, "\(path)")
            }
            let preflight = try await Self.fetch(client, "/api/v1/practices", method: .options,
                                                 headers: [.origin: "https://example.org", .accessControlRequestMethod: "GET"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("GET") == true)
            #expect(try await Self.fetch(client, "/practices").headers[.accessControlAllowOrigin] == nil)
            #expect(try await Self.fetch(client, "/api").headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test("The OpenAPI document describes exactly the router's data routes")
    func openAPIPathsAreTheRoutes() async throws {
        try await withSite { client, _ in
            let document = try await Self.fetch(client, "/api/openapi.json").json
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = Set((document["paths"] as? [String: Any] ?? [:]).keys)
            let routes = Set(Route.Kind.allCases.filter(\.isDocumentedInOpenAPI).map { kind in
                kind.rawValue.split(separator: "/", omittingEmptySubsequences: false)
                    .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
            })
            #expect(paths == routes)
            // Every address under /api/ is documented (but the human page).
            let underAPI = Route.Kind.allCases.filter { $0.rawValue.hasPrefix("/api/") }
            #expect(underAPI.filter { !$0.isDocumentedInOpenAPI }.isEmpty)
            let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
            let keys = ((schemas?["TopicKey"] as? [String: Any])?["enum"] as? [String]) ?? []
            #expect(keys == Taxonomy.standard.topics.map(\.key.rawValue))
        }
    }

    @Test("An export gives every match (not a page), and re-imports to the same practices")
    func exportsRoundTrip() async throws {
        try await withSite { client, site in
            let csv = try await Self.fetch(client, "/practices.csv?topic=education")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"mosaic-practices-education-v1.csv\"")
            let total = site.site.catalog.catalog.search(CatalogQuery(topics: ["education"])).total
            #expect(total > 1)
            let parsed = CSV.parse(csv.body)
            #expect(parsed.errors.isEmpty)
            #expect(parsed.rows.count == total + 1)
            #expect(parsed.rows.first?.cells == ExchangeWriter(format: .csv).fields.map(\.rawValue))
            let jsonl = try await Self.fetch(client, "/practices.jsonl")
            let lines = jsonl.body.split(separator: "\n")
            #expect(site.site.catalog.catalog.count > CatalogQuery.defaultPageSize)
            #expect(lines.count == site.site.catalog.catalog.count)
            try await withDatabase { database in
                let report = try await CatalogImporter(store: database.store).run([try database.file("all.jsonl", jsonl.body)])
                #expect(report.issues.isEmpty)
                let imported = try await database.store.allPractices(statuses: [.published]).sorted { $0.id.rawValue < $1.id.rawValue }
                let original = site.site.catalog.catalog.practices.sorted { $0.id.rawValue < $1.id.rawValue }
                #expect(imported.map(\.id) == original.map(\.id))
                for (a, b) in zip(imported, original) {
                    var b = b
                    b.contact = Practice.Contact()
                    #expect(a.title == b.title && a.sections == b.sections && a.translations == b.translations && a.cities == b.cities)
                }
            }
        }
    }

    @Test("The feed is Atom: the newest matching practices, stable ids, self and alternate links, in the reader's language")
    func atomFeed() async throws {
        try await withSite { client, site in
            let feed = try await Self.fetch(client, "/fr/practices.atom?topic=welcoming")
            #expect(feed.status == .ok && feed.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
            let document = try XMLDocument(xmlString: feed.body)
            let entries = try document.nodes(forXPath: "/*[local-name()='feed']/*[local-name()='entry']")
            let expected = site.site.catalog.catalog.matches(CatalogQuery(topics: ["welcoming"], sort: .newest), limit: 50)
            #expect(entries.count == expected.count)
            let ids = try document.nodes(forXPath: "//*[local-name()='entry']/*[local-name()='id']").map { $0.stringValue ?? "" }
            #expect(ids == expected.map(AtomFeed.entryID))
            #expect(feed.body.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"http://localhost/fr/practices.atom?topic=welcoming\"/>"))
            #expect(feed.body.contains("xml:lang=\"fr\""))
            #expect(try document.nodes(forXPath: "/*[local-name()='feed']/*[local-name()='updated']").count == 1)
        }
    }

    @Test("Sitemaps list every practice and landing page in every language with alternates; robots.txt names them")
    func sitemaps() async throws {
        try await withSite { client, site in
            let index = try await Self.fetch(client, "/sitemap.xml")
            #expect(index.body.contains("<loc>http://localhost/sitemaps/1.xml</loc>"))
            let part = try await Self.fetch(client, "/sitemaps/1.xml")
            _ = try XMLDocument(xmlString: part.body)
            for practice in site.site.catalog.catalog.practices {
                for language in Localizer.languages {
                    #expect(part.body.contains("<loc>http://localhost\(Route.practice(practice.slug).path(language))</loc>"))
                }
            }
            #expect(part.body.contains("hreflang=\"fr\" href=\"http://localhost/fr/topics/welcoming\""))
            #expect(try await Self.fetch(client, "/sitemaps/2.xml").status == .notFound)
            let robots = try await Self.fetch(client, "/robots.txt")
            #expect(robots.body.contains("Sitemap: http://localhost/sitemap.xml"))
            #expect(robots.body.contains("Disallow: /review"))
        }
    }

    @Test("Pages offer their data: downloads and feed on lists, alternates in the head, JSON-LD on practices and /data")
    func pagesLinkTheirData() async throws {
        try await withSite { client, _ in
            let list = try await client.get("/practices?topic=welcoming&sort=title")
            let total = Int(list.showing.split(separator: " ").last { Int($0) != nil } ?? "") ?? -1
            #expect(list.link("CSV") == "/practices.csv?topic=welcoming&sort=title")
            #expect(list.document.first("span", class: "data-label")?.plainText == "Download these \(total) results:")
            #expect(list.link("Subscribe (Atom feed)") == "/practices.atom?topic=welcoming")
            #expect(list.document.first("link", where: { $0["type"] == "application/atom+xml" })?["href"] == "/practices.atom?topic=welcoming")
            let topic = try await client.get("/fr/topics/welcoming")
            #expect(topic.document.first("link", where: { $0["type"] == "text/csv" })?["href"] == "/fr/practices.csv?topic=welcoming")
            let practice = try await client.get("/practices/anti-rumour-network")
            let script = try #require(practice.document.first("script", where: { $0["type"] == "application/ld+json" }))
            let data = try #require(try JSONSerialization.jsonObject(with: Data(HTMLNode.decode(script.plainText).utf8)) as? [String: Any])
            #expect(data["@type"] as? String == "Report")
            #expect(((data["spatialCoverage"] as? [[String: Any]])?.first?["@type"]) as? String == "City")
            #expect(practice.document.first("link", where: { $0["type"] == "application/json" })?["href"] == "/api/v1/practices/anti-rumour-network")
            let dataPage = try await client.get("/fr/data")
            #expect(dataPage.h1 == "Données ouvertes")
            #expect(dataPage.document.first("a", where: { $0["rel"] == "license" })?["href"] == "https://creativecommons.org/licenses/by/4.0/")
            #expect(dataPage.body.contains("\"@type\":\"Dataset\""))
            #expect(try await client.get("/api").status == .ok)
        }
    }

    @Test("The codebook describes every column of the CSV export, in CSV on the Web metadata")
    func codebook() async throws {
        try await withSite { client, _ in
            let codebook = try await Self.fetch(client, "/data/codebook.json").json
            #expect(codebook["@context"] as? String == "http://www.w3.org/ns/csvw")
            let columns = try #require((codebook["tableSchema"] as? [String: Any])?["columns"] as? [[String: Any]])
            #expect(columns.map { $0["name"] as? String ?? "" } == ExchangeWriter(format: .csv).fields.map(\.rawValue))
            for column in columns {
                let descriptions = column["dc:description"] as? [String: String] ?? [:]
                #expect(descriptions.count == Localizer.languages.count && descriptions.values.allSatisfy { $0.count > 10 && !$0.hasPrefix("codebook_") },
                        "\(column["name"] ?? "")")
            }
            #expect(columns.first { $0["name"] as? String == "cities" }?["separator"] as? String == "; ")
            let catalog = try await Self.fetch(client, "/data/catalog.jsonld").json
            #expect(catalog["@type"] as? String == "dcat:Catalog")
        }
    }

    @Test("A download is named after what was asked")
    func fileNames() {
        #expect(DataController.fileName(for: CatalogQuery(), version: 3) == "mosaic-practices-v3")
        #expect(DataController.fileName(for: CatalogQuery(text: "Café rumours", topics: ["education"], countries: ["PT", "ES"]), version: 12)
                == "mosaic-practices-cafe-rumours-education-pt-es-v12")
    }
}

@Suite("Available in my language")
struct AvailableInMyLanguageTests {
    @Test("The catalogue keeps only practices written in or translated into the reader's language, in the page, its facets and the API")
    func availableOnly() async throws {
        try await withSite { client, site in
            let catalog = site.site.catalog.catalog
            let readable = catalog.practices.filter { $0.language == "fr" || $0.translations["fr"] != nil }
            #expect(!readable.isEmpty && readable.count < catalog.count)
            let page = try await client.get("/fr/practices?available=1&per_page=100")
            #expect(page.cards.count == readable.count)
            #expect(page.document.first("a", class: "facet-value", where: { $0.plainText.contains("Disponibles en français") })?["class"]?.contains("is-selected") == true)
            #expect(page.document.first("a", class: "chip", where: { $0.plainText.contains("Disponibles en français") }) != nil)
            // Facet counts count only those practices, and their links keep the filter.
            let topics = page.facet("topic").values.reduce(0, +)
            #expect(topics == readable.reduce(0) { $0 + $1.topics.count })
            let link = try #require(page.document.first("a", class: "facet-value", where: { $0["href"]?.contains("topic=") == true })?["href"])
            #expect(link.contains("available=1"))
            // The same in the API, and the English reader's own selection.
            let api = try await OpenDataTests.fetch(client, "/fr/api/v1/practices?available=1")
            #expect(api.json["total"] as? Int == readable.count)
            let english = catalog.practices.filter { $0.language == "en" || $0.translations["en"] != nil }.count
            #expect(try await OpenDataTests.fetch(client, "/api/v1/practices?available=1").json["total"] as? Int == english)
            #expect(try await OpenDataTests.fetch(client, "/api/v1/practices?available=yes").status == .badRequest)
        }
    }
}
