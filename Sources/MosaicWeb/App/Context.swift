import Foundation
import HTTPTypes
import Hummingbird
import MosaicCore
import NIOCore

/// The context of every request: Hummingbird's, plus what every handler needs, filled in before it
/// runs: the page language and its texts (from the URL's prefix), the visitor and the CSRF token (on
/// routes behind `VisitorMiddleware`), and a form already read and checked (behind `CSRFMiddleware`).
public struct MosaicContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The interface texts of the page language.
    var t: Strings = Strings(language: Localizer.defaultLanguage, table: [:], fallback: [:])
    /// Whether the path carried a language prefix (`/fr/...`).
    var hasLanguagePrefix = false
    /// The path as the client sent it, prefix included.
    var requestPath = "/"
    /// Names this request in the log and on error pages (`X-Request-Id`).
    var requestID = ""
    var visitor = Visitor.anonymous
    /// The fields of a form posted to this route, read and checked by `CSRFMiddleware`.
    var form = FormData(pairs: [])
    /// The parts of a form with a file, read and checked by `CSRFMiddleware`.
    var multipart: MultipartForm?

    private let channel: any Channel
    private let startedActive: Bool

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        channel = source.channel
        startedActive = source.channel.isActive
    }

    /// Whether the client closed its connection since the request began: handlers stop before costly
    /// work (a search, a page) when nobody is left to read the answer.
    var clientHasGone: Bool { startedActive && !channel.isActive }

    /// Stops the request when its client has gone.
    func stopIfClientHasGone() throws {
        if clientHasGone { throw CancellationError() }
    }

    var language: String { t.language }

    /// The client's IP address, as a throttling key: the socket's peer, or behind a trusted proxy the
    /// address the proxy was asked by (set by `LanguageResponder`).
    var clientAddress = "unknown"

    /// The signed-in account; routes behind `RequireAccount` always have one.
    func account() throws -> Account {
        guard let account = visitor.account else { throw HTTPError(.forbidden) }
        return account
    }
}

/// Reads the language prefix before routing, so that every route is declared once for every language:
/// `/fr/practices` is routed as `/practices` with French texts on the context.
struct LanguageResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == MosaicContext {
    let inner: Inner
    let localizer: Localizer
    /// Peers whose `X-Forwarded-For` and `Forwarded` headers are believed.
    let trustedProxies: Set<String>

    func respond(to request: Request, context: MosaicContext) async throws -> Response {
        var context = context
        context.clientAddress = ClientAddress.of(request, peer: context.remoteAddress?.ipAddress, trusting: trustedProxies)
        let (language, path) = Languages.split(request.uri.path)
        context.requestPath = request.uri.path
        context.requestID = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        context.hasLanguagePrefix = language != nil
        context.t = localizer.strings(language ?? Localizer.defaultLanguage)
        guard language != nil else { return try await inner.respond(to: request, context: context) }
        var head = request.head
        head.path = path + (request.uri.query.map { "?" + $0 } ?? "")
        return try await inner.respond(to: Request(head: head, body: request.body), context: context)
    }
}

/// Who is asking: an account with its session, or someone not signed in, with the CSRF token their
/// forms must carry.
struct Visitor: Sendable {
    let account: Account?
    let sessionTokenHash: String?
    let csrf: String
    /// Set when the CSRF cookie has to be (re)issued with the response.
    let newCSRFCookie: Bool

    /// Before `VisitorMiddleware` has run: nobody, with no token (so no form is accepted).
    static let anonymous = Visitor(account: nil, sessionTokenHash: nil, csrf: "", newCSRFCookie: false)
}

/// Finds the visitor from the session cookie (one database read), and issues the CSRF cookie of a
/// visitor who has none. Only on routes that need to know who is asking: public pages skip it.
struct VisitorMiddleware: RouterMiddleware {
    let accounts: AccountService

    func handle(_ request: Request, context: MosaicContext,
                next: (Request, MosaicContext) async throws -> Response) async throws -> Response {
        var context = context
        context.visitor = try await accounts.visitor(for: request)
        var response = try await next(request, context)
        if context.visitor.newCSRFCookie {
            response.headers.append(HTTPField(name: .setCookie, value: accounts.cookie(AccountService.csrfCookie, context.visitor.csrf, maxAge: nil)))
        }
        return response
    }
}

/// Refuses a route group to visitors without the role: someone not signed in is sent to sign in (or
/// refused, for a form), a signed-in account without the role gets the refusal page.
struct RequireAccount: RouterMiddleware {
    enum Role { case any, editor, admin }
    let role: Role
    let site: Site

    func handle(_ request: Request, context: MosaicContext,
                next: (Request, MosaicContext) async throws -> Response) async throws -> Response {
        guard let account = context.visitor.account else {
            return request.method == .get ? site.signInFirst(request, context) : site.forbidden(request, context)
        }
        let allowed = switch role {
        case .any: true
        case .editor: account.canReview
        case .admin: account.canManageAccounts
        }
        guard allowed else { return site.forbidden(request, context) }
        return try await next(request, context)
    }
}

/// Reads the body of every form posted to the group (after the permission checks, never before) and
/// refuses it unless it carries the visitor's CSRF token. Handlers find the fields on the context.
struct CSRFMiddleware: RouterMiddleware {
    let site: Site
    /// Whether forms with a file (`multipart/form-data`) are taken, up to the upload limit.
    var acceptsFiles = false

    func handle(_ request: Request, context: MosaicContext,
                next: (Request, MosaicContext) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        var context = context
        let token: String?
        if acceptsFiles {
            let t = context.t
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: TemplateDocument.maximumUpload + 65_536)
            } catch {
                return site.message(MessageView(heading: t["upload_title"], text: t["upload_too_large"]), request, context, status: .contentTooLarge)
            }
            guard let form = MultipartForm(body: Array(buffer: body), contentType: request.headers[.contentType] ?? "") else {
                return site.message(MessageView(heading: t["upload_title"], text: t["upload_not_docx"]), request, context, status: .badRequest)
            }
            context.multipart = form
            token = form["csrf"]?.text
        } else {
            do {
                context.form = try await FormData.read(request)
            } catch is FormData.Unreadable {
                let t = context.t
                return site.message(MessageView(heading: t["form_unreadable_title"], text: t["form_unreadable_text"]), request, context,
                                    status: .badRequest)
            }
            token = context.form["csrf"]
        }
        guard site.accounts.acceptsToken(token, from: context.visitor) else { return site.badToken(request, context) }
        try context.stopIfClientHasGone()
        return try await next(request, context)
    }
}

/// Who is asking, as an IP address. Behind proxies the site trusts, the nearest address in the
/// forwarding headers that is not itself a trusted proxy; a header from anyone else is ignored, since
/// a client can write whatever it likes there.
enum ClientAddress {
    static func of(_ request: Request, peer: String?, trusting proxies: Set<String>) -> String {
        guard let peer else { return "unknown" }
        guard proxies.contains(peer) else { return peer }
        var chain: [String] = []
        for field in request.headers[values: HTTPField.Name("Forwarded")!] {
            for element in field.split(separator: ",") {
                for pair in element.split(separator: ";") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "for" else { continue }
                    var value = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                    if value.hasPrefix("[") { value = String(value.dropFirst().prefix { $0 != "]" }) }
                    else if value.filter({ $0 == ":" }).count == 1 { value = String(value.prefix { $0 != ":" }) }
                    chain.append(value)
                }
            }
        }
        if chain.isEmpty, let forwarded = request.headers[values: HTTPField.Name("X-Forwarded-For")!].last {
            chain = forwarded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        // The right-most address is the one the trusted proxy saw; skip further trusted proxies before it.
        for address in chain.reversed().prefix(20) where !address.isEmpty && !proxies.contains(address) {
            return String(address.prefix(64))
        }
        return peer
    }
}
