import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MosaicCore
import MosaicSearch
import MosaicStore
import NIOCore
import Synchronization

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
    /// Seconds a connection may stay open without a request (and a request head may take to arrive).
    public var idleTimeout: Int
    /// Connections served at once; past that, new ones wait in the listen backlog.
    public var maximumConnections: Int
    /// Signs the CSRF tokens of visitors not signed in; instances behind one address need the same one.
    /// A random one for this process when nil.
    public var secret: String?
    /// Addresses of proxies (nginx, a load balancer) whose `X-Forwarded-For`/`Forwarded` are believed.
    public var trustedProxies: [String]
    /// The licence of the catalogue's data, shown wherever the data is offered.
    public var dataLicence: DataLicence

    /// The address this server answers at, for links that must be absolute when no `baseURL` is set.
    public var servedAddress: String {
        "http://\(host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host):\(port)"
    }

    public init(host: String = "127.0.0.1", port: Int = 8080, baseURL: String? = nil, secureCookies: Bool? = nil,
                bcryptCost: UInt8 = Passwords.defaultCost, idleTimeout: Int = 30, maximumConnections: Int = 1_000, secret: String? = nil,
                trustedProxies: [String] = [], dataLicence: DataLicence = .default) {
        self.host = host
        self.port = port
        self.baseURL = baseURL
        self.secureCookies = secureCookies ?? (baseURL?.lowercased().hasPrefix("https://") ?? false)
        self.bcryptCost = bcryptCost
        self.idleTimeout = idleTimeout
        self.maximumConnections = maximumConnections
        self.secret = secret
        self.trustedProxies = trustedProxies
        self.dataLicence = dataLicence
    }
}

/// The licence under which the data is offered: a known SPDX identifier (with its name and address) or
/// the address of any other licence.
public struct DataLicence: Sendable, Equatable {
    public let name: String
    public let url: String

    public static let known: [String: DataLicence] = [
        "CC-BY-4.0": DataLicence(name: "Creative Commons Attribution 4.0 International", url: "https://creativecommons.org/licenses/by/4.0/"),
        "CC-BY-SA-4.0": DataLicence(name: "Creative Commons Attribution-ShareAlike 4.0 International", url: "https://creativecommons.org/licenses/by-sa/4.0/"),
        "CC0-1.0": DataLicence(name: "CC0 1.0 Universal (public domain dedication)", url: "https://creativecommons.org/publicdomain/zero/1.0/"),
        "ODbL-1.0": DataLicence(name: "Open Data Commons Open Database License 1.0", url: "https://opendatacommons.org/licenses/odbl/1-0/"),
    ]
    public static let `default` = known["CC-BY-4.0"]!

    init(name: String, url: String) {
        self.name = name
        self.url = url
    }

    /// An SPDX identifier of `known`, or an http(s) address; nil (with the reason) for anything else.
    public static func parse(_ text: String) -> Result<DataLicence, DataLicenceError> {
        if let licence = known.first(where: { $0.key.lowercased() == text.lowercased() })?.value { return .success(licence) }
        let lowered = text.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://"), text.utf8.count <= 500,
              !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }) else {
            return .failure(DataLicenceError(text: text))
        }
        return .success(DataLicence(name: text, url: text))
    }
}

public struct DataLicenceError: Error, CustomStringConvertible {
    let text: String
    public var description: String {
        "--data-licence takes one of \(DataLicence.known.keys.sorted().joined(separator: ", ")) or the http(s) address of a licence; \"\(text)\" is neither."
    }
}

/// What every page needs: the live catalogue, the store, the templates, the interface texts and the
/// static files. Built once at start-up.
public final class Site: Sendable {
    public let catalog: CatalogHolder
    public let store: any PracticeStore
    public let workflow: any WorkflowStore
    let accounts: AccountService
    let editorial: EditorialService
    /// For what happens besides requests: messages put in the outbox, for instance.
    let logger: Logger
    let localizer: Localizer
    let assets: [String: Asset]
    /// The same for every instance running the same executable with the same settings that pages show
    /// (public address, data licence), and different otherwise, so that pages cached from another build
    /// or configuration are revalidated while instances agree on ETags.
    let buildID: String
    /// Keeps the snapshot in step with the database's catalogue sequence.
    public let follower: CatalogFollower
    /// What `/metrics` shows; nil (and no `/metrics`) unless `mosaic serve --metrics`.
    let metrics: SiteMetrics?
    let assetVersion: String
    let settings: WebSettings
    private let sampleContent = Mutex<(version: Int, shown: Bool)>((-1, false))
    /// The public version of each practice shown, by id, with the moment it was last changed: practice
    /// pages cite it without reading the history at every view.
    private let publicVersions = Mutex<[Practice.ID: (changed: Date?, version: Int, revision: Int)]>([:])
    /// The register's retired spellings by their address, read once per catalogue version (a merge
    /// advances it), so that unknown city addresses cost no database read each.
    private let retiredCities = Mutex<(version: Int, bySlug: [Slug: String])>((-1, [:]))

    public init(catalog: CatalogHolder, store: any PracticeStore, workflow: any WorkflowStore, settings: WebSettings = WebSettings(),
                metrics: SiteMetrics? = nil, logger: Logger = Logger(label: "mosaic")) throws {
        self.logger = logger
        self.metrics = metrics
        self.catalog = catalog
        self.store = store
        self.workflow = workflow
        localizer = try Localizer.load()
        let base = Self.base(settings)
        // Links in e-mails are always absolute: the public address when it is set, else the address served.
        let mailBase = base ?? settings.servedAddress
        let notices = Notices(localizer: localizer, absolute: { mailBase + $0 })
        follower = CatalogFollower(holder: catalog, store: store, logger: logger)
        editorial = EditorialService(store: store, workflow: workflow, catalog: catalog, follower: follower, notices: notices)
        accounts = AccountService(workflow: workflow, notices: notices, secureCookies: settings.secureCookies, bcryptCost: settings.bcryptCost,
                                  secret: settings.secret)
        self.settings = settings
        assets = try Asset.loadAll()
        var shown = FNV1a()
        shown.add(settings.baseURL ?? "")
        shown.add("|")
        shown.add(settings.dataLicence.url)
        buildID = ExecutableIdentity.value + String(shown.value & 0xFFFF, radix: 36)
        var hasher = FNV1a()
        for name in assets.keys.sorted() { hasher.add(assets[name]!.etag) }
        assetVersion = String(hasher.value & 0xFF_FFFF, radix: 36)
    }

    /// The public version number of a published practice (its published revisions counted 1, 2, 3) and
    /// the revision it is; read from its history once per change of the practice.
    /// The name kept for a city whose retired spelling has this address.
    func keptCity(slug: Slug) async throws -> String? {
        let version = catalog.catalog.version
        if let known = retiredCities.withLock({ $0.version == version ? $0.bySlug : nil }) { return known[slug] }
        var bySlug: [Slug: String] = [:]
        for alias in try await store.cityRegister().aliases { bySlug[Slug(making: alias.spelling)] = alias.name }
        retiredCities.withLock { $0 = (version, bySlug) }
        return bySlug[slug]
    }

    func publicVersion(of practice: Practice) async throws -> (version: Int, revision: Int)? {
        let changed = practice.updatedAt ?? practice.publishedAt
        if let known = publicVersions.withLock({ $0[practice.id] }), known.changed == changed { return (known.version, known.revision) }
        let revisions = try await store.revisions(of: practice.id).compactMap { revision in revision.practice().map { (revision, $0) } }
        let numbers = PublicVersions.numbered(revisions)
        guard let last = revisions.last(where: { numbers[$0.0.number] != nil }), let version = numbers[last.0.number] else { return nil }
        publicVersions.withLock { memo in
            if memo.count >= 100_000 { memo.removeAll() }
            memo[practice.id] = (changed, version, last.0.number)
        }
        return (version, last.0.number)
    }

    // MARK: Responses

    /// The site's public address without a final slash, when it is known.
    static func base(_ settings: WebSettings) -> String? {
        settings.baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }

    /// The site's public address for data that must carry absolute links (feeds, sitemaps, the API):
    /// the configured one, else the request's `Host` when it is a plain host name, else localhost.
    func absoluteBase(_ request: Request) -> String {
        if let base = Self.base(settings) { return base }
        let host = request.head.authority ?? ""
        let plain = !host.isEmpty && host.utf8.count <= 255 && host.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
        }
        return "http://" + (plain ? host : "localhost")
    }

    /// The chrome of a page in the request's language.
    func layout(_ context: MosaicContext, title: String, description: String? = nil, route: Route, query: String? = nil,
                section: Layout.Section) -> Layout {
        layout(context, title: title, description: description, path: route.path, query: query, section: section)
    }

    func layout(_ context: MosaicContext, title: String, description: String? = nil, path: String, query: String? = nil,
                section: Layout.Section) -> Layout {
        var layout = Layout(t: context.t, pageTitle: title, description: description ?? title, path: path, query: query, section: section,
                            assetVersion: assetVersion, baseURL: Self.base(settings))
        layout.showsSampleContent = showsSampleContent
        return layout
    }

    /// True while the published catalogue holds sample practices: only then does the footer say that
    /// sample content is invented. Worked out once per catalogue version.
    var showsSampleContent: Bool {
        let catalog = self.catalog.catalog
        if let known = sampleContent.withLock({ $0.version == catalog.version ? $0.shown : nil }) { return known }
        let shown = SampleContent.ids.contains { id in catalog.practice(id: id).map(SampleContent.isSample) ?? false }
        sampleContent.withLock { $0 = (catalog.version, shown) }
        return shown
    }

    /// A page: its markup in the layout, compressed when the client accepts gzip. With an ETag it may
    /// be cached and revalidated; without, it is never stored (private pages).
    func page(_ content: HTML, layout: Layout, request: Request, status: HTTPResponse.Status = .ok, etag: String? = nil) -> Response {
        let html = layout.render(content, languageNames: localizer.languageName)
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        if let etag {
            headers[.eTag] = etag
            headers[.cacheControl] = "public, no-cache"
        } else {
            headers[.cacheControl] = "no-store"
        }
        return body(ByteBuffer(bytes: html.bytes), headers: headers, request: request, status: status)
    }

    /// A page for one visitor (never cached), in the account section.
    func privatePage(_ body: HTML, title: String, route: Route, _ request: Request, _ context: MosaicContext,
                     status: HTTPResponse.Status = .ok) -> Response {
        page(body, layout: layout(context, title: title, route: route, section: .account), request: request, status: status)
    }

    /// A short page that says one thing (done, refused, expired), with a link onwards.
    func message(_ message: MessageView, _ request: Request, _ context: MosaicContext, status: HTTPResponse.Status = .ok) -> Response {
        let path = Languages.split(context.requestPath).path
        return page(message.render(), layout: layout(context, title: message.heading, path: path, section: .account),
                    request: request, status: status)
    }

    func forbidden(_ request: Request, _ context: MosaicContext, reason: String? = nil) -> Response {
        let t = context.t
        return message(MessageView(heading: t["forbidden_title"], text: reason ?? t["forbidden_text"],
                                   link: (Route.account.path(t.language), t["account_title"])),
                       request, context, status: .forbidden)
    }

    /// The refusal of a form without the visitor's token: nothing was done.
    func badToken(_ request: Request, _ context: MosaicContext) -> Response {
        message(MessageView(heading: context.t["csrf_title"], text: context.t["csrf_text"]), request, context, status: .forbidden)
    }

    func redirect(_ location: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location, .cacheControl: "no-store"]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }

    /// The sign-in page for someone not signed in, coming back here afterwards.
    func signInFirst(_ request: Request, _ context: MosaicContext) -> Response {
        let next = context.requestPath + (request.uri.query.map { "?" + $0 } ?? "")
        return redirect(Route.login.path(context.language) + "?next=" + CatalogQuery.encode(next))
    }

    /// A path of this site to go back to after signing in; anything else is ignored. Only printable
    /// ASCII is taken (browsers drop tabs and newlines, which would turn "/\t/host" into "//host"), and the
    /// path must be one the router matches.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.utf8.count <= 2048,
              next.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }) else { return nil }
        let path = String(next.prefix { $0 != "?" && $0 != "#" })
        guard let kind = Route.Kind.matching(Languages.split(path).path), !kind.isLanguageNeutral else { return nil }
        return next
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

    /// The ETag of an answer that depends only on its address and the catalogue's version, and the 304
    /// to send instead when the client already has it.
    func cached(_ request: Request, _ context: MosaicContext, version: Int) -> (etag: String, response: Response?) {
        let etag = etag(for: context.requestPath, query: request.uri.query, version: version)
        return (etag, notModified(request, etag: etag))
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
    func etag(for path: String, query: String?, version: Int) -> String {
        var hasher = FNV1a()
        hasher.add(path)
        hasher.add("?")
        hasher.add(query ?? "")
        return "W/\"\(buildID)-\(version)-\(String(hasher.value, radix: 36))\""
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
