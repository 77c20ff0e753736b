import Foundation
import Testing
import MosaicCore
@testable import MosaicStore
@testable import MosaicTestSupport

@Suite("Sample content")
struct SampleContentTests {
    @Test(arguments: TestEngine.all) func importsCleanlyAndCoversTheCatalogue(_ engine: TestEngine) async throws {
        try await withDatabase(engine) { database in
            let created = try await SampleContent.loadIfEmpty(into: database.store)
            #expect(created >= 40)
            #expect(try await SampleContent.loadIfEmpty(into: database.store) == 0, "loads only into an empty database")

            let practices = try await database.store.allPractices()
            #expect(practices.allSatisfy { $0.source?.contains("Sample content written for Mosaic") == true })
            #expect(Set(practices.map(\.country)).count >= 12)
            #expect(Set(practices.flatMap(\.cities)).count >= 25)
            #expect(Set(practices.flatMap(\.topics)) == Set(Taxonomy.standard.topics.map(\.key)), "every topic is used")
            let periods = Set(practices.compactMap(\.period))
            #expect(periods.count >= 15)
            #expect(periods.contains { $0.hasPrefix("à partir") || $0.hasPrefix("depuis") || $0.hasPrefix("De ") })
            #expect(practices.filter { $0.cities.isEmpty }.count >= 2, "national practices without a city")
            #expect(practices.contains { $0.cities.count == 3 })
            let full = practices.filter { p in
                Practice.Section.allCases.allSatisfy { p.sections[$0]?.isEmpty == false } && p.evidence != nil && !p.links.isEmpty
            }
            #expect(full.count >= 10, "practices with every template section filled")
            #expect(practices.filter { $0.translations["fr"] != nil }.count >= 5)
        }
    }
}
