import Foundation
import Testing
import MosaicCore
import MosaicSearch
import MosaicStore
@testable import MosaicWeb
@testable import MosaicTestSupport

/// Whatever the site lets people do, its export imports into an empty database and exports the same:
/// backups stay restorable.
@Suite("Export and import round trip of any reachable catalogue")
struct RoundTripPropertyTests {
    @Test("Random drafts, publications (valid or not), unpublications and restores; then export, import, export", arguments: 1...4)
    func anyReachableCatalogue(seed: UInt64) async throws {
        try await withSite { _, site in
            try await People.add(to: site)
            let service = site.site.editorial
            let synthetic = SyntheticCatalog(seed: seed)
            var generator = SeededGenerator(seed: seed)
            var published: [Practice.ID] = []
            for n in 0..<12 {
                var practice = synthetic.practice(n)
                practice.id = .generate()
                practice.status = .draft
                practice.cities = ["Lisbon"]
                practice.country = Country.Code(rawValue: "PT")
                // Some drafts lack what publishing needs; some are complete.
                switch generator.next() % 4 {
                case 0: practice.sections[.purpose] = nil
                case 1: practice.country = Country.Code(rawValue: "")
                default: break
                }
                _ = try await service.save(practice, over: nil, submitting: generator.next() % 2 == 0, by: People.contributor)
                do {
                    let done = try await service.publish(practice.id, by: People.editor, note: generator.next() % 3 == 0 ? "ok" : nil)
                    published.append(done.id)
                } catch EditorialService.Refusal.invalid {
                    // Refused, as it must be: it stays a draft.
                }
                if let id = published.last, generator.next() % 5 == 0 { _ = try await service.unpublish(id, by: People.editor, reason: "Duplicate") }
                if let id = published.first, generator.next() % 4 == 0 { _ = try? await service.restore(id, revision: 1, by: People.editor) }
            }
            let writer = ExchangeWriter(format: .jsonl, includePrivate: true)
            let first = try await CatalogExporter(store: site.store, writer: writer).exportString()
            try await withDatabase { empty in
                let file = try empty.file("backup.jsonl", first)
                let report = try await CatalogImporter(store: empty.store).run([file], options: .init())
                #expect(report.issues.isEmpty, "\(report.issues.prefix(3))")
                let again = try await CatalogExporter(store: empty.store, writer: writer).exportString()
                #expect(again == first)
            }
        }
    }
}
