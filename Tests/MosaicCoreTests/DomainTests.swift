import Foundation
import Testing
@testable import MosaicCore

@Suite("Folding, slugs, countries and topics")
struct DomainTests {
    @Test(arguments: [
        ("Neuchâtel", "neuchatel"), ("Łódź", "lodz"), ("Straße", "strasse"), ("Ærøskøbing", "aeroskobing"),
        ("Œuvre", "oeuvre"), ("Đakovo", "dakovo"), ("İzmir", "izmir"),
        ("Нови Сад", "novi sad"), ("Αθήνα", "athina"), ("Genève – Zürich", "geneve - zurich"), ("Þingvellir", "thingvellir"),
    ])
    func folding(_ input: String, _ expected: String) {
        #expect(TextFolding.fold(input) == expected)
    }

    @Test(arguments: [
        ("Café Europa – Neuchâtel", "cafe-europa-neuchatel"), ("The city's welcome desk!", "the-citys-welcome-desk"),
        ("  --Anti-rumour   network--  ", "anti-rumour-network"), ("Łódź 2020", "lodz-2020"), ("Нови Сад", "novi-sad"),
        ("???", "practice"), ("", "practice"),
    ])
    func slugs(_ title: String, _ expected: String) {
        #expect(Slug(making: title).rawValue == expected)
        #expect(Slug(rawValue: Slug(making: title).rawValue) != nil, "made slugs are well formed")
    }

    @Test func longTitlesAreCutAtAWordBoundary() {
        let slug = Slug(making: String(repeating: "intercultural ", count: 20))
        #expect(slug.rawValue.count <= Slug.maximumLength)
        #expect(!slug.rawValue.hasSuffix("-"))
        #expect(slug.rawValue.split(separator: "-").allSatisfy { $0 == "intercultural" })
    }

    @Test func slugsAreCheckedAndNumbered() {
        #expect(Slug(rawValue: "Upper") == nil)
        #expect(Slug(rawValue: "two--hyphens") == nil)
        #expect(Slug(rawValue: "-edge") == nil)
        #expect(Slug(rawValue: "ok-1") != nil)
        #expect(Slug(making: "x").numbered(1).rawValue == "x")
        #expect(Slug(making: "x").numbered(3).rawValue == "x-3")
    }

    @Test(arguments: [
        ("PT", "PT"), ("pt", "PT"), ("Portugal", "PT"), ("United Kingdom", "GB"), ("UK", "GB"), ("South Korea", "KR"),
        ("Czechia", "CZ"), ("Czech Republic", "CZ"), ("Türkiye", "TR"), ("Turkey", "TR"), ("turkiye", "TR"),
        ("The Netherlands", "NL"), ("Côte d'Ivoire", "CI"), ("Allemagne", "DE"), ("Kosovo", "XK"), ("Republic of Moldova", "MD"),
    ])
    func countries(_ text: String, _ code: String) {
        #expect(CountryList.standard.find(text)?.code.rawValue == code)
    }

    @Test func countryNamesInBothLanguages() throws {
        let germany = try #require(CountryList.standard.find("DE"))
        #expect(germany.name(in: "en") == "Germany")
        #expect(germany.name(in: "fr") == "Allemagne")
        #expect(CountryList.standard.find("Atlantis") == nil)
        #expect(CountryList.standard.all.count >= 249)
    }

    @Test func taxonomyIsTheIndexAreasInEnglishAndFrench() throws {
        let taxonomy = Taxonomy.standard
        #expect(taxonomy.topics.count == 17)
        #expect(taxonomy.topics.allSatisfy { $0.labels["en"] != nil && $0.labels["fr"] != nil })
        #expect(taxonomy.find("welcoming")?.key.rawValue == "welcoming")
        #expect(taxonomy.find("Welcoming newcomers")?.key.rawValue == "welcoming")
        #expect(taxonomy.find("ACCUEIL DES NOUVEAUX ARRIVANTS")?.key.rawValue == "welcoming")
        #expect(taxonomy.find("Education")?.key.rawValue == "education")
        #expect(taxonomy.find("éducation")?.key.rawValue == "education")
        #expect(taxonomy.find("gardening") == nil)
        #expect(try #require(taxonomy[Topic.Key(rawValue: "media")]).label(in: "fr") == "Médias et communication")
    }

    @Test func aDeploymentCanReplaceTheTaxonomy() throws {
        let taxonomy = try Taxonomy(json: Data(#"[{"key": "housing", "labels": {"en": "Housing", "fr": "Logement"}}]"#.utf8))
        #expect(taxonomy.find("logement")?.key.rawValue == "housing")
    }

    @Test func languageTags() {
        #expect(LanguageTag.normalize("EN") == "en")
        #expect(LanguageTag.normalize("sr_latn") == "sr-Latn")
        #expect(LanguageTag.normalize("pt-br") == "pt-BR")
        #expect(LanguageTag.normalize("english") == nil)
        #expect(LanguageTag.normalize("") == nil)
    }

    @Test func teaserIsCutAtAWordWithAnEllipsis() {
        var practice = Practice(slug: Slug(making: "t"), title: "T", country: Country.Code(rawValue: "PT"))
        #expect(practice.teaser() == "")
        practice.sections[.process] = "Short process."
        #expect(practice.teaser() == "Short process.")
        practice.sections[.purpose] = "Purpose: " + String(repeating: "welcome newcomers warmly, ", count: 20)
        let teaser = practice.teaser()
        #expect(teaser.hasPrefix("Purpose: welcome"))
        #expect(teaser.hasSuffix("…"))
        #expect(teaser.count <= 201)
        #expect(!teaser.dropLast().hasSuffix(" ") && !teaser.dropLast().hasSuffix(","))
    }

    @Test(arguments: ["  a  b\n\nc\t", "Café\u{00A0}\u{00A0}crème\u{2009}brûlée", "x\u{3000}y\u{2028}z", "plain", "", "  ", "é\r\n\u{202F}ü", "\u{1680}ogham"])
    func collapsingWhitespaceByBytesMatchesScalars(_ text: String) {
        #expect(text.collapsingWhitespace == text.collapsingWhitespaceByScalars)
    }

    @Test func timestampsAreRFC3339InUTC() throws {
        let date = try #require(Timestamp.parse("2024-05-01T11:30:00+02:00"))
        #expect(Timestamp.format(date) == "2024-05-01T09:30:00Z")
        #expect(Timestamp.parse("2024-05-01").map(Timestamp.format) == "2024-05-01T00:00:00Z")
        #expect(Timestamp.parse("yesterday") == nil)
    }

    @Test("Timestamps are formatted as Foundation's ISO 8601 formatter does, across the years")
    func timestampsMatchFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var random = SeededGenerator(seed: 5)
        // From 1601 (Foundation's proleptic calendar agrees from there) to 9999.
        for _ in 0..<2000 {
            let date = Date(timeIntervalSince1970: Double(Int64.random(in: -11_644_473_600...253_402_300_799, using: &random)))
            #expect(Timestamp.format(date) == formatter.string(from: date))
        }
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 951_782_399.9)) == "2000-02-28T23:59:59Z")
    }

    @Test func editDistance() {
        #expect(EditDistance.between("tittle", "title", limit: 2) == 1)
        #expect(EditDistance.between("form", "from", limit: 2) == 1)
        #expect(EditDistance.between("abc", "xyz", limit: 2) == 3)
    }
}

@Suite("Validation and the exchange format")
struct ExchangeTests {
    func practice() -> Practice {
        Practice(slug: Slug(making: "t"), title: "Title", country: Country.Code(rawValue: "PT"),
                 sections: [.purpose: "x"], status: .published)
    }

    @Test func validationReturnsEveryProblemAtOnce() {
        var p = practice()
        p.title = ""
        p.country = Country.Code(rawValue: "ZZ")
        p.sections = [:]
        p.links = [Practice.Link(title: "x", url: "javascript:alert(1)"), Practice.Link(title: "y", url: "ftp://example.org")]
        p.contact.email = "not-an-address"
        p.periodStart = 2020
        p.periodEnd = 2010
        let fields = PracticeValidator().validate(p).map(\.field)
        #expect(fields.sorted() == ["contact_email", "country", "links", "links", "period_end", "purpose", "title"])
    }

    @Test func aValidPracticeHasNoIssue() {
        #expect(PracticeValidator().validate(practice()).isEmpty)
    }

    @Test func patchReadsEveryFieldAndNamesTypeErrors() {
        let patch = PracticePatch(record: [
            "id": .number(42), "title": .string("  Anti-rumour\nnetwork "), "country": .string("Spain"),
            "cities": .array([.string("Barcelona"), .string(" ")]), "topics": .string("media; Anti-discrimination"),
            "period_start": .string("soon"), "ongoing": .string("yes"), "links": .object([:]), "language": .string("ES"),
        ])
        #expect(patch.values.id.rawValue == "42")
        #expect(patch.values.title == "Anti-rumour network")
        #expect(patch.values.country.rawValue == "ES")
        #expect(patch.values.cities == ["Barcelona"])
        #expect(patch.values.topics.map(\.rawValue) == ["media", "anti-discrimination"])
        #expect(patch.values.language == "es")
        #expect(Set(patch.issues.map(\.field)) == ["period_start", "links"])
    }

    @Test func absentFieldsAreKeptAndNullClears() {
        var base = practice()
        base.subtitle = "Kept"
        base.source = "Cleared"
        base.period = "2019"
        base.derivePeriod()
        let patch = PracticePatch(record: ["source": .null, "period": .string("Since 2016")])
        let merged = patch.applied(to: base)
        #expect(merged.subtitle == "Kept")
        #expect(merged.source == nil)
        #expect((merged.periodStart, merged.periodEnd, merged.ongoing) == (2016, nil, true))
    }

    @Test func csvQuotesAndParses() {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n1,2,3"
        let (rows, errors) = CSV.parse(text)
        #expect(errors.isEmpty)
        #expect(rows.map(\.cells) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["1", "2", "3"]])
        #expect(rows.map(\.line) == [1, 2, 5])
        #expect(CSV.quote("plain") == "plain")
        #expect(CSV.quote("a,b") == "\"a,b\"")
        #expect(CSV.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }

    @Test func csvReportsAnUnclosedQuoteAtItsLine() {
        let (_, errors) = CSV.parse("a,b\n1,\"open\n2,3\n")
        #expect(errors.map(\.line) == [2])
    }

    @Test func csvLinksAndLists() {
        #expect(ExchangeReader.csvValue("Report <https://a.example/r.pdf>; <https://b.example>", for: .links) == .array([
            .object(["title": .string("Report"), "url": .string("https://a.example/r.pdf")]),
            .object(["title": .string(""), "url": .string("https://b.example")]),
        ]))
        #expect(ExchangeReader.csvValue("Lisbon; Porto", for: .cities) == .array([.string("Lisbon"), .string("Porto")]))
        #expect(ExchangeReader.csvValue("", for: .subtitle) == .null)
    }

    @Test func jsonWriterEscapes() {
        var out = ""
        JSONWriter.appendString("a\"b\\c\n\u{1}\u{2028}é", to: &out)
        #expect(out == #""a\"b\\c\n\u0001\u2028é""#)
    }

    @Test("Any text written as a JSON string reads back the same, with no raw control or line-separator character")
    func jsonStringsRoundTrip() throws {
        var random = SeededGenerator(seed: 8)
        let pieces = ["a", "Zz", "\"", "\\", "\n", "\r", "\t", "\u{1}", "\u{1F}", " ", "é", "€", "\u{2028}", "\u{2029}", "\u{2027}", "🎉", "0123456789", "abcdefgh"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...24, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            var json = JSONWriter()
            json.stringArray([text])
            let output = json.output
            #expect(!output.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" })
            let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String]
            #expect(parsed == [text], "\(text.debugDescription)")
        }
    }

    @Test func writtenLinesReadBackToTheSamePractice() throws {
        var original = SyntheticCatalog(seed: 3).practice(7)
        original.contact = Practice.Contact(name: "N", organisation: "O", email: "n@example.org")
        original.translations["fr"] = Practice.Translation(title: "Titre", period: "depuis 2015", sections: [.impact: "Impact"])
        let line = ExchangeWriter(format: .jsonl, includePrivate: true).jsonLine(original)
        guard case .success(let fields) = ExchangeReader.decodeJSONLine(Data(line.utf8), line: 1) else {
            Issue.record("not JSON: \(line)")
            return
        }
        let patch = PracticePatch(record: fields)
        #expect(patch.issues.isEmpty)
        let read = patch.applied(to: Practice(slug: Slug(making: "x"), title: "", country: Country.Code(rawValue: "")))
        #expect(read == original)
    }

    @Test func generatorIsDeterministicAndValid() {
        let a = SyntheticCatalog(seed: 5), b = SyntheticCatalog(seed: 5)
        for n in 0..<200 {
            #expect(a.practice(n) == b.practice(n))
            #expect(PracticeValidator().validate(a.practice(n)).isEmpty, "\(n)")
        }
        #expect(SyntheticCatalog(seed: 6).practice(0) != a.practice(0))
    }
}

@Suite("JSON parsing")
struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(Array(#" {"a": [1, -2.5e1, true, false, null], "b": "caf\u00e9 \ud83d\ude00 \"q\" \\ \n", "c": {}} "#.utf8))
        #expect(value == .object([
            "a": .array([.number(1), .number(-25), .bool(true), .bool(false), .null]),
            "b": .string("café 😀 \"q\" \\ \n"), "c": .object([:]),
        ]))
    }

    @Test(arguments: [
        (#"{"a": 1,}"#, 9), (#"{"a" 1}"#, 6), (#"{"a": tru}"#, 7), (#"["unclosed"#, 11), (#"{"a": 1} x"#, 10), ("{\"a\": \"raw\nbreak\"}", 11),
    ])
    func reportsWhereItGoesWrong(_ text: String, _ column: Int) {
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(Array(text.utf8)) }
        do {
            _ = try JSONParser.parse(Array(text.utf8))
        } catch {
            #expect(error.column == column, "\(error)")
        }
    }
}
