import Foundation
import MosaicCore
@testable import MosaicStore

/// A real SQLite file in a fresh temporary folder, removed when the test is done.
final class TemporaryDatabase: @unchecked Sendable {
    let folder: URL
    let store: SQLPracticeStore

    var path: String { folder.appendingPathComponent("mosaic.sqlite").path }

    private init(folder: URL, store: SQLPracticeStore) {
        self.folder = folder
        self.store = store
    }

    static func make() async throws -> TemporaryDatabase {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mosaic-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try await SQLPracticeStore.openSQLite(path: folder.appendingPathComponent("mosaic.sqlite").path)
        return TemporaryDatabase(folder: folder, store: store)
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
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Runs `body` with a fresh database and always cleans up.
func withDatabase(_ body: (TemporaryDatabase) async throws -> Void) async throws {
    let database = try await TemporaryDatabase.make()
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
