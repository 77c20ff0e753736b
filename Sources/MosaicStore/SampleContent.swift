import Foundation
import MosaicCore

/// The sample practices shipped with Mosaic: invented for the project, marked as sample content in their
/// `source`, and loaded by `mosaic serve --sample` into an empty database.
public enum SampleContent {
    /// How every sample practice's `source` begins.
    public static let marker = "Sample content written for Mosaic"

    /// True for a practice of the sample content (by its `source`).
    public static func isSample(_ practice: Practice) -> Bool { practice.source?.hasPrefix(marker) == true }

    /// The identifiers of the sample practices ("sample-01" ...).
    public static let ids: [Practice.ID] = (1...99).map { Practice.ID(rawValue: String(format: "sample-%02d", $0)) }

    /// The JSON Lines file of sample practices.
    public static var url: URL {
        guard let url = Bundle.module.url(forResource: "practices", withExtension: "jsonl", subdirectory: "sample") else {
            preconditionFailure("the sample practices are missing from MosaicStore's resources")
        }
        return url
    }

    /// Imports the sample practices when the store holds no practice yet; returns how many were created.
    @discardableResult
    public static func loadIfEmpty(into store: any PracticeStore) async throws -> Int {
        guard try await store.count(statuses: nil) == 0 else { return 0 }
        let file = ImportFile(name: "sample/practices.jsonl", url: url, format: .jsonl)
        let report = try await CatalogImporter(store: store).run([file], options: .init(author: "sample"))
        guard report.issues.isEmpty else {
            throw SampleContentError(issues: report.issues)
        }
        return report.created
    }
}

public struct SampleContentError: Error, CustomStringConvertible {
    public var issues: [ImportIssue]
    public var description: String { "the sample content does not import: " + issues.map(\.description).joined(separator: "; ") }
}
