import Foundation
import Hummingbird
import MosaicStore
import Prometheus

/// What operators and load balancers read: `/healthz` (the process answers), `/readyz` (it can serve:
/// a snapshot is loaded and the database answers) and, when `--metrics` is given, `/metrics` for
/// Prometheus.
struct OperationsController: Sendable {
    let site: Site

    func addRoutes(to router: Router<MosaicContext>) {
        router.get(.healthz) { _, _ in
            let catalog = site.catalog.catalog
            return Self.json(.ok, "{\"status\":\"ok\",\"practices\":\(catalog.count),\"version\":\(catalog.version)}")
        }
        router.get(.readyz, use: readyz)
        if site.metrics != nil { router.get(.metrics, use: metrics) }
    }

    /// 200 when this instance can serve, else 503 with the reason, so that a load balancer sends
    /// readers elsewhere while its database is unreachable.
    @Sendable func readyz(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let catalog = site.catalog.catalog
        let reachable = await site.store.isReachable(within: .seconds(2))
        let lag = site.follower.lag
        let body = "{\"status\":\"\(reachable ? "ready" : "database unreachable")\",\"practices\":\(catalog.count),\"version\":\(catalog.version),\"lag\":\(lag)}"
        return Self.json(reachable ? .ok : .serviceUnavailable, body)
    }

    /// The Prometheus text format: requests by route and status and their durations (Hummingbird's
    /// metrics middleware), and the snapshot's size, version and lag behind the database.
    @Sendable func metrics(_ request: Request, _ context: MosaicContext) async throws -> Response {
        guard let metrics = site.metrics else { throw HTTPError(.notFound) }
        let catalog = site.catalog.catalog
        metrics.practices.set(Int64(catalog.count))
        metrics.version.set(Int64(catalog.version))
        metrics.lag.set(Int64(site.follower.lag))
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
    }

    static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

/// The registry `/metrics` shows, with the catalogue's gauges. Made once, by `mosaic serve --metrics`,
/// which also makes it swift-metrics' backend.
public final class SiteMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let practices: Gauge
    let version: Gauge
    let lag: Gauge

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        practices = registry.makeGauge(name: "mosaic_catalogue_practices", help: "Published practices in this instance's snapshot")
        version = registry.makeGauge(name: "mosaic_catalogue_version", help: "The catalogue number this instance's snapshot has reached")
        lag = registry.makeGauge(name: "mosaic_catalogue_lag", help: "Catalogue numbers the snapshot is behind the database, as last read")
    }
}
