import ArgumentParser
import Foundation
import MosaicCore
import MosaicStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import practices from JSON Lines or CSV files, all or nothing.",
        discussion: """
            The format is chosen by the extension: .jsonl or .csv. Every record is checked before anything is written. If any record has a problem, every problem is printed as FILE:LINE: field: reason and nothing is imported. A record whose id or slug exists updates that practice; a record with neither is matched by the slug its title gives. Importing the same file twice changes nothing.

            Examples:
              mosaic import practices.jsonl
              mosaic import --dry-run spring.csv autumn.csv
              mosaic import --status draft proposals.jsonl
            """)

    @OptionGroup var options: DatabaseOptions

    @Flag(name: .long, help: "Check the files and report what would change, without writing.")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("Give every imported practice this status (draft or published). Without it, a record's own status is kept, and new practices are published.", valueName: "status"))
    var status: StatusOption?

    @Argument(help: ArgumentHelp("The files to import (.jsonl or .csv).", valueName: "file"))
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Name at least one file to import.") }
    }

    func run() async throws {
        let importFiles: [ImportFile]
        do {
            importFiles = try files.map(ImportFile.init(path:))
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
        // A dry run writes nothing, not even a new database file: without one it checks against an empty catalogue.
        var location = try options.location
        if dryRun, case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) { location = .sqlite(path: ":memory:") }
        let store = try await options.openStore(location)
        defer { Task { try? await store.close() } }
        let report: ImportReport
        do {
            report = try await CatalogImporter(store: store)
                .run(importFiles, options: .init(dryRun: dryRun, status: status?.status))
        } catch let error as ImportError {
            printError("\(error)")
            throw ExitCode.failure
        }
        if !report.issues.isEmpty {
            for issue in report.issues { printError(issue.description) }
            let records = Set(report.issues.map { "\($0.file):\($0.issue.line)" }).count
            printError("\(report.issues.count) problem\(report.issues.count == 1 ? "" : "s") in \(records) record\(records == 1 ? "" : "s"); nothing was imported.")
            throw ExitCode.failure
        }
        print(dryRun ? "dry run, nothing written: would have \(report.summary)" : report.summary)
    }
}

enum StatusOption: String, ExpressibleByArgument, CaseIterable {
    case draft, published
    var status: Practice.Status { self == .draft ? .draft : .published }
}
