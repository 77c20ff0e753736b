import ArgumentParser
import Foundation
import Hummingbird
import Logging
import MosaicCore
import MosaicSearch
import MosaicStore
import Metrics
import MosaicWeb
import Prometheus
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Mosaic web site.",
        discussion: """
            Serves the public catalogue in English (/) and French (/fr/) from an in-memory snapshot of the published practices. Stops gracefully on Ctrl-C (SIGINT) or SIGTERM.

            With --sample, an empty database first gets the sample practices.

            Several instances may serve one database: each follows the catalogue's changes (PostgreSQL tells them at once; on SQLite they look every second), so that a publication on one shows on all.

            Examples:
              mosaic serve --sample
              mosaic serve --host 0.0.0.0 --port 8080 --database /srv/mosaic.sqlite
              mosaic serve --port 8081 --metrics --database postgres://mosaic:secret@db.example.org:5432/mosaic
            """)

    @OptionGroup var options: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("The address to listen on (environment: MOSAIC_HOST).", valueName: "host"))
    var host: String?

    @Option(name: .long, help: ArgumentHelp("The port to listen on (environment: MOSAIC_PORT).", valueName: "port"))
    var port: Int?

    @Option(name: .long, help: ArgumentHelp("The public address of the site, for canonical links (environment: MOSAIC_BASE_URL).", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Load the sample practices when the database has no practice yet.")
    var sample = false

    @Flag(name: .long, inversion: .prefixedNo, help: ArgumentHelp(
        "Mark cookies Secure, for a site served over HTTPS (default: when --base-url is https; environment: MOSAIC_SECURE_COOKIES=1 or 0)."))
    var secureCookies: Bool?

    @Option(help: ArgumentHelp(
        "Seconds a connection may stay open without sending a request, and a request's headers may take to arrive (default 30; environment: MOSAIC_IDLE_TIMEOUT)."))
    var idleTimeout: Int?

    @Option(help: ArgumentHelp("Connections served at once; more wait to be accepted (default 1000; environment: MOSAIC_MAX_CONNECTIONS)."))
    var maxConnections: Int?

    @Option(name: .customLong("trusted-proxy"), help: ArgumentHelp(
        "The address of a proxy in front of Mosaic whose X-Forwarded-For and Forwarded headers are believed; repeat for several (environment: MOSAIC_TRUSTED_PROXIES, separated by commas)."))
    var trustedProxies: [String] = []

    @Option(name: .customLong("data-licence"), help: ArgumentHelp(
        "The licence of the data: CC-BY-4.0 (default), CC-BY-SA-4.0, CC0-1.0, ODbL-1.0 or the address of another (environment: MOSAIC_DATA_LICENCE).", valueName: "licence"))
    var dataLicence: String?

    @Flag(name: .long, help: "Serve Prometheus metrics at /metrics (requests by route and status, durations, the catalogue's size, version and lag).")
    var metrics = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let licence: DataLicence
        switch DataLicence.parse(dataLicence ?? environment["MOSAIC_DATA_LICENCE"] ?? "CC-BY-4.0") {
        case .success(let value): licence = value
        case .failure(let error): throw ValidationError(error.description)
        }
        let settings = WebSettings(
            host: host ?? environment["MOSAIC_HOST"] ?? "127.0.0.1",
            port: port ?? environment["MOSAIC_PORT"].flatMap(Int.init) ?? 8080,
            baseURL: baseURL ?? environment["MOSAIC_BASE_URL"],
            secureCookies: secureCookies ?? environment["MOSAIC_SECURE_COOKIES"].map { $0 == "1" || $0.lowercased() == "true" },
            idleTimeout: idleTimeout ?? environment["MOSAIC_IDLE_TIMEOUT"].flatMap(Int.init) ?? 30,
            maximumConnections: maxConnections ?? environment["MOSAIC_MAX_CONNECTIONS"].flatMap(Int.init) ?? 1_000,
            secret: environment["MOSAIC_SECRET"],
            trustedProxies: trustedProxies.isEmpty
                ? (environment["MOSAIC_TRUSTED_PROXIES"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                : trustedProxies,
            dataLicence: licence)
        var logger = Logger(label: "mosaic")
        logger.logLevel = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        if case .postgres = try options.location, settings.secret == nil {
            logger.warning("no MOSAIC_SECRET: the sign-in form's token is signed with a key of this process only; give every instance on one database the same secret, or a form fetched from one instance is refused by another")
        }
        if settings.baseURL == nil {
            logger.warning("no --base-url (MOSAIC_BASE_URL): links in e-mails point to \(settings.servedAddress); set the site's public address so that readers can follow them")
        }

        let location = try options.location
        let store = try await options.openStore(location)
        if sample {
            let created = try await SampleContent.loadIfEmpty(into: store)
            if created > 0 { logger.info("loaded the sample practices", metadata: ["count": "\(created)"]) }
        }
        let started = ContinuousClock.now
        let snapshot = try await Catalog.load(from: store)
        let catalog = CatalogHolder(snapshot)
        logger.info("catalogue ready", metadata: ["practices": "\(snapshot.count)", "version": "\(snapshot.version)",
                                                  "seconds": "\(String(format: "%.2f", (ContinuousClock.now - started) / .seconds(1)))",
                                                  "database": "\(location)"])
        var siteMetrics: SiteMetrics?
        if metrics {
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            siteMetrics = SiteMetrics(registry: registry)
        }
        let site = try Site(catalog: catalog, store: store, workflow: SQLWorkflowStore(sharing: store, logger: logger), settings: settings,
                            metrics: siteMetrics, logger: logger)
        // PostgreSQL announces changes as they commit, so its poll is only a safety net; SQLite has no
        // such signal, and another process's write is seen at the next poll.
        site.follower.follow(signals: store.access.catalogSignals(logger: logger),
                             pollEvery: location.kind == .postgres ? .seconds(5) : .seconds(1))
        let app = buildApplication(site: site, logger: logger) { port in
            let shown = settings.host == "0.0.0.0" ? "127.0.0.1" : settings.host
            // Written straight to the file descriptor: `print` is buffered when the output is not a terminal.
            FileHandle.standardOutput.write(Data("Mosaic is running: open http://\(shown):\(port)/ (Ctrl-C to stop)\n".utf8))
        }
        var configuration = ServiceGroupConfiguration(services: [app, site.follower], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // Requests still running after this long are cancelled, and after a little more the group gives up
        // waiting: a stuck request cannot keep the server from stopping.
        configuration.maximumGracefulShutdownDuration = .seconds(10)
        configuration.maximumCancellationDuration = .seconds(5)
        let services = ServiceGroup(configuration: configuration)
        try await services.run()
        try await store.close()
    }
}
