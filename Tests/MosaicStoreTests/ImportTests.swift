import Foundation
import Testing
import MosaicCore
@testable import MosaicStore
@testable import MosaicTestSupport

@Suite("Importing and exporting catalogues")
struct ImportTests {
    static let good1 = #"{"title": "Anti-rumour agents", "country": "Spain", "cities": ["Barcelona"], "period": "Since 2010", "topics": ["media", "Anti-discrimination"], "purpose": "Purpose: counter rumours about migrants."}"#
    static let good2 = #"{"title": "Welcome desk", "country": "PT", "cities": ["Lisbon"], "period": "2011-14", "purpose": "Help newcomers.", "links": [{"title": "Report", "url": "https://example.org/r.pdf"}]}"#

    /// Imports a good file first, then `content`, which must be refused with exactly `expected`
    /// (line, field, start of the message), leaving the database exactly as it was.
    private func expectRefused(_ engine: TestEngine, _ name: String, _ content: Data, _ expected: [(Int, String, String)],
                               sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await withDatabase(engine) { database in
            let importer = CatalogImporter(store: database.store)
            _ = try await importer.run([try database.file("good.jsonl", Self.good1 + "\n" + Self.good2 + "\n")])
            let before = try await dump(database.store)
            let report = try await importer.run([try database.file(name, content)])
            let found = report.issues.map { ($0.issue.line, $0.issue.field, $0.issue.message) }
            #expect(found.count == expected.count, "\(found)", sourceLocation: sourceLocation)
            for (line, field, message) in expected {
                #expect(found.contains { $0.0 == line && $0.1 == field && $0.2.hasPrefix(message) },
                        "expected \(line): \(field): \(message)… in \(found)", sourceLocation: sourceLocation)
            }
            #expect(!report.written, sourceLocation: sourceLocation)
            #expect(try await dump(database.store) == before, "the database changed", sourceLocation: sourceLocation)
        }
    }

    private func expectRefused(_ engine: TestEngine, _ name: String, _ content: String, _ expected: [(Int, String, String)],
                               sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await expectRefused(engine, name, Data(content.utf8), expected, sourceLocation: sourceLocation)
    }

    @Test(arguments: TestEngine.all) func malformedJSON(_ engine: TestEngine) async throws {
        try await expectRefused(engine, "bad.jsonl", Self.good1 + "\n{\"title\": \"Broken\", \"country\": \n" + Self.good2 + "\n",
                                [(2, "record", "is not valid JSON")])
    }

    @Test(arguments: TestEngine.all) func invalidUTF8(_ engine: TestEngine) async throws {
        var data = Data((Self.good1 + "\n").utf8)
        data += Data(#"{"title": "Caf"#.utf8) + Data([0xE9]) + Data(#"", "country": "FR", "purpose": "x"}"#.utf8) + Data("\n".utf8)
        try await expectRefused(engine, "latin1.jsonl", data, [(2, "record", "is not valid UTF-8")])
    }

    @Test(arguments: TestEngine.all) func invalidUTF8InCSV(_ engine: TestEngine) async throws {
        var data = Data("title,country,purpose\nGood,PT,x\n".utf8)
        data += Data("Caf".utf8) + Data([0xE9]) + Data(",FR,x\n".utf8)
        try await expectRefused(engine, "latin1.csv", data, [(3, "record", "is not valid UTF-8")])
    }

    @Test(arguments: TestEngine.all) func unknownField(_ engine: TestEngine) async throws {
        try await expectRefused(engine, "typo.jsonl", #"{"tittle": "Oops", "title": "Typo", "country": "PT", "purpose": "x"}"# + "\n",
                                [(1, "tittle", "unknown field; did you mean \"title\"?")])
    }

    @Test(arguments: TestEngine.all) func unknownCountry(_ engine: TestEngine) async throws {
        try await expectRefused(engine, "country.jsonl", Self.good1 + "\n" + #"{"title": "Atlantis", "country": "Atlantis", "purpose": "x"}"# + "\n",
                                [(2, "country", "\"Atlantis\" is not a country")])
    }

    @Test(arguments: TestEngine.all) func unknownTopic(_ engine: TestEngine) async throws {
        try await expectRefused(engine, "topic.jsonl", #"{"title": "T", "country": "PT", "topics": ["welcoming", "Gardening"], "purpose": "x"}"# + "\n",
                                [(1, "topics", "\"Gardening\" is not a topic")])
    }

    @Test(arguments: TestEngine.all) func javascriptLink(_ engine: TestEngine) async throws {
        try await expectRefused(engine, "link.jsonl", #"{"title": "T", "country": "PT", "purpose": "x", "links": [{"title": "Click", "url": "javascript:alert(1)"}]}"# + "\n",
                                [(1, "links", "link 1 uses \"javascript:\"; only http and https links are allowed")])
    }

    @Test(arguments: TestEngine.all) func missingTitle(_ engine: TestEngine) async throws {
        try await expectRefused(engine, "title.jsonl", Self.good1 + "\n\n" + #"{"country": "PT", "purpose": "x"}"# + "\n",
                                [(3, "title", "is required")])
    }

    @Test(arguments: TestEngine.all) func sameSlugTwice(_ engine: TestEngine) async throws {
        try await expectRefused(engine, "slugs.jsonl", """
            {"slug": "shared", "title": "One", "country": "PT", "purpose": "x"}
            {"slug": "shared", "title": "Two", "country": "PT", "purpose": "x"}
            """, [(2, "slug", "\"shared\" is also used by line 1")])
    }

    @Test(arguments: TestEngine.all) func csvRowWithWrongNumberOfColumns(_ engine: TestEngine) async throws {
        try await expectRefused(engine, "columns.csv", "title,country,purpose\nGood,PT,x\n\"Bad, really\",PT,x,extra\n",
                                [(3, "record", "has 4 columns but the header has 3")])
    }

    @Test(arguments: TestEngine.all) func purposeRequiredToPublishButNotForDrafts(_ engine: TestEngine) async throws {
        try await expectRefused(engine, "nopurpose.jsonl", #"{"title": "T", "country": "PT"}"# + "\n", [(1, "purpose", "is required to publish")])
        try await withDatabase(engine) { database in
            let report = try await CatalogImporter(store: database.store)
                .run([try database.file("draft.jsonl", #"{"title": "T", "country": "PT"}"# + "\n")], options: .init(status: .draft))
            #expect(report.issues.isEmpty)
            #expect(report.created == 1)
        }
    }

    @Test(arguments: TestEngine.all) func everyProblemIsReportedNotJustTheFirst(_ engine: TestEngine) async throws {
        try await expectRefused(engine, "many.jsonl", """
            {"title": "", "country": "XX", "purpose": "x", "period_start": 1800}
            {"title": "Fine", "country": "PT", "purpose": "x", "evidence": "rumours"}
            not json
            """, [(1, "title", "is required"), (1, "country", "\"XX\" is not a country"), (1, "period_start", "1800 is outside"),
                  (2, "evidence", "\"rumours\" is not one of"), (3, "record", "is not valid JSON")])
    }

    @Test(arguments: TestEngine.all) func dryRunWritesNothing(_ engine: TestEngine) async throws {
        try await withDatabase(engine) { database in
            let report = try await CatalogImporter(store: database.store)
                .run([try database.file("a.jsonl", Self.good1 + "\n" + Self.good2 + "\n")], options: .init(dryRun: true))
            #expect(report.created == 2)
            #expect(!report.written)
            #expect(try await database.store.count(statuses: nil) == 0)
        }
    }

    @Test(arguments: TestEngine.all) func importingTwiceChangesNothing(_ engine: TestEngine) async throws {
        try await withDatabase(engine) { database in
            let importer = CatalogImporter(store: database.store)
            let files = [try database.file("a.jsonl", Self.good1 + "\n" + Self.good2 + "\n"),
                         try database.file("b.csv", "title,country,cities,period,purpose\nLanguage café,FR,Strasbourg; Lyon,depuis 2015,Practise French\n")]
            let first = try await importer.run(files)
            #expect(first.summary == "created 3, updated 0, unchanged 0")
            let before = try await dump(database.store)
            let second = try await importer.run(files)
            #expect(second.summary == "created 0, updated 0, unchanged 3")
            #expect(try await dump(database.store) == before)
        }
    }

    @Test(arguments: TestEngine.all) func derivedFieldsAreComputedWhenAbsentAndKeptWhenGiven(_ engine: TestEngine) async throws {
        try await withDatabase(engine) { database in
            _ = try await CatalogImporter(store: database.store).run([try database.file("p.jsonl", """
                {"id": "a", "title": "A", "country": "PT", "purpose": "x", "period": "2011-14"}
                {"id": "b", "title": "B", "country": "PT", "purpose": "x", "period": "around the 2012 elections", "period_start": 2011, "period_end": 2013, "ongoing": false}
                """)])
            let a = try #require(try await database.store.practice(id: Practice.ID(rawValue: "a")))
            #expect((a.periodStart, a.periodEnd, a.ongoing) == (2011, 2014, false))
            let b = try #require(try await database.store.practice(id: Practice.ID(rawValue: "b")))
            #expect((b.periodStart, b.periodEnd, b.ongoing) == (2011, 2013, false))
        }
    }

    @Test(arguments: TestEngine.all) func recordsUpdateByIdOrSlugAndKeepWhatTheyDoNotCarry(_ engine: TestEngine) async throws {
        try await withDatabase(engine) { database in
            let importer = CatalogImporter(store: database.store)
            _ = try await importer.run([try database.file("a.jsonl", """
                {"id": "p1", "slug": "welcome", "title": "Welcome", "country": "PT", "purpose": "x", "translations": {"fr": {"title": "Accueil"}}}
                """)])
            let report = try await importer.run([try database.file("b.csv", "slug,title,period\nwelcome,Welcome desk,2020\n")])
            #expect(report.summary == "created 0, updated 1, unchanged 0")
            let practice = try #require(try await database.store.practice(id: Practice.ID(rawValue: "p1")))
            #expect(practice.title == "Welcome desk")
            #expect(practice.slug.rawValue == "welcome", "the slug stays when the title changes")
            #expect(practice.translations["fr"]?.title == "Accueil", "CSV carries no translations, so they are kept")
            #expect(practice.periodStart == 2020)
            #expect(try await database.store.revisions(of: practice.id).count == 2)
        }
    }

    @Test(arguments: TestEngine.all) func practicesWithTheSameTitleGetTheirOwnSlugs(_ engine: TestEngine) async throws {
        try await withDatabase(engine) { database in
            let importer = CatalogImporter(store: database.store)
            let file = try database.file("same.jsonl", """
                {"title": "Anti-rumour strategy", "country": "ES", "cities": ["Getxo"], "purpose": "x"}
                {"title": "Anti-rumour strategy", "country": "PT", "cities": ["Amadora"], "purpose": "x"}
                """)
            #expect(try await importer.run([file]).created == 2)
            let slugs = try await database.store.allPractices().map(\.slug.rawValue).sorted()
            #expect(slugs == ["anti-rumour-strategy", "anti-rumour-strategy-2"])
            #expect(try await importer.run([file]).unchanged == 2)
        }
    }

    @Test("export, import into an empty database, export again: identical", arguments: TestEngine.all, ExchangeWriter.Format.allCases)
    func losslessRoundTrip(_ engine: TestEngine, _ format: ExchangeWriter.Format) async throws {
        try await withDatabase(engine) { source in
            let catalog = SyntheticCatalog(seed: 11)
            var practices = (0..<60).map(catalog.practice)
            practices[0].cities = ["Neuchâtel", "Genève", "Zürich"]
            practices[1].sections[.process] = "Line one, with \"quotes\"\nand a second line; with a semicolon\n\n- a list item"
            practices[2].contact = Practice.Contact(name: "Marta", organisation: "City of Porto", email: "marta@example.org")
            try await source.store.save(practices.map { .create($0) }, by: "test")
            let writer = ExchangeWriter(format: format, includePrivate: true)
            let first = try await CatalogExporter(store: source.store, writer: writer).exportString()
            try await withDatabase(engine) { target in
                let report = try await CatalogImporter(store: target.store).run([try target.file("export.\(format.rawValue)", first)])
                #expect(report.issues.isEmpty, "\(report.issues)")
                #expect(report.created == practices.count)
                let second = try await CatalogExporter(store: target.store, writer: writer).exportString()
                let difference = zip(first.split(separator: "\n"), second.split(separator: "\n")).first { $0 != $1 }
                #expect(second == first, "first difference: \(String(describing: difference))")
            }
        }
    }

    @Test(arguments: TestEngine.all) func exportLeavesContactsOutUnlessAsked(_ engine: TestEngine) async throws {
        try await withDatabase(engine) { database in
            try await database.store.save([.create(samplePractice())], by: "test")
            let open = try await CatalogExporter(store: database.store, writer: ExchangeWriter(format: .jsonl)).exportString()
            #expect(!open.contains("contact_") && !open.contains("ana@example.org"))
            let full = try await CatalogExporter(store: database.store, writer: ExchangeWriter(format: .csv, includePrivate: true)).exportString()
            #expect(full.contains("contact_email") && full.contains("ana@example.org"))
        }
    }

    @Test func unknownExtensionIsRefused() {
        #expect(throws: ImportError.unknownFormat("practices.xlsx")) { try ImportFile(path: "practices.xlsx") }
    }
}
