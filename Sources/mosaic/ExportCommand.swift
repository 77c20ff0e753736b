import ArgumentParser
import Foundation
import MosaicCore
import MosaicSearch
import MosaicStore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the catalogue, or the published practices matching a search, as JSON Lines or CSV.",
        discussion: """
            Every field is written, derived ones (period_start, period_end, ongoing) included. Contact fields are left out unless --include-private is given. Without --query or a filter, every practice is written, drafts included: importing the export into an empty database gives back the same catalogue (CSV carries no translations). With them, the published practices that match are written, in the search's order: what the site's "Download these results" gives.

            Examples:
              mosaic export > catalogue.jsonl
              mosaic export --format csv --output catalogue.csv
              mosaic export --topic education --country PT --format csv
            """)

    @OptionGroup var options: DatabaseOptions

    @Option(name: .long, help: "jsonl or csv.")
    var format: ExchangeWriter.Format = .jsonl

    @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Also export contact_name, contact_organisation and contact_email.")
    var includePrivate = false

    @Option(name: .long, help: ArgumentHelp("Words to search for, as on the site.", valueName: "words"))
    var query: String?

    @OptionGroup var filters: FilterOptions

    func run() async throws {
        let store = try await options.openStore()
        defer { Task { try? await store.close() } }
        let writer = ExchangeWriter(format: format, includePrivate: includePrivate)
        let handle = try openOutput(output)
        let count: Int
        if query == nil && filters.isEmpty {
            count = try await CatalogExporter(store: store, writer: writer).export { handle.write(Data($0.utf8)) }
        } else {
            // The site's search, on the published catalogue.
            let matches = try await Catalog.load(from: store).matches(filters.query(text: query ?? "", language: "en"))
            count = try CatalogExporter.export(matches, writer: writer) { handle.write(Data($0.utf8)) }
        }
        if let output {
            try handle.close()
            printError("exported \(count) practice\(count == 1 ? "" : "s") to \(output)")
        }
    }
}

extension ExchangeWriter.Format: ExpressibleByArgument {}
