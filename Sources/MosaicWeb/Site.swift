import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MosaicCore
import MosaicSearch
import MosaicStore
import Mustache
import NIOCore

/// Settings of the web application, given once at the top.
public struct WebSettings: Sendable {
    public var host: String
    public var port: Int
    /// The public address of the site (`https://mosaic.example.org`), for canonical and alternate
    /// links; relative links when nil.
    public var baseURL: String?
    /// Whether cookies carry `Secure` (the site is served over HTTPS); by default, when `baseURL` is https.
    public var secureCookies: Bool
    /// bcrypt's work factor for passwords set through the site.
    public var bcryptCost: UInt8

    public init(host: String = "127.0.0.1", port: Int = 8080, baseURL: String? = nil, secureCookies: Bool? = nil,
                bcryptCost: UInt8 = Passwords.defaultCost) {
        self.host = host
        self.port = port
        self.baseURL = baseURL
        self.secureCookies = secureCookies ?? (baseURL?.lowercased().hasPrefix("https://") ?? false)
        self.bcryptCost = bcryptCost
    }
}

/// What every page needs: the live catalogue, the store, the templates, the interface texts and the
/// static files. Built once at start-up.
public final class Site: Sendable {
    public let catalog: CatalogHolder
    public let store: any PracticeStore
    public let workflow: any WorkflowStore
    let accounts: AccountService
    /// For what happens besides requests: messages put in the outbox, for instance.
    let logger: Logger
    let library: MustacheLibrary
    let localizer: Localizer
    let assets: [String: Asset]
    /// Changes with every start, so that pages cached by a previous version are revalidated.
    let bootID: String
    let assetVersion: String
    let settings: WebSettings

    public init(catalog: CatalogHolder, store: any PracticeStore, workflow: any WorkflowStore, settings: WebSettings = WebSettings(),
                logger: Logger = Logger(label: "mosaic")) throws {
        self.logger = logger
        self.catalog = catalog
        self.store = store
        self.workflow = workflow
        accounts = AccountService(workflow: workflow, secureCookies: settings.secureCookies, bcryptCost: settings.bcryptCost)
        self.settings = settings
        localizer = try Localizer.load()
        library = try Site.loadTemplates()
        assets = try Asset.loadAll()
        bootID = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        var hasher = FNV1a()
        for name in assets.keys.sorted() { hasher.add(assets[name]!.etag) }
        assetVersion = String(hasher.value & 0xFF_FFFF, radix: 36)
    }

    static func loadTemplates() throws -> MustacheLibrary {
        FastHTMLEscaping.install()
        guard let folder = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources") else {
            throw SiteError.missingResource("templates")
        }
        var library = MustacheLibrary()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            // The pragma selects escaping through the registry, where `FastHTMLEscaping` is installed
            // under "HTML"; without it the library uses its own, slower HTML escaper.
            try library.register("{{% CONTENT_TYPE: HTML}}" + text, named: String(file.dropLast(".mustache".count)))
        }
        return library
    }

    /// The URL of a path, absolute when the site's address is known.
    func absolute(_ path: String) -> String {
        (settings.baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? "") + path
    }

    // MARK: Responses

    /// A page: rendered from its template, compressed when the client accepts gzip.
    func page(_ template: String, _ model: Any, request: Request, status: HTTPResponse.Status = .ok, etag: String? = nil) -> Response {
        let html = library.render(model, withTemplate: template) ?? ""
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        if let etag {
            headers[.eTag] = etag
            headers[.cacheControl] = "public, no-cache"
        } else {
            headers[.cacheControl] = "no-store"
        }
        return body(ByteBuffer(string: html), headers: headers, request: request, status: status)
    }

    func body(_ buffer: ByteBuffer, headers: HTTPFields, request: Request, status: HTTPResponse.Status = .ok) -> Response {
        var headers = headers
        var buffer = buffer
        headers[.vary] = "Accept-Encoding"
        if buffer.readableBytes >= 1024, let accept = request.headers[.acceptEncoding], Self.acceptsGzip(accept),
           let compressed = try? buffer.compress(with: .gzip()) {
            headers[.contentEncoding] = "gzip"
            buffer = compressed
        }
        headers[.contentLength] = String(buffer.readableBytes)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }

    /// A 304 when the client already has this version of the page.
    func notModified(_ request: Request, etag: String) -> Response? {
        guard let header = request.headers[.ifNoneMatch],
              header.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*" }) else {
            return nil
        }
        var headers = HTTPFields()
        headers[.eTag] = etag
        headers[.cacheControl] = "public, no-cache"
        headers[.vary] = "Accept-Encoding"
        return Response(status: .notModified, headers: headers)
    }

    /// The ETag of a page that depends only on the catalogue version and its URL.
    func etag(for request: Request, version: Int) -> String {
        var hasher = FNV1a()
        hasher.add(request.uri.path)
        hasher.add("?")
        hasher.add(request.uri.query ?? "")
        return "W/\"\(bootID)-\(version)-\(String(hasher.value, radix: 36))\""
    }

    static func acceptsGzip(_ header: String) -> Bool {
        header.lowercased().split(separator: ",").contains { part in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.first == "gzip" || pieces.first == "*" else { return false }
            return !pieces.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "") == "q=0" }
        }
    }
}

enum SiteError: Error, CustomStringConvertible {
    case missingResource(String)
    var description: String {
        switch self {
        case .missingResource(let name): "\(name) is missing from MosaicWeb's resources"
        }
    }
}

/// A 64-bit FNV-1a hash: stable across runs (Swift's `hashValue` is not).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
    }
}

/// A static file served from the resources, with its ETag.
struct Asset: Sendable {
    let data: ByteBuffer
    let contentType: String
    let etag: String

    static func loadAll() throws -> [String: Asset] {
        guard let folder = Bundle.module.url(forResource: "static", withExtension: nil, subdirectory: "Resources") else {
            throw SiteError.missingResource("static")
        }
        var assets: [String: Asset] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            let type = switch (file as NSString).pathExtension {
            case "css": "text/css; charset=utf-8"
            case "js": "text/javascript; charset=utf-8"
            case "svg": "image/svg+xml"
            case "png": "image/png"
            default: "application/octet-stream"
            }
            var hasher = FNV1a()
            hasher.add(String(decoding: data, as: UTF8.self))
            assets[file] = Asset(data: ByteBuffer(bytes: data), contentType: type, etag: "\"\(String(hasher.value, radix: 36))\"")
        }
        return assets
    }
}
