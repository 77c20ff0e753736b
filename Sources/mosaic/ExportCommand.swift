import ArgumentParser
import Foundation
import MosaicCore
import MosaicStore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the whole catalogue as JSON Lines or CSV.",
        discussion: """
            Every field is written, derived ones (period_start, period_end, ongoing) included. Contact fields are left out unless --include-private is given. Importing the export into an empty database gives back the same catalogue (CSV carries no translations).

            Examples:
              mosaic export > catalogue.jsonl
              mosaic export --format csv --output catalogue.csv
            """)

    @OptionGroup var options: DatabaseOptions

    @Option(name: .long, help: "jsonl or csv.")
    var format: ExchangeWriter.Format = .jsonl

    @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Also export contact_name, contact_organisation and contact_email.")
    var includePrivate = false

    func run() async throws {
        let store = try await SQLPracticeStore.openSQLite(path: options.path)
        defer { Task { try? await store.close() } }
        let exporter = CatalogExporter(store: store, writer: ExchangeWriter(format: format, includePrivate: includePrivate))
        let handle = try openOutput(output)
        let count = try await exporter.export { handle.write(Data($0.utf8)) }
        if let output {
            try handle.close()
            printError("exported \(count) practice\(count == 1 ? "" : "s") to \(output)")
        }
    }
}

extension ExchangeWriter.Format: ExpressibleByArgument {}
