import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MosaicSearch
import MosaicStore
import NIOCore

/// The whole web application, built from its settings: `main` calls it with real settings, tests with
/// test settings.
public func buildApplication(site: Site, logger: Logger,
                             onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
    Application(
        responder: HeadResponder(inner: buildRouter(site: site, logger: logger).buildResponder()),
        configuration: .init(address: .hostname(site.settings.host, port: site.settings.port), serverName: "Mosaic"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? site.settings.port) },
        logger: logger)
}

/// The router: a table of contents of the site.
public func buildRouter(site: Site, logger: Logger) -> Router<MosaicContext> {
    let router = Router(context: MosaicContext.self)
    router.add(middleware: RequestLogMiddleware(logger: logger))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: NotFoundMiddleware(pages: PublicPages(site: site)))
    PublicPages(site: site).addRoutes(to: router)
    AccountPages(site: site).addRoutes(to: router)
    EditorialPages(site: site).addRoutes(to: router)
    return router
}

/// Unknown addresses get the helpful 404 page (with search) in the language of their path.
struct NotFoundMiddleware: RouterMiddleware {
    typealias Context = MosaicContext
    let pages: PublicPages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return pages.notFound(request, language: SitePath.split(request.uri.path).language)
        }
    }
}

/// The context of every request: Hummingbird's, plus the client's address (for sign-in throttling).
public struct MosaicContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address, as a throttling key.
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
