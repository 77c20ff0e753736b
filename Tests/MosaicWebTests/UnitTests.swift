import Foundation
import Testing
import MosaicCore
import MosaicSearch
@testable import MosaicWeb
@testable import MosaicTestSupport

@Suite("Views, URLs and texts")
struct UnitTests {
    @Test func everyInterfaceTextExistsInBothLanguages() throws {
        let localizer = try Localizer.load()
        let english = Set(localizer.catalogs["en"]!.keys), french = Set(localizer.catalogs["fr"]!.keys)
        #expect(english.subtracting(french).isEmpty, "missing in French: \(english.subtracting(french).sorted())")
        #expect(french.subtracting(english).isEmpty, "missing in English: \(french.subtracting(english).sorted())")
        #expect(localizer.catalogs["fr"]!.allSatisfy { !$0.value.isEmpty })
    }

    @Test func everyKeyUsedByViewsExists() throws {
        let localizer = try Localizer.load()
        let english = localizer.catalogs["en"]!
        // Keys written in the web layer as t["key"] (keys made with interpolation are checked by the golden pages).
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/MosaicWeb")
        let files = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        var checked = 0
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /t\["([a-z_]+)"\]/) {
                #expect(english[String(match.1)] != nil, "\(file) uses t[\"\(match.1)\"]")
                checked += 1
            }
        }
        #expect(checked > 200)
        for field in PracticeTemplate.fields {
            #expect(english[field.labelKey] != nil && english[field.guidanceKey] != nil, "\(field.key)")
        }
    }

    @Test func queryAndURLRoundTrip() {
        let query = CatalogQuery(text: "anti-rumour café", topics: ["welcoming", "education"], countries: ["PT"], cities: ["Genève"],
                                 years: ["2019", "undated"], languages: ["fr"], sort: .title, page: 3, perPage: 50, language: "fr")
        #expect(query.url.hasPrefix("/fr/practices?q=anti-rumour%20caf%C3%A9&topic=welcoming&topic=education&country=PT&city=Gen%C3%A8ve"))
        let read = CatalogQuery(queryString: String(query.url.split(separator: "?", maxSplits: 1)[1]), language: "fr")
        #expect(read == query)
        #expect(CatalogQuery(language: "en").url == "/practices")
        #expect(CatalogQuery(queryString: "page=-4&per_page=7&sort=nonsense&q=+a+", language: "en") == CatalogQuery(text: " a ", language: "en"))
    }

    @Test func togglingAFacetGoesBackToTheFirstPage() {
        let query = CatalogQuery(countries: ["PT"], page: 4, language: "en")
        #expect(query.toggling(.country, "ES").url == "/practices?country=PT&country=ES")
        #expect(query.toggling(.country, "PT").url == "/practices")
    }

    @Test func togglingManyValuesGivesTheSameURLsAsOneByOne() {
        let query = CatalogQuery(text: "café & co", topics: ["welcoming"], countries: ["PT", "ES"], years: ["2019"],
                                 sort: .title, page: 3, perPage: 50, language: "fr")
        for facet in CatalogQuery.Facet.allCases {
            let values = ["PT", "ES", "FR", "welcoming", "education", "2019", "undated", "Genève", "a&b=c", "fr"]
            #expect(query.togglingURLs(facet, values) == values.map { query.toggling(facet, $0).url }, "\(facet)")
        }
        #expect(CatalogQuery(language: "en").togglingURLs(.topic, ["media"]) == ["/practices?topic=media"])
    }

    @Test func practiceTextIsFormattedAfterEscaping() {
        let html = PracticeText.html("First <b>para</b>.\nSecond line & more.\n\n- one https://example.org/x?a=1&b=2.\n- two\n\nEnd")
        #expect(html == """
            <p>First &lt;b&gt;para&lt;/b&gt;.<br>
            Second line &amp; more.</p>
            <ul>
            <li>one <a href="https://example.org/x?a=1&amp;b=2" rel="nofollow noopener noreferrer">https://example.org/x?a=1&amp;b=2</a>.</li>
            <li>two</li>
            </ul>
            <p>End</p>

            """)
        #expect(PracticeText.html("javascript:alert(1) \"quoted\"") == "<p>javascript:alert(1) &quot;quoted&quot;</p>\n")
    }

    @Test func htmlEscapesEveryInterpolatedText() {
        let value = "<b>\"Tom\" & 'Jerry'</b> é"
        let html: HTML = "<p title=\"\(value)\">\(value)</p>"
        #expect(html.description == "<p title=\"&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt; é\">&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt; é</p>")
        let inner: HTML = "<em>\(value)</em>"
        #expect("<p>\(inner)</p>" as HTML == HTML(trusted: "<p><em>&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt; é</em></p>"))
        let nothing: String? = nil
        #expect("[\(nothing)]" as HTML == "[]")
        #expect(HTML.escaped("no special characters: café") == "no special characters: café")
        #expect(HTML.escaped("&&") == "&amp;&amp;")
        #expect(HTML(escaping: "a<b") == HTML(trusted: "a&lt;b"))
    }

    @Test func numbersAndDatesPerLanguage() throws {
        let localizer = try Localizer.load()
        #expect(localizer.strings("en").number(12345) == "12,345")
        #expect(localizer.strings("fr").number(12345) == "12\u{202F}345")
        let date = Date(timeIntervalSince1970: 1_614_556_800) // 1 March 2021
        #expect(localizer.strings("en").date(date) == "1 March 2021")
        #expect(localizer.strings("fr").date(date) == "1er mars 2021")
        #expect(localizer.strings("fr").plural("landing_summary", 1) == "1 pratique")
        #expect(localizer.strings("en").plural("landing_summary", 0) == "0 practices")
        // French counts 0 as singular: the singular says the number it is given.
        #expect(localizer.strings("fr").plural("topic_count", 0) == "0 pratique")
        #expect(localizer.strings("fr").plural("landing_summary_cities", 0) == "dans 0 ville")
    }

    @Test func acceptLanguagePreference() {
        #expect(PublicController.preferredLanguage("fr-FR,fr;q=0.9,en;q=0.8") == "fr")
        #expect(PublicController.preferredLanguage("de-DE,de;q=0.9,en;q=0.5,fr;q=0.4") == "de")
        #expect(PublicController.preferredLanguage("ja-JP,ja;q=0.9,en;q=0.5,fr;q=0.4") == "en")
        #expect(PublicController.preferredLanguage("ja") == nil)
        #expect(PublicController.preferredLanguage("sr-Latn-RS,sr;q=0.9") == "sr")
        #expect(PublicController.preferredLanguage("fr;q=0, en") == "en")
    }
}
