import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MosaicSearch
import MosaicStore

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
public func buildRouter(site: Site, logger: Logger) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: RequestLogMiddleware(logger: logger))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: NotFoundMiddleware(pages: PublicPages(site: site)))
    PublicPages(site: site).addRoutes(to: router)
    return router
}

/// Unknown addresses get the helpful 404 page (with search) in the language of their path.
struct NotFoundMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let pages: PublicPages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return pages.notFound(request, language: SitePath.split(request.uri.path).language)
        }
    }
}
