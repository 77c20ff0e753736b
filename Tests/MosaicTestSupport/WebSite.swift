import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MosaicCore
import MosaicSearch
import MosaicStore
import Prometheus
@testable import MosaicWeb

/// A real application over a real SQLite file holding the sample content, for router tests.
struct TestSite {
    let site: Site
    let store: SQLPracticeStore
    /// The SQLite file's folder, removed on close (nil when the database belongs to someone else).
    let folder: URL?

    static func make(extra: [Practice] = [], metrics: Bool = false) async throws -> TestSite {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mosaic-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try await SQLPracticeStore.openSQLite(path: folder.appendingPathComponent("web.sqlite").path)
        try await SampleContent.loadIfEmpty(into: store)
        if !extra.isEmpty { try await store.save(extra.map { .create($0) }, by: "test") }
        return try await TestSite(store: store, folder: folder, metrics: metrics)
    }

    /// A site on a database another test fixture owns, as a second `mosaic serve` on it would be.
    static func open(_ location: DatabaseLocation) async throws -> TestSite {
        try await TestSite(store: SQLPracticeStore.open(location), folder: nil, metrics: false)
    }

    private init(store: SQLPracticeStore, folder: URL?, metrics: Bool) async throws {
        // bcrypt's lowest work factor: the tests sign in many times; the algorithm is the same.
        site = try Site(catalog: CatalogHolder(await Catalog.load(from: store, currentYear: 2026)), store: store,
                        workflow: SQLWorkflowStore(sharing: store), settings: WebSettings(bcryptCost: 4),
                        metrics: metrics ? SiteMetrics(registry: PrometheusCollectorRegistry()) : nil)
        self.store = store
        self.folder = folder
    }

    var app: some ApplicationProtocol {
        var logger = Logger(label: "test")
        logger.logLevel = .error
        return buildApplication(site: site, logger: logger)
    }

    func close() async {
        try? await store.close()
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }
}

/// Runs `body` with a client of a fresh site; cleans up afterwards.
func withSite(extra: [Practice] = [], metrics: Bool = false, _ body: @Sendable (any TestClientProtocol, TestSite) async throws -> Void) async throws {
    let site = try await TestSite.make(extra: extra, metrics: metrics)
    do {
        try await site.app.test(.router) { client in try await body(client, site) }
    } catch {
        await site.close()
        throw error
    }
    await site.close()
}

/// A page fetched in a test: status, headers and the parsed document.
struct Page {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String
    let document: HTMLNode

    var cards: [HTMLNode] { document.all("li", class: "card") }
    var showing: String { document.first("p", class: "showing")?.plainText ?? "" }
    var h1: String { document.first("h1")?.plainText ?? "" }

    /// The facet values shown for a facet: label → count.
    func facet(_ name: String) -> [String: Int] {
        guard let heading = document.first("h3", where: { $0["id"] == "facet-\(name)" }), let section = heading.parent else { return [:] }
        var values: [String: Int] = [:]
        for link in section.all("a", class: "facet-value") {
            let label = link.first("span", class: "facet-label")?.plainText ?? ""
            let count = Int((link.first("span", class: "facet-count")?.plainText ?? "").filter(\.isNumber)) ?? -1
            values[label] = count
        }
        return values
    }

    func link(_ label: String) -> String? {
        document.first("a", where: { $0.plainText == label })?["href"]
    }
}

extension TestClientProtocol {
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> Page {
        try await execute(uri: uri, method: .get, headers: headers) { response in
            let body = String(buffer: response.body)
            return Page(status: response.status, headers: response.headers, body: body, document: HTMLNode.parse(body))
        }
    }
}
