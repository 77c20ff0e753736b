import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Security headers on every response: a strict Content-Security-Policy (no inline script or style),
/// no MIME sniffing, no framing, a conservative referrer policy.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = MosaicContext
    static var contentSecurityPolicy: String { SecurityHeaders.contentSecurityPolicy }
    /// Whether browsers are told to use HTTPS only (the site's address is https).
    let strictTransport: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[SecurityHeaders.referrerPolicy] = "strict-origin-when-cross-origin"
        response.headers[SecurityHeaders.frameOptions] = "DENY"
        response.headers[SecurityHeaders.permissionsPolicy] = "camera=(), microphone=(), geolocation=()"
        response.headers[SecurityHeaders.requestID] = context.requestID
        if strictTransport { response.headers[SecurityHeaders.strictTransportSecurity] = "max-age=31536000" }
        return response
    }
}

/// One structured log line per request: its id, method, path (secrets in it hidden), status and duration.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = MosaicContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var status = 500
        defer {
            let elapsed = ContinuousClock.now - start
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            logger.info("request", metadata: [
                "request_id": "\(context.requestID)", "method": "\(request.method.rawValue)",
                "path": "\(Self.redacted(context.requestPath))", "status": "\(status)",
                "duration_ms": "\(String(format: "%.2f", milliseconds))",
            ])
        }
        let response = try await next(request, context)
        status = response.status.code
        return response
    }

    /// The path with the secrets some addresses carry (a password-reset token) left out.
    static func redacted(_ path: String) -> String {
        let (language, unprefixed) = Languages.split(path)
        guard Route.Kind.matching(unprefixed) == .resetPassword else { return path }
        return Languages.prefixed(Route.resetPassword(token: "REDACTED").path, language: language ?? Localizer.defaultLanguage)
    }
}

/// Every failure answers with a page (in the request's language, with the security headers added
/// outside this middleware) that gives the request's id, and the log line under that id says why.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = MosaicContext
    let site: Site
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return problem.response
        } catch let error as HTTPError where error.status == .notFound {
            throw error
        } catch let error as HTTPError {
            logger.notice("request refused", metadata: ["request_id": "\(context.requestID)", "status": "\(error.status.code)",
                                                        "reason": "\(error.body ?? error.status.reasonPhrase)"])
            return page(request, context, status: error.status)
        } catch is CancellationError {
            // The client has gone: nobody reads an answer, and nothing more is done.
            logger.info("client gone, request stopped", metadata: ["request_id": "\(context.requestID)"])
            return Response(status: .noContent)
        } catch {
            // The cause goes to the log only: it may name files, queries or settings.
            logger.error("request failed", metadata: ["request_id": "\(context.requestID)", "error": "\(String(reflecting: error))"])
            let busy = "\(error)".localizedCaseInsensitiveContains("busy") || "\(error)".localizedCaseInsensitiveContains("locked")
            var response = page(request, context, status: busy ? .serviceUnavailable : .internalServerError)
            if busy { response.headers[.retryAfter] = "5" }
            return response
        }
    }

    private func page(_ request: Request, _ context: Context, status: HTTPResponse.Status) -> Response {
        let t = context.t
        let key = switch status.code {
        case 400: "error_bad_request"
        case 413: "error_too_large"
        case 503: "error_busy"
        case 500...: "error_server"
        default: "error_refused"
        }
        let text = t[key] + " " + t.format("error_reference", ["id": context.requestID])
        if DataAddress.isData(request.uri.path) { return Problem(status: status, detail: text).response }
        return site.message(MessageView(heading: t["error_title"], text: text, link: (Route.home.path(t.language), t["nav_home"])),
                            request, context, status: status)
    }
}

enum SecurityHeaders {
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let permissionsPolicy = HTTPField.Name("Permissions-Policy")!
    static let requestID = HTTPField.Name("X-Request-Id")!
    static let strictTransportSecurity = HTTPField.Name("Strict-Transport-Security")!
}

/// Answers HEAD like GET, without the body, so that every page can be checked cheaply. It wraps the
/// whole router, because routes are chosen by method before any middleware runs.
struct HeadResponder<Inner: HTTPResponder>: HTTPResponder {
    typealias Context = Inner.Context
    let inner: Inner

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .head else { return try await inner.respond(to: request, context: context) }
        var head = request.head
        head.method = .get
        var response = try await inner.respond(to: Request(head: head, body: request.body), context: context)
        response.body = ResponseBody()
        return response
    }
}

/// Addresses that answer with data: their errors are problem documents, not pages.
enum DataAddress {
    static func isData(_ path: String) -> Bool {
        path.hasPrefix("/api/") || Route.Kind.matching(path)?.isAPI == true
    }
}

/// CORS for the data (the API, the exports, the feed, the codebook): any origin may read them, with the
/// headers a client needs; the OPTIONS preflight is answered here. HTML pages get no CORS headers.
struct CORSMiddleware: RouterMiddleware {
    typealias Context = MosaicContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        // Every request passes here: the few open addresses are told apart without matching every pattern.
        guard path.hasPrefix("/api/") || ((path.hasPrefix("/practices.") || path.hasPrefix("/data/"))
                                          && Route.Kind.matching(path)?.isOpenToOtherOrigins == true) else {
            return try await next(request, context)
        }
        guard [.get, .head, .options].contains(request.method) else {
            // Data is read, never written: other methods are refused, saying which are allowed.
            var refusal = Problem(status: .methodNotAllowed, detail: "This address is read with GET or HEAD (and OPTIONS for CORS).").response
            refusal.headers[.allow] = "GET, HEAD, OPTIONS"
            refusal.headers[.accessControlAllowOrigin] = "*"
            return refusal
        }
        if request.method == .options {
            return Response(status: .noContent, headers: [
                .accessControlAllowOrigin: "*",
                .accessControlAllowMethods: "GET, HEAD, OPTIONS",
                .accessControlAllowHeaders: "Accept, Accept-Language, If-None-Match, Content-Type",
                .accessControlMaxAge: "86400",
                .cacheControl: "public, max-age=86400",
            ])
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = "*"
        response.headers[.accessControlExposeHeaders] = "ETag, Link, X-Total-Count, Content-Disposition"
        return response
    }
}
