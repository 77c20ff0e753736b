import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import MosaicCore
import MosaicStore
import Logging
import NIOCore
import NIOEmbedded
@testable import MosaicWeb
@testable import MosaicTestSupport

/// Attacks that must fail: each test here failed before its fix.
@Suite("Hardening")
struct HardeningTests {
    func service(_ site: TestSite, capacity: Int = 16) -> AccountService {
        AccountService(workflow: site.site.workflow, notices: site.site.editorial.notices, secureCookies: false, bcryptCost: 4,
                       passwordChecks: BoundedWork(running: capacity, waiting: 0))
    }

    @Test("Parallel wrong passwords from one address: no more are checked than the throttle allows")
    func throttlingHoldsUnderConcurrency() async throws {
        try await withSite { _, site in
            try await People.add(to: site)
            let accounts = service(site)
            let outcomes = try await withThrowingTaskGroup(of: AccountService.SignInOutcome.self) { group in
                for _ in 0..<40 {
                    group.addTask { try await accounts.signIn(email: People.editor.email, password: "wrong password!", address: "203.0.113.9") }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let checked = outcomes.filter { if case .refused = $0 { true } else { false } }.count
            #expect(checked == AccountService.freeFailures, "\(checked) passwords were checked")
            #expect(outcomes.count - checked == 40 - AccountService.freeFailures)
        }
    }

    @Test("Failures from another address do not lock the owner out; an attacker's own sign-in clears nothing for others")
    func throttleTheAttackerNotTheVictim() async throws {
        try await withSite { _, site in
            try await People.add(to: site)
            let accounts = service(site)
            for _ in 0..<(AccountService.freeFailures + 3) {
                _ = try await accounts.signIn(email: People.editor.email, password: "guess", address: "198.51.100.7")
            }
            guard case .signedIn = try await accounts.signIn(email: People.editor.email, password: People.password, address: "192.0.2.1") else {
                Issue.record("the owner, from their own address, was locked out")
                return
            }
            // From a fresh address: four failures against the editor, then the attacker signs in to their own account...
            for _ in 0..<(AccountService.freeFailures - 1) {
                _ = try await accounts.signIn(email: People.editor.email, password: "guess", address: "203.0.113.50")
            }
            guard case .signedIn = try await accounts.signIn(email: People.contributor.email, password: People.password, address: "203.0.113.50") else {
                Issue.record("the attacker's own sign-in failed")
                return
            }
            // ...which did not wipe the count: one more failure and the address waits.
            _ = try await accounts.signIn(email: People.admin.email, password: "guess", address: "203.0.113.50")
            guard case .wait = try await accounts.signIn(email: People.admin.email, password: "guess", address: "203.0.113.50") else {
                Issue.record("the address's failures were forgotten after its own sign-in")
                return
            }
        }
    }

    @Test("An unknown address costs the same bcrypt work as a known one")
    func decoyHasTheStoredCost() async throws {
        try await withSite { _, site in
            let accounts = service(site)
            #expect(accounts.decoyHash.hasPrefix("$2b$04$") || accounts.decoyHash.hasPrefix("$2a$04$") || accounts.decoyHash.hasPrefix("$2y$04$"),
                    "\(accounts.decoyHash.prefix(7))")
            let twelve = AccountService(workflow: site.site.workflow, notices: site.site.editorial.notices, secureCookies: false, bcryptCost: 12)
            #expect(twelve.decoyHash.dropFirst(4).hasPrefix("12$"))
        }
    }

    @Test("When bcrypt is busy, a sign-in is refused at once with 503 rather than queued")
    func busyPasswordChecks() async throws {
        try await withSite { _, site in
            try await People.add(to: site)
            await #expect(throws: BoundedWork.Busy.self) {
                _ = try await service(site, capacity: 0).signIn(email: People.editor.email, password: People.password, address: "192.0.2.1")
            }
        }
    }

    @Test("After sign-in, only paths of this site are followed", arguments: [
        ("/account", true), ("/fr/review/abc?state=draft", true), ("/practices?q=a%20b", true),
        ("/\t/evil.example", false), ("//evil.example", false), ("/\\evil.example", false), ("https://evil.example", false),
        ("/no-such-page", false), ("/static/mosaic.css", false), ("/account\n", false), ("", false),
    ])
    func safeNext(path: String, accepted: Bool) {
        #expect((Site.safeNext(path) != nil) == accepted, "\(path.debugDescription)")
    }

    @Test("A tab-smuggled next= does not redirect to another host")
    func openRedirect() async throws {
        try await withSite { client, site in
            try await People.add(to: site)
            let browser = Browser(client)
            try await browser.get("/login?next=/%09/evil.example")
            let answer = try await browser.post("/login?next=/%09/evil.example", [("email", People.editor.email), ("password", People.password),
                                                                                 ("next", "/\t/evil.example")])
            #expect(answer.status == .seeOther)
            #expect(answer.headers[.location] == "/review", "the editor's own page, not the smuggled address")
        }
    }

    @Test("Publishing validates as import does: a draft with no country or purpose stays a draft")
    func publishingValidates() async throws {
        try await withSite { client, site in
            try await People.add(to: site)
            let ana = try await Browser.signedIn(client, as: People.contributor)
            try await ana.get("/submit")
            let draft = try await ana.follow(ana.post("/submit", [("title", "Half a practice"), ("cities", "Lisbon"), ("action", "save")]))
            let id = try #require(practiceID(of: draft))
            let ed = try await Browser.signedIn(client, as: People.editor)
            try await ed.get("/review/\(id)")
            let refused = try await ed.post("/review/\(id)/publish", [("note", "")])
            #expect(refused.status == .unprocessableContent)
            let message = refused.document.first("p", class: "form-error")?.plainText ?? ""
            #expect(message.contains("Country") && message.contains("Purpose"), "\(message)")
            #expect(try await site.store.practice(id: Practice.ID(rawValue: id)) == nil)
            #expect(try await site.site.workflow.draft(of: Practice.ID(rawValue: id)) != nil)
        }
    }

    @Test("A huge one-word title is refused at once, and nothing is saved")
    func boundedTitle() async throws {
        try await withSite { client, site in
            try await People.add(to: site)
            let ana = try await Browser.signedIn(client, as: People.contributor)
            try await ana.get("/submit")
            let answer = try await ana.follow(ana.post("/submit", [("title", String(repeating: "a", count: 16_000)), ("cities", "Lisbon"), ("action", "save")]))
            #expect(answer.status == .unprocessableContent)
            #expect(answer.document.first("p", where: { $0["id"] == "e-title" })?.plainText.contains("200") == true)
            #expect(try await site.site.workflow.drafts(author: People.contributor.id).isEmpty)
        }
    }

    @Test("A form with a broken %-escape or bytes that are not UTF-8 is refused whole, with a message")
    func unreadableForms() async throws {
        try await withSite { client, site in
            try await People.add(to: site)
            let ana = try await Browser.signedIn(client, as: People.contributor)
            try await ana.get("/submit")
            let token = try #require(ana.csrf)
            let cookie = try #require(ana.cookies[AccountService.sessionCookie])
            for body in [Array("title=Walks%ZZ&cities=Lisbon&action=save&csrf=\(token)".utf8),
                         Array("title=Walks&cities=Lisbon&action=save&csrf=\(token)&purpose=".utf8) + [0xC3, 0x28]] {
                let page = try await client.execute(uri: "/submit", method: .post,
                                                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(AccountService.sessionCookie)=\(cookie)"],
                                                    body: ByteBuffer(bytes: body)) { response in
                    (response.status, String(buffer: response.body))
                }
                #expect(page.0 == .badRequest)
                #expect(page.1.contains("The form could not be read"))
            }
            #expect(try await site.site.workflow.drafts(author: People.contributor.id).isEmpty)
        }
    }

    @Test("The CSRF token of a visitor not signed in is the site's, not one the client chose")
    func signedAnonymousToken() async throws {
        try await withSite { client, site in
            try await People.add(to: site)
            let chosen = "attacker-chosen-token-attacker-chosen-token-0123456789"
            let answer = try await client.execute(
                uri: "/login", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(AccountService.csrfCookie)=\(chosen)"],
                body: ByteBuffer(string: "email=ed%40example.org&password=correct+horse+battery&csrf=\(chosen)")) { $0.status }
            #expect(answer == .forbidden)
            // The site's own token works, and a tampered one does not.
            let browser = Browser(client)
            try await browser.get("/login")
            let issued = try #require(browser.csrf)
            #expect(site.site.accounts.isSigned(issued))
            #expect(!site.site.accounts.isSigned(issued.dropLast() + (issued.last == "A" ? "B" : "A")))
            #expect(try await browser.post("/login", [("email", People.editor.email), ("password", People.password)]).status == .seeOther)
        }
    }

    @Test("A failure answers with a page, the security headers and a reference; secrets stay out of logged paths")
    func failuresAreProperPages() async throws {
        try await withSite { client, site in
            try await People.add(to: site)
            let browser = try await Browser.signedIn(client, as: People.contributor)
            try await site.store.close()  // every database call now fails
            let page = try await browser.get("/fr/submit")
            #expect(page.status == .internalServerError)
            #expect(page.h1 == "Une erreur s’est produite")
            let id = try #require(page.headers[SecurityHeaders.requestID])
            #expect(!id.isEmpty && page.body.contains(id))
            #expect(page.headers[.contentSecurityPolicy] == SecurityHeaders.contentSecurityPolicy)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
        }
        #expect(RequestLogMiddleware.redacted("/fr/password/reset/s3cr3t-token") == "/fr/password/reset/REDACTED")
        #expect(RequestLogMiddleware.redacted("/practices/x") == "/practices/x")
    }

    @Test("Behind a trusted proxy the client is the address it forwarded for; nobody else's headers are believed")
    func clientAddressBehindProxies() {
        func request(_ fields: HTTPFields) -> Request {
            Request(head: HTTPRequest(method: .get, scheme: "http", authority: "mosaic.test", path: "/", headerFields: fields),
                    body: RequestBody(buffer: ByteBuffer()))
        }
        let xff = HTTPField.Name("X-Forwarded-For")!, forwarded = HTTPField.Name("Forwarded")!
        let proxies: Set<String> = ["127.0.0.1", "10.0.0.2"]
        #expect(ClientAddress.of(request([xff: "198.51.100.1"]), peer: "203.0.113.9", trusting: proxies) == "203.0.113.9")
        #expect(ClientAddress.of(request([xff: "198.51.100.1, 203.0.113.5"]), peer: "127.0.0.1", trusting: proxies) == "203.0.113.5")
        #expect(ClientAddress.of(request([xff: "198.51.100.1, 10.0.0.2"]), peer: "127.0.0.1", trusting: proxies) == "198.51.100.1")
        #expect(ClientAddress.of(request([forwarded: "for=192.0.2.60;proto=http;by=203.0.113.43"]), peer: "127.0.0.1", trusting: proxies) == "192.0.2.60")
        #expect(ClientAddress.of(request([forwarded: "for=\"[2001:db8:cafe::17]:4711\""]), peer: "127.0.0.1", trusting: proxies) == "2001:db8:cafe::17")
        #expect(ClientAddress.of(request([:]), peer: "127.0.0.1", trusting: proxies) == "127.0.0.1")
        #expect(ClientAddress.of(request([:]), peer: nil, trusting: proxies) == "unknown")
    }

    @Test("A huge e-mail address is cut before it reaches the throttle and the audit log")
    func boundedEmail() async throws {
        try await withSite { _, site in
            let huge = String(repeating: "a", count: 200_000) + "@example.org"
            let outcome = try await service(site).signIn(email: huge, password: "x", address: "192.0.2.3")
            guard case .refused = outcome else { Issue.record("\(outcome)"); return }
            let logged = try await site.site.workflow.auditLog(limit: 5).filter { $0.action == .signInFailed }
            #expect(logged.allSatisfy { $0.subject.utf8.count <= Account.maximumEmailLength })
            #expect(!EmailCheck.isPlausible(huge))
        }
    }

    @Test("Every field has a bound, on every path that writes a practice")
    func everyFieldIsBounded() {
        var practice = Practice(slug: Slug(making: "x"), title: "x", country: Country.Code(rawValue: "PT"),
                                cities: (0..<60).map { "City \($0)" }, sections: [.purpose: "p"])
        practice.links = (0..<60).map { Practice.Link(title: "t", url: "https://example.org/\($0)") }
        practice.contact = Practice.Contact(name: String(repeating: "n", count: 400), organisation: "o")
        practice.source = String(repeating: "s", count: 3_000)
        practice.translations["fr"] = Practice.Translation(subtitle: String(repeating: "s", count: 400),
                                                           sections: [.impact: String(repeating: "i", count: 60_000)])
        let fields = Set(PracticeValidator().validate(practice).map(\.field))
        #expect(fields.isSuperset(of: ["cities", "links", "contact_name", "source", "translations.fr.subtitle", "translations.fr.impact"]), "\(fields)")
    }

    @Test("A request whose client has gone stops before its costly work")
    func clientGone() async throws {
        let channel = EmbeddedChannel()
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).get()
        let context = MosaicContext(source: ApplicationRequestContextSource(channel: channel, logger: Logger(label: "test")))
        #expect(!context.clientHasGone)
        #expect(throws: Never.self) { try context.stopIfClientHasGone() }
        try await channel.close()
        #expect(context.clientHasGone)
        #expect(throws: CancellationError.self) { try context.stopIfClientHasGone() }
    }
}
