import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import MosaicSearch
import MosaicStore
import NIOCore

/// The whole web application, built from its settings: `main` calls it with real settings, tests with
/// test settings.
public func buildApplication(site: Site, logger: Logger,
                             onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
    let settings = site.settings
    let timeout = TimeAmount.seconds(Int64(max(1, settings.idleTimeout)))
    return Application(
        responder: buildResponder(site: site, logger: logger),
        server: .http1(configuration: .init(additionalChannelHandlers: [RequestHeadTimeout(timeout: timeout)], idleTimeout: timeout)),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "Mosaic",
                             availableConnectionsDelegate: MaximumAvailableConnections(max(1, settings.maximumConnections), logger: logger)),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? site.settings.port) },
        logger: logger)
}

/// HEAD answered like GET, the language prefix read, then the router.
func buildResponder(site: Site, logger: Logger) -> some HTTPResponder<MosaicContext> {
    HeadResponder(inner: LanguageResponder(inner: buildRouter(site: site, logger: logger).buildResponder(), localizer: site.localizer,
                                           trustedProxies: Set(site.settings.trustedProxies)))
}

/// The router: a table of contents of the site. Public pages are served from the catalogue and know
/// nobody; the rest know their visitor, and each group says who may use it.
func buildRouter(site: Site, logger: Logger) -> Router<MosaicContext> {
    let router = Router(context: MosaicContext.self)
    router.add(middleware: RequestLogMiddleware(logger: logger))
    if site.metrics != nil { router.add(middleware: MetricsMiddleware()) }
    router.add(middleware: SecurityHeadersMiddleware(strictTransport: site.settings.baseURL?.lowercased().hasPrefix("https://") ?? false))
    router.add(middleware: CORSMiddleware())
    router.add(middleware: ErrorPageMiddleware(site: site, logger: logger))
    router.add(middleware: NotFoundMiddleware(pages: PublicController(site: site)))
    OperationsController(site: site).addRoutes(to: router)
    PublicController(site: site).addRoutes(to: router)
    DataController(site: site).addRoutes(to: router)
    let visitors = router.group().add(middleware: VisitorMiddleware(accounts: site.accounts))
    AccountController(site: site).addRoutes(to: visitors)
    EditorialController(site: site).addRoutes(to: visitors)
    return router
}

/// Unknown addresses get the helpful 404 page (with search) in the language of their path.
struct NotFoundMiddleware: RouterMiddleware {
    typealias Context = MosaicContext
    let pages: PublicController

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            if DataAddress.isData(request.uri.path) {
                return Problem(status: .notFound, detail: "Nothing is at this address; the API's operations are listed in \(Route.openAPI.path).").response
            }
            return pages.notFound(request, context)
        }
    }
}
