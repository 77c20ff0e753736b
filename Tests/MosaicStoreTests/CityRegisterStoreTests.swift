import Foundation
import Testing
import MosaicCore
@testable import MosaicStore
@testable import MosaicTestSupport

/// The city register in the database: filled from the practices, grown by every write, and merged by
/// editors, on every engine.
@Suite("City register in the store")
struct CityRegisterStoreTests {
    static let ed = Account(email: "ed@example.org", name: "Ed", role: .editor)

    static func practice(_ title: String, country: String = "UA", cities: [String]) -> Practice {
        samplePractice(title, country: country, cities: cities)
    }

    @Test("Saved practices name their cities as the register does, and new names join it", arguments: TestEngine.all)
    func savingResolves(_ engine: TestEngine) async throws {
        try await withDatabase(engine) { database in
            let store = database.store
            try await store.save([.create(Self.practice("One", country: "GB", cities: ["London-Lewisham"]))], by: "test")
            // Another spelling of the same key, in a later write: the register's name.
            let two = Self.practice("Two", country: "GB", cities: ["london lewisham", "Brighton"])
            try await store.save([.create(two)], by: "test")
            #expect(try await store.practice(id: two.id)?.cities == ["London-Lewisham", "Brighton"])
            // Two new spellings of one key in one write: one name, the first written.
            let three = Self.practice("Three", country: "FR", cities: ["Saint-Denis"]), four = Self.practice("Four", country: "FR", cities: ["saint denis"])
            try await store.save([.create(three), .create(four)], by: "test")
            #expect(try await store.practice(id: four.id)?.cities == ["Saint-Denis"])
            let names = Set(try await store.cityRegister().names)
            #expect(names == [.init(country: "GB", name: "London-Lewisham"), .init(country: "GB", name: "Brighton"),
                              .init(country: "FR", name: "Saint-Denis")])
            // The revision records the name as saved.
            #expect(try await store.revisions(of: two.id).last?.practice()?.cities == ["London-Lewisham", "Brighton"])
        }
    }

    @Test("Merging renames the practices (a revision each), keeps the old spelling as an alias, and follows accounts",
          arguments: TestEngine.all)
    func merging(_ engine: TestEngine) async throws {
        try await withDatabase(engine) { database in
            let store = database.store
            let workflow = SQLWorkflowStore(sharing: store)
            try await workflow.createAccount(Self.ed, passwordHash: "h", by: "test")
            let olena = Account(email: "olena@vinnytsia.example", name: "Olena", role: .contributor, cities: ["Vinnitsya"])
            try await workflow.createAccount(olena, passwordHash: "h", by: "test")
            let old = Self.practice("Old spelling", cities: ["Vinnitsya"])
            let both = Self.practice("Both spellings", cities: ["Vinnitsya", "Vinnytsia", "Kyiv"])
            let new = Self.practice("New spelling", cities: ["Vinnytsia"])
            try await store.save([.create(old), .create(both), .create(new)], by: "test")
            let before = try await store.catalogSequence()

            let changed = try await workflow.mergeCity(country: "UA", from: "Vinnitsya", into: "Vinnytsia", by: Self.ed)
            #expect(changed == 2)
            #expect(try await store.practice(id: old.id)?.cities == ["Vinnytsia"])
            #expect(try await store.practice(id: both.id)?.cities == ["Vinnytsia", "Kyiv"])
            #expect(try await store.revisions(of: old.id).last?.note.map(RevisionNote.init(stored:)) == .cityMerged(from: "Vinnitsya", into: "Vinnytsia"))
            #expect(try await store.revisions(of: new.id).count == 1, "a practice that named the kept name is left alone")
            #expect(try await store.catalogSequence() == before + 1)
            let register = try await store.cityRegister()
            #expect(!register.names.contains(.init(country: "UA", name: "Vinnitsya")))
            #expect(register.aliases == [.init(country: "UA", spelling: "Vinnitsya", name: "Vinnytsia")])
            #expect(try await workflow.account(email: olena.email)?.account.cities == ["Vinnytsia"])
            #expect(try await workflow.auditLog(limit: 5).contains { $0.action == .cityMerged && $0.subject == "UA: Vinnitsya" && $0.actor == Self.ed.email })

            // From now on the old spelling is the kept name, in any write.
            let later = Self.practice("Later", cities: ["VINNITSYA"])
            try await store.save([.create(later)], by: "test")
            #expect(try await store.practice(id: later.id)?.cities == ["Vinnytsia"])

            // Merging the kept name further carries the alias along.
            _ = try await workflow.mergeCity(country: "UA", from: "Vinnytsia", into: "Kyiv", by: Self.ed)
            #expect(Set(try await store.cityRegister().aliases.map(\.name)) == ["Kyiv"])

            await #expect(throws: WorkflowError.noSuchCity("Atlantis", country: "UA")) {
                try await workflow.mergeCity(country: "UA", from: "Atlantis", into: "Kyiv", by: Self.ed)
            }
            await #expect(throws: WorkflowError.sameCity) {
                try await workflow.mergeCity(country: "UA", from: "Kyiv", into: "Kyiv", by: Self.ed)
            }
        }
    }

    @Test("An import that uses a retired spelling changes nothing", arguments: TestEngine.all)
    func importsResolve(_ engine: TestEngine) async throws {
        try await withDatabase(engine) { database in
            let store = database.store
            let workflow = SQLWorkflowStore(sharing: store)
            try await workflow.createAccount(Self.ed, passwordHash: "h", by: "test")
            let importer = CatalogImporter(store: store)
            _ = try await importer.run([try database.file("a.jsonl", """
                {"id": "u1", "title": "Night school", "country": "UA", "cities": ["Vinnitsya"], "purpose": "x"}
                {"id": "u2", "title": "Language café", "country": "UA", "cities": ["Vinnytsia"], "purpose": "x"}
                """ + "\n")])
            _ = try await workflow.mergeCity(country: "UA", from: "Vinnitsya", into: "Vinnytsia", by: Self.ed)
            let report = try await importer.run([try database.file("b.jsonl", """
                {"id": "u1", "title": "Night school", "country": "UA", "cities": ["Vinnitsya"], "purpose": "x"}
                """ + "\n")])
            #expect(report.unchanged == 1, "\(report.summary)")
            #expect(try await store.practice(id: Practice.ID(rawValue: "u1"))?.cities == ["Vinnytsia"])
        }
    }

    @Test("A database from before the register gets one, filled from its practices", arguments: TestEngine.all)
    func migrationFillsTheRegister(_ engine: TestEngine) async throws {
        try await withDatabase(engine) { database in
            let b = Self.practice("B", country: "GB", cities: ["London-Lewisham"])
            try await database.store.save([.create(Self.practice("A", country: "GB", cities: ["London-Lewisham", "Leeds"])), .create(b)], by: "test")
            // As the database was before migration 6, when nothing unified spellings.
            try await database.store.access.withDatabase { db in
                for statement in ["DROP TABLE city_aliases", "DROP TABLE cities", "DELETE FROM schema_migrations WHERE version = 6",
                                  "UPDATE practice_cities SET name = 'London Lewisham' WHERE practice_id = '\(b.id.rawValue)'"] {
                    try await db.raw("\(unsafeRaw: statement)").run()
                }
            }
            let reopened = try await SQLPracticeStore.open(database.store.access)
            let names = Set(try await reopened.cityRegister().names.map(\.name))
            // Existing look-alikes are both kept (editors merge them): nothing is renamed behind their back.
            #expect(names == ["Leeds", "London Lewisham", "London-Lewisham"])
        }
    }
}
