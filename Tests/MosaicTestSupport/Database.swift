import Foundation
import MosaicCore
@testable import MosaicStore

/// The database engines the store tests run on: SQLite always, and PostgreSQL when
/// `MOSAIC_TEST_POSTGRES_URL` names a server (`.ci/run` starts one). When it is set, a server that does
/// not answer fails the tests; they are never skipped.
enum TestEngine: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"

    var description: String { rawValue }

    static let postgresURL: String? = ProcessInfo.processInfo.environment["MOSAIC_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    static var all: [TestEngine] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }
}

/// A connection to the test server's maintenance database, opened once, which creates and drops
/// each test's own database.
private actor PostgresTestServer {
    static let shared = PostgresTestServer()
    private var admin: PostgresAccess?

    func access() async throws -> (PostgresAccess, PostgresAddress) {
        guard let url = TestEngine.postgresURL else { throw DatabaseAddressError(message: "MOSAIC_TEST_POSTGRES_URL is not set") }
        let address = try PostgresAddress(url)
        if let admin { return (admin, address) }
        let opened = try await PostgresAccess.open(address)
        admin = opened
        return (opened, address)
    }
}

/// A real database in a fresh temporary folder (SQLite) or a fresh database on the test server
/// (PostgreSQL), removed when the test is done.
final class TemporaryDatabase: @unchecked Sendable {
    let folder: URL
    let store: SQLPracticeStore
    let engine: TestEngine
    /// The PostgreSQL database's name, to drop it afterwards.
    private let postgresName: String?

    var path: String { folder.appendingPathComponent("mosaic.sqlite").path }

    /// What `--database` would say for this database.
    let location: DatabaseLocation

    private init(folder: URL, store: SQLPracticeStore, engine: TestEngine, location: DatabaseLocation, postgresName: String?) {
        self.folder = folder
        self.store = store
        self.engine = engine
        self.location = location
        self.postgresName = postgresName
    }

    static func make(_ engine: TestEngine = .sqlite) async throws -> TemporaryDatabase {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mosaic-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        switch engine {
        case .sqlite:
            let location = DatabaseLocation.sqlite(path: folder.appendingPathComponent("mosaic.sqlite").path)
            return TemporaryDatabase(folder: folder, store: try await SQLPracticeStore.open(location), engine: engine,
                                     location: location, postgresName: nil)
        case .postgres:
            let name = try await makePostgresDatabase()
            let location = DatabaseLocation.postgres(try await PostgresTestServer.shared.access().1.database(name))
            return TemporaryDatabase(folder: folder, store: try await SQLPracticeStore.open(location), engine: engine,
                                     location: location, postgresName: name)
        }
    }

    /// An empty database on the test server, for a test's own use.
    static func makePostgresDatabase() async throws -> String {
        let (admin, _) = try await PostgresTestServer.shared.access()
        let name = "mosaic_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin.withDatabase { db in try await db.raw("CREATE DATABASE \(ident: name)").run() }
        return name
    }

    static func dropPostgresDatabase(_ name: String) async {
        guard let (admin, _) = try? await PostgresTestServer.shared.access() else { return }
        try? await admin.withDatabase { db in try await db.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run() }
    }

    /// Writes a file beside the database and returns it ready to import.
    func file(_ name: String, _ content: String) throws -> ImportFile {
        try file(name, Data(content.utf8))
    }

    func file(_ name: String, _ data: Data) throws -> ImportFile {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return try ImportFile(path: url.path)
    }

    func close() async {
        try? await store.close()
        if let postgresName { await Self.dropPostgresDatabase(postgresName) }
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Runs `body` with a fresh database and always cleans up.
func withDatabase(_ engine: TestEngine = .sqlite, _ body: (TemporaryDatabase) async throws -> Void) async throws {
    let database = try await TemporaryDatabase.make(engine)
    do {
        try await body(database)
    } catch {
        await database.close()
        throw error
    }
    await database.close()
}

func samplePractice(_ title: String = "Welcome desk for newcomers", id: String? = nil, slug: String? = nil,
                    country: String = "PT", cities: [String] = ["Lisbon"], status: Practice.Status = .published) -> Practice {
    var practice = Practice(
        id: id.map(Practice.ID.init(rawValue:)) ?? .generate(),
        slug: slug.flatMap(Slug.init(rawValue:)) ?? Slug(making: title),
        title: title, country: Country.Code(rawValue: country), cities: cities, period: "2019 - ongoing",
        topics: [Topic.Key(rawValue: "welcoming")], sections: [.purpose: "Purpose: help newcomers find their way."],
        links: [Practice.Link(title: "Report", url: "https://example.org/report.pdf")],
        contact: Practice.Contact(name: "Ana", email: "ana@example.org"),
        translations: ["fr": Practice.Translation(title: "Guichet d'accueil")],
        status: status, createdAt: Date(timeIntervalSince1970: 1_700_000_000))
    practice.derivePeriod()
    return practice
}

/// A snapshot of everything in the database, to prove that a refused import changed nothing.
func dump(_ store: any PracticeStore) async throws -> String {
    let exported = try await CatalogExporter(store: store, writer: ExchangeWriter(format: .jsonl, includePrivate: true)).exportString()
    var revisions = ""
    for practice in try await store.allPractices() {
        for revision in try await store.revisions(of: practice.id) { revisions += "\(revision.practiceID) \(revision.number)\n" }
    }
    return exported + revisions
}
