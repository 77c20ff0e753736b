import Foundation
import Testing
import MosaicCore
@testable import MosaicStore
@testable import MosaicTestSupport

/// The behaviour every `PracticeStore` must have, on SQLite and (when the tests have a server) on
/// PostgreSQL: each test runs once per engine.
@Suite("Practice store conformance")
struct StoreConformanceTests {
    typealias Factory = @Sendable () async throws -> (store: any PracticeStore, cleanup: @Sendable () async -> Void)

    static func factory(_ engine: TestEngine) -> Factory {
        {
            let database = try await TemporaryDatabase.make(engine)
            return (database.store, { await database.close() })
        }
    }

    static let implementations: [(String, Factory)] = TestEngine.all.map { ($0.rawValue, factory($0)) }
    static var names: [String] { implementations.map(\.0) }

    private func withStore(_ name: String, _ body: (any PracticeStore) async throws -> Void) async throws {
        let factory = Self.implementations.first { $0.0 == name }!.1
        let (store, cleanup) = try await factory()
        do { try await body(store) } catch { await cleanup(); throw error }
        await cleanup()
    }

    @Test("practices of given cities, in given statuses, names compared without case", arguments: names)
    func practicesInCities(_ name: String) async throws {
        try await withStore(name) { store in
            let lisbon = samplePractice("Lisbon walks", cities: ["Lisbon", "Sintra"])
            let porto = samplePractice("Porto walks", cities: ["Porto"])
            let draft = samplePractice("Lisbon draft", cities: ["LISBON"], status: .draft)
            let offline = samplePractice("Sintra offline", cities: ["Sintra"], status: .unpublished)
            try await store.save([lisbon, porto, draft, offline].map { .create($0) }, by: "test")
            #expect(try await store.practices(inCities: ["lisbon"], statuses: [.published]).map(\.title) == ["Lisbon walks"])
            #expect(try await store.practices(inCities: ["Lisbon", "Sintra"], statuses: [.published, .unpublished]).map(\.title)
                    == ["Lisbon walks", "Sintra offline"])
            #expect(try await store.practices(inCities: ["Lisbon"], statuses: [.draft]).map(\.title) == ["Lisbon draft"])
            #expect(try await store.practices(inCities: [], statuses: [.published]).isEmpty)
        }
    }

    @Test("a saved practice reads back whole", arguments: names)
    func roundTrip(_ name: String) async throws {
        try await withStore(name) { store in
            var practice = samplePractice()
            practice.cities = ["Lisbon", "Setúbal", "Amadora"]
            practice.sections[.impact] = "More than 300 people\n\n- one\n- two"
            practice.translations["de"] = Practice.Translation(subtitle: "Ein Untertitel", sections: [.process: "So geht es."])
            try await store.save([.create(practice)], by: "test")
            let read = try await store.practice(id: practice.id)
            #expect(read == practice)
            #expect(try await store.count(statuses: nil) == 1)
            #expect(try await store.count(statuses: [.draft]) == 0)
        }
    }

    @Test("every save records a revision with who and when", arguments: names)
    func revisions(_ name: String) async throws {
        try await withStore(name) { store in
            var practice = samplePractice()
            try await store.save([.create(practice)], by: "alice", note: "first")
            practice.title = "Welcome desk, second version"
            try await store.save([.update(practice)], by: "bob")
            let revisions = try await store.revisions(of: practice.id)
            #expect(revisions.map(\.number) == [1, 2])
            #expect(revisions.map(\.author) == ["alice", "bob"])
            #expect(revisions[0].note == "first")
            #expect(revisions[0].practice()?.title == "Welcome desk for newcomers")
            #expect(revisions[1].practice() == practice)
        }
    }

    @Test("a changed slug keeps redirecting, and slugs stay unique", arguments: names)
    func slugHistory(_ name: String) async throws {
        try await withStore(name) { store in
            var practice = samplePractice()
            try await store.save([.create(practice)], by: "test")
            practice.slug = Slug(rawValue: "lisbon-welcome-desk")!
            try await store.save([.update(practice)], by: "test")
            #expect(try await store.lookup(slug: Slug(rawValue: "lisbon-welcome-desk")!) == .current(practice.id))
            #expect(try await store.lookup(slug: Slug(rawValue: "welcome-desk-for-newcomers")!)
                    == .former(practice.id, currentSlug: Slug(rawValue: "lisbon-welcome-desk")!))
            #expect(try await store.lookup(slug: Slug(rawValue: "nothing-here")!) == nil)

            let other = samplePractice("Other", slug: "welcome-desk-for-newcomers")
            await #expect(throws: StoreError.slugTaken(Slug(rawValue: "welcome-desk-for-newcomers")!, by: practice.id)) {
                try await store.save([.create(other)], by: "test")
            }
            // Taking back its own former slug is allowed.
            practice.slug = Slug(rawValue: "welcome-desk-for-newcomers")!
            try await store.save([.update(practice)], by: "test")
            #expect(try await store.lookup(slug: practice.slug) == .current(practice.id))
            #expect(try await store.lookup(slug: Slug(rawValue: "lisbon-welcome-desk")!)
                    == .former(practice.id, currentSlug: practice.slug))
        }
    }

    @Test("a failed write leaves nothing behind", arguments: names)
    func atomicWrites(_ name: String) async throws {
        try await withStore(name) { store in
            let first = samplePractice("First")
            try await store.save([.create(first)], by: "test")
            let before = try await dump(store)
            let second = samplePractice("Second")
            await #expect(throws: StoreError.alreadyExists(first.id)) {
                try await store.save([.create(second), .create(first)], by: "test")
            }
            await #expect(throws: StoreError.notFound(Practice.ID(rawValue: "missing"))) {
                try await store.save([.update(samplePractice("Missing", id: "missing"))], by: "test")
            }
            #expect(try await dump(store) == before)
        }
    }

    @Test("pages follow creation order and filter by status", arguments: names)
    func paging(_ name: String) async throws {
        try await withStore(name) { store in
            var practices: [Practice] = []
            for n in 0..<7 {
                var practice = samplePractice("Practice \(n)", status: n % 2 == 0 ? .published : .draft)
                practice.createdAt = Date(timeIntervalSince1970: 1_700_000_000 + Double(n / 2) * 60)
                practices.append(practice)
            }
            try await store.save(practices.reversed().map { .create($0) }, by: "test")
            let all = try await store.allPractices(pageSize: 2)
            let expected = practices.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
            #expect(all.map(\.id) == expected.map(\.id))
            let published = try await store.allPractices(statuses: [.published], pageSize: 3)
            #expect(published.map(\.id) == expected.filter { $0.status == .published }.map(\.id))
        }
    }

    @Test("keys list ids, current and former slugs", arguments: names)
    func keys(_ name: String) async throws {
        try await withStore(name) { store in
            var practice = samplePractice()
            try await store.save([.create(practice)], by: "test")
            practice.slug = Slug(rawValue: "renamed")!
            try await store.save([.update(practice)], by: "test")
            let keys = try await store.keys()
            #expect(keys.identities[practice.id] == PracticeKeys.Identity(title: practice.title, country: practice.country))
            #expect(keys.owner(of: Slug(rawValue: "renamed")!) == practice.id)
            #expect(keys.owner(of: Slug(rawValue: "welcome-desk-for-newcomers")!) == practice.id)
        }
    }
}

@Suite("SQLite set-up")
struct SQLiteSetupTests {
    @Test func walModeBusyTimeoutAndForeignKeys() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mosaic-pragma-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let access = try await SQLiteAccess.open(path: folder.appendingPathComponent("db.sqlite").path)
        #expect(try await access.pragma("journal_mode") == "wal")
        #expect(try await access.pragma("busy_timeout") == "\(SQLiteAccess.busyTimeoutMilliseconds)")
        #expect(try await access.pragma("foreign_keys") == "1")
        try await access.close()
    }

    @Test func migrationsRunOnceAndAreRecorded() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mosaic-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        let first = try await SQLPracticeStore.openSQLite(path: path)
        try await first.save([.create(samplePractice())], by: "test")
        try await first.close()
        let second = try await SQLPracticeStore.openSQLite(path: path)
        #expect(try await second.count(statuses: nil) == 1)
        let versions = try await second.access.withDatabase { db in
            try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all().map { try $0.decode(column: "version", as: Int.self) }
        }
        #expect(versions == Migrations.all.map(\.version))
        try await second.close()
    }
}
