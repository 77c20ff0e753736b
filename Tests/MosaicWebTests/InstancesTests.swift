import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import MosaicCore
import MosaicSearch
import MosaicStore
@testable import MosaicWeb
@testable import MosaicTestSupport

/// Two instances of the site on one database, as two `mosaic serve` behind a load balancer: each has
/// its own connection(s) and its own snapshot, and they must agree. Every test runs on SQLite and, when
/// the tests have a server, on PostgreSQL.
@Suite("Several instances on one database")
struct InstancesTests {
    struct Pair {
        let database: TemporaryDatabase
        let one: TestSite
        let two: TestSite
    }

    /// A database with the sample content and the test people, and two sites on it.
    func withTwoInstances(_ engine: TestEngine,
                          _ body: @Sendable @escaping (Pair, any TestClientProtocol, any TestClientProtocol) async throws -> Void) async throws {
        try await withDatabase(engine) { database in
            try await SampleContent.loadIfEmpty(into: database.store)
            let one = try await TestSite.open(database.location)
            let two = try await TestSite.open(database.location)
            try await People.add(to: one)
            let pair = Pair(database: database, one: one, two: two)
            do {
                try await one.app.test(.router) { clientOne in
                    try await two.app.test(.router) { clientTwo in try await body(pair, clientOne, clientTwo) }
                }
            } catch {
                await one.close()
                await two.close()
                throw error
            }
            await one.close()
            await two.close()
        }
    }

    /// Runs `site`'s follower as `mosaic serve` does: PostgreSQL's signals with a poll too slow to
    /// matter (so that only the signals can make a test pass in time), SQLite's quick poll.
    func following(_ site: TestSite, _ engine: TestEngine) -> Task<Void, any Error> {
        var logger = Logger(label: "test.follower")
        logger.logLevel = .critical
        site.site.follower.follow(signals: site.store.access.catalogSignals(logger: logger),
                                  pollEvery: engine == .postgres ? .seconds(60) : .milliseconds(200))
        return Task { try await site.site.follower.run() }
    }

    /// Waits until `condition` holds, up to `limit`; returns how long it took, or nil.
    func waitFor(_ limit: Duration, _ condition: () async throws -> Bool) async rethrows -> Duration? {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < limit {
            if try await condition() { return ContinuousClock.now - start }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return try await condition() ? ContinuousClock.now - start : nil
    }

    /// Submits a practice as Ana and publishes it as Ed, both on `client`; returns its slug.
    func publish(_ title: String, on client: any TestClientProtocol) async throws -> Slug {
        let ana = try await Browser.signedIn(client, as: People.contributor)
        try await ana.get("/submit")
        let submitted = try await ana.follow(ana.post("/submit", completeSubmission(title: title)))
        let id = try #require(practiceID(of: submitted))
        let ed = try await Browser.signedIn(client, as: People.editor)
        try await ed.get("/review/\(id)")
        let published = try await ed.post("/review/\(id)/publish", [("note", "")])
        #expect(published.status == .seeOther)
        return Slug(making: title)
    }

    @Test("A publication on one instance shows on the other within a second, and both answer with the same ETag",
          arguments: TestEngine.all)
    func publicationReachesTheOtherInstance(_ engine: TestEngine) async throws {
        try await withTwoInstances(engine) { pair, one, two in
            let follower = following(pair.two, engine)
            defer { follower.cancel() }
            #expect(try await two.get("/").headers[.eTag] == (try await one.get("/").headers[.eTag]))

            let slug = try await publish("Quorvane harbour stories", on: one)
            // The instance that published has it before its answer; the other within a second.
            #expect(try await one.get("/practices/\(slug)").status == .ok)
            let delay = await waitFor(.seconds(1)) { pair.two.site.catalog.catalog.practice(slug: slug) != nil }
            #expect(delay != nil, "the second instance did not show the publication within a second")
            let page = try await two.get("/practices?q=quorvane")
            #expect(page.cards.count == 1)
            #expect(pair.two.site.catalog.catalog.version == pair.one.site.catalog.catalog.version)
            #expect(try await two.get("/").headers[.eTag] == (try await one.get("/").headers[.eTag]))
            #expect(try await two.get("/practices?q=harbour").headers[.eTag] == (try await one.get("/practices?q=harbour").headers[.eTag]))
        }
    }

    @Test("An import from the command line reaches running instances, unpublishing too", arguments: TestEngine.all)
    func importReachesRunningInstances(_ engine: TestEngine) async throws {
        try await withTwoInstances(engine) { pair, _, two in
            let follower = following(pair.two, engine)
            defer { follower.cancel() }
            // `mosaic import` is another process: another connection to the database.
            let command = try await SQLPracticeStore.open(pair.database.location)
            let file = try pair.database.file("new.jsonl", """
                {"id": "imported-1", "title": "Velmora night library", "country": "PT", "cities": ["Porto"], "purpose": "Open late for shift workers."}
                {"id": "sample-01", "status": "unpublished"}
                """ + "\n")
            let report = try await CatalogImporter(store: command).run([file])
            try await command.close()
            #expect(report.issues.isEmpty, "\(report.issues)")
            // PostgreSQL announces the import's commit; SQLite's instances see it at their next poll.
            let limit: Duration = engine == .postgres ? .seconds(1) : .seconds(3)
            let delay = await waitFor(limit) { pair.two.site.catalog.catalog.practice(id: Practice.ID(rawValue: "imported-1")) != nil }
            #expect(delay != nil, "the running instance did not show the import within \(limit)")
            #expect(try await two.get("/practices?q=velmora").cards.count == 1)
            #expect(pair.two.site.catalog.catalog.practice(id: Practice.ID(rawValue: "sample-01")) == nil)
        }
    }

    @Test("A visitor signed in on one instance is signed in on the other", arguments: TestEngine.all)
    func sessionsAreShared(_ engine: TestEngine) async throws {
        try await withTwoInstances(engine) { _, one, two in
            let ana = try await Browser.signedIn(one, as: People.contributor)
            let elsewhere = Browser(two, cookiesOf: ana)
            let account = try await elsewhere.get("/account")
            #expect(account.status == .ok)
            #expect(account.body.contains(People.contributor.name))
            // Her form on the second instance carries a token the first accepts: the session is one.
            try await elsewhere.get("/submit")
            let saved = try await elsewhere.post("/submit", [("title", "Saved across instances"), ("cities", "Lisbon"), ("action", "save")])
            #expect(saved.status == .seeOther)
            // Signing out on one ends the session on both.
            try await ana.get("/account")
            try await ana.post("/logout", [])
            #expect(try await Browser(two, cookiesOf: elsewhere).get("/account").status != .ok)
        }
    }

    @Test("Sign-in throttling counts the attempts made on every instance", arguments: TestEngine.all)
    func throttlingIsShared(_ engine: TestEngine) async throws {
        try await withTwoInstances(engine) { _, one, two in
            for attempt in 0..<AccountService.freeFailures {
                let client = attempt.isMultiple(of: 2) ? one : two
                let page = try await Browser(client).signIn(People.editor.email, "wrong password!")
                #expect(page.status == .unauthorized)
            }
            // The attacker moves to the other instance: it knows.
            let onTwo = try await Browser(two).signIn(People.editor.email, People.password)
            let onOne = try await Browser(one).signIn(People.editor.email, People.password)
            #expect(onTwo.status == .tooManyRequests)
            #expect(onOne.status == .tooManyRequests)
        }
    }

    @Test("Parallel wrong passwords on two instances: no more are checked than the throttle allows", arguments: TestEngine.all)
    func throttlingHoldsAcrossInstancesUnderConcurrency(_ engine: TestEngine) async throws {
        try await withTwoInstances(engine) { pair, _, _ in
            let services = [pair.one, pair.two].map { site in
                AccountService(workflow: site.site.workflow, notices: site.site.editorial.notices, secureCookies: false, bcryptCost: 4,
                               passwordChecks: BoundedWork(running: 16, waiting: 0))
            }
            let outcomes = try await withThrowingTaskGroup(of: AccountService.SignInOutcome.self) { group in
                for attempt in 0..<40 {
                    let accounts = services[attempt % 2]
                    group.addTask { try await accounts.signIn(email: People.editor.email, password: "wrong password!", address: "203.0.113.9") }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let checked = outcomes.filter { if case .refused = $0 { true } else { false } }.count
            #expect(checked == AccountService.freeFailures, "\(checked) passwords were checked")
        }
    }

    @Test("A listener whose connection is killed reconnects and catches up, losing nothing",
          .enabled(if: TestEngine.postgresURL != nil, "needs the PostgreSQL server of MOSAIC_TEST_POSTGRES_URL"))
    func listenerReconnects() async throws {
        try await withTwoInstances(.postgres) { pair, one, _ in
            let follower = following(pair.two, .postgres)
            defer { follower.cancel() }
            _ = try await publish("Before the cut", on: one)
            #expect(await waitFor(.seconds(1)) { pair.two.site.follower.lag == 0 && pair.two.site.catalog.catalog.version == pair.one.site.catalog.catalog.version } != nil)
            // The server ends the listening connection, as a restart or a network cut would.
            let killed = try await pair.database.store.access.withDatabase { db in
                try await db.raw("""
                    SELECT COUNT(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
                    WHERE datname = current_database() AND query LIKE 'LISTEN%'
                    """).first()?.decode(column: "n", as: Int.self) ?? 0
            }
            #expect(killed == 1)
            // Published while nobody listens: the catch-up after reconnecting finds it.
            let slug = try await publish("After the cut", on: one)
            let delay = await waitFor(.seconds(2)) { pair.two.site.catalog.catalog.practice(slug: slug) != nil }
            #expect(delay != nil, "the second instance did not catch up after its listener was cut")
        }
    }
}
