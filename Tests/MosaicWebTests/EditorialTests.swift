import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MosaicCore
import MosaicStore
import Testing
@testable import MosaicWeb
@testable import MosaicTestSupport

/// Accounts, sessions, CSRF, throttling, resets, submission, review, history: through the real router,
/// on a real SQLite file, as a browser would use them.
@Suite("Contributors and editors")
struct EditorialTests {
    func withPeople(_ body: @Sendable @escaping (any TestClientProtocol, TestSite) async throws -> Void) async throws {
        try await withSite { client, site in
            try await People.add(to: site)
            try await body(client, site)
        }
    }

    // MARK: Signing in and out

    @Test("Signing in gives a new session; signing out ends it")
    func sessionRenewalAndEnd() async throws {
        try await withPeople { client, _ in
            let browser = Browser(client)
            let first = try await browser.signIn(People.contributor.email, People.password)
            #expect(first.status == .seeOther)
            #expect(first.headers[.location] == "/account")
            let firstSession = try #require(browser.cookies[AccountService.sessionCookie])
            #expect(first.headers[values: .setCookie].contains { $0.contains("HttpOnly") && $0.contains("SameSite=Lax") })
            #expect(try await browser.get("/account").h1 == "My account")

            // Signing in again (even when signed in) gives another identifier, and the old one stops working.
            _ = try await browser.signIn(People.contributor.email, People.password)
            let second = try #require(browser.cookies[AccountService.sessionCookie])
            #expect(second != firstSession)
            let stale = try await client.get("/account", headers: [.cookie: "\(AccountService.sessionCookie)=\(firstSession)"])
            #expect(stale.status == .seeOther, "the previous session was ended")

            try await browser.get("/account")
            let out = try await browser.post("/logout", [])
            #expect(out.status == .seeOther)
            let after = try await client.get("/account", headers: [.cookie: "\(AccountService.sessionCookie)=\(second)"])
            #expect(after.status == .seeOther)
            #expect(after.headers[.location]?.hasPrefix("/login?next=") == true)
        }
    }

    @Test("A wrong password and an unknown address get the same answer")
    func refusalRevealsNothing() async throws {
        try await withPeople { client, _ in
            let wrong = try await Browser(client).signIn(People.contributor.email, "not the password")
            let unknown = try await Browser(client).signIn("nobody@nowhere.example", "not the password")
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            let message = { (page: Page) in page.document.first("p", class: "form-error")?.plainText }
            #expect(message(wrong) != nil)
            #expect(message(wrong) == message(unknown))
        }
    }

    @Test("Repeated failures make an account wait, and the page says how long")
    func throttling() async throws {
        try await withPeople { client, site in
            let browser = Browser(client)
            for _ in 0..<AccountService.freeFailures {
                #expect(try await browser.signIn(People.editor.email, "wrong password!").status == .unauthorized)
            }
            // Now even the right password waits.
            let waiting = try await browser.signIn(People.editor.email, People.password)
            #expect(waiting.status == .tooManyRequests)
            #expect(Int(waiting.headers[.retryAfter] ?? "") ?? 0 > 0)
            let text = waiting.document.first("p", class: "form-error")?.plainText ?? ""
            #expect(text.contains("Wait 30 seconds") || text.contains("Wait 29 seconds"), "\(text)")
            #expect(browser.cookies[AccountService.sessionCookie] == nil)
            // An unknown address is throttled the same way: the answer does not tell them apart.
            for _ in 0..<AccountService.freeFailures { _ = try await Browser(client).signIn("ghost@example.org", "wrong password!") }
            #expect(try await Browser(client).signIn("ghost@example.org", "x").status == .tooManyRequests)
            // Failed sign-ins are in the audit log.
            let log = try await site.site.workflow.auditLog(limit: 50)
            #expect(log.filter { $0.action == .signInFailed && $0.subject == People.editor.email }.count == AccountService.freeFailures)
        }
    }

    @Test("The wait grows with each failure and ends")
    func waitPolicy() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(AccountService.wait(after: ["k": (4, now)], now: now) == 0)
        #expect(AccountService.wait(after: ["k": (5, now)], now: now) == 30)
        #expect(AccountService.wait(after: ["k": (7, now)], now: now) == 120)
        #expect(AccountService.wait(after: ["k": (30, now)], now: now) == 15 * 60)
        #expect(AccountService.wait(after: ["k": (5, now)], now: now.addingTimeInterval(31)) == 0)
    }

    // MARK: CSRF

    @Test("A form without its token, or with another one, is refused with 403 and changes nothing")
    func csrfRefusals() async throws {
        try await withPeople { client, site in
            // Sign-in without a token: no session.
            let anonymous = Browser(client)
            try await anonymous.get("/login")
            let noToken = try await anonymous.post("/login", [("email", People.editor.email), ("password", People.password)], token: .none)
            #expect(noToken.status == .forbidden)
            #expect(anonymous.cookies[AccountService.sessionCookie] == nil)

            let browser = try await Browser.signedIn(client, as: People.contributor)
            try await browser.get("/submit")
            for token in [Browser.Token.none, .value("forged-token-forged-token-forged-token-1234")] {
                let refused = try await browser.follow(browser.post("/submit", completeSubmission(action: "save"), token: token))
                #expect(refused.status == .forbidden)
                #expect(refused.h1 == "This form has expired")
            }
            #expect(try await site.site.workflow.drafts(author: People.contributor.id).isEmpty)
            // Sign-out without the token leaves the session alone.
            #expect(try await browser.post("/logout", [], token: .none).status == .forbidden)
            #expect(try await browser.get("/account").status == .ok)
            // The token of another visitor's session does not work either.
            let other = try await Browser.signedIn(client, as: People.editor)
            try await other.get("/account")
            let stolen = try #require(other.csrf)
            #expect(try await browser.follow(browser.post("/submit", completeSubmission(action: "save"), token: .value(stolen))).status == .forbidden)
        }
    }

    // MARK: Password reset

    @Test("A reset link goes to the outbox, works once, and expires")
    func passwordReset() async throws {
        try await withPeople { client, site in
            let browser = Browser(client)
            try await browser.get("/password/forgot")
            // The form redirects (303) to the page that says what happened: reloading it sends nothing again.
            let answer = try await browser.post("/password/forgot", [("email", People.contributor.email)])
            #expect(answer.status == .seeOther)
            let sent = try await browser.follow(answer)
            #expect(sent.status == .ok && sent.document.first("p", class: "lead")?.plainText.isEmpty == false)
            // The same answer for an address without an account, and nothing in the outbox for it.
            try await browser.get("/password/forgot")
            let unknown = try await browser.follow(browser.post("/password/forgot", [("email", "nobody@nowhere.example")]))
            #expect(unknown.document.first("p", class: "lead")?.plainText == sent.document.first("p", class: "lead")?.plainText)
            let outbox = try await site.site.workflow.outbox(limit: 10)
            #expect(outbox.count == 1)
            let message = try #require(outbox.first)
            #expect(message.recipient == People.contributor.email)
            let link = try #require(message.body.split(separator: "\n").first { $0.contains("/password/reset/") })
            let path = String(link[link.range(of: "/password/reset/")!.lowerBound...])

            // A session open before the reset ends with it.
            let signedIn = try await Browser.signedIn(client, as: People.contributor)

            try await browser.get(path)
            #expect(try await browser.post(path, [("password", "short"), ("confirm", "short")]).status == .unprocessableContent)
            #expect(try await browser.post(path, [("password", "a brand new passphrase"), ("confirm", "another one entirely")]).status == .unprocessableContent)
            let done = try await browser.post(path, [("password", "a brand new passphrase"), ("confirm", "a brand new passphrase")])
            #expect(done.status == .seeOther)
            let login = try await browser.follow(done)
            #expect(login.document.first("p", class: "notice")?.plainText == "Your password has been changed. Sign in with it now.")
            #expect(try await signedIn.get("/account").status == .seeOther)
            // Used once: the second time it is refused.
            #expect(try await browser.post(path, [("password", "yet another passphrase"), ("confirm", "yet another passphrase")]).status == .gone)
            #expect(try await Browser(client).signIn(People.contributor.email, "a brand new passphrase").status == .seeOther)
            #expect(try await Browser(client).signIn(People.contributor.email, People.password).status == .unauthorized)

            // Asking again and again sends no more than the free attempts allow, with the same answer.
            for _ in 0..<(AccountService.freeFailures + 3) {
                try await browser.get("/password/forgot")
                #expect(try await browser.post("/password/forgot", [("email", People.editor.email)]).status == .seeOther)
            }
            #expect(try await site.site.workflow.outbox(limit: 50).filter { $0.recipient == People.editor.email }.count
                    == AccountService.freeFailures - 2, "the client had already asked twice")

            // An expired link is refused.
            let token = Tokens.random()
            try await site.site.workflow.createPasswordReset(tokenHash: Tokens.hash(token), account: People.contributor.id,
                                                             expiresAt: Date().addingTimeInterval(-1))
            try await browser.get("/password/reset/\(token)")
            #expect(try await browser.post("/password/reset/\(token)", [("password", "expired passphrase"), ("confirm", "expired passphrase")]).status == .gone)
        }
    }

    // MARK: Permissions

    @Test("What each role is refused")
    func refusals() async throws {
        try await withPeople { client, site in
            // Anonymous visitors are sent to sign in, and their forms refused.
            for path in ["/account", "/submit", "/review", "/admin/audit", "/admin/thesaurus", "/fr/review"] {
                let page = try await client.get(path)
                #expect(page.status == .seeOther, "\(path)")
                #expect(page.headers[.location]?.contains("/login?next=") == true, "\(path)")
            }
            let anonymous = Browser(client)
            try await anonymous.get("/login")
            #expect(try await anonymous.follow(anonymous.post("/submit", completeSubmission())).status == .forbidden)
            #expect(try await site.site.workflow.drafts(state: .submitted).isEmpty)

            // A contributor submits a draft; anonymous visitors never see it.
            let ana = try await Browser.signedIn(client, as: People.contributor)
            try await ana.get("/submit")
            let saved = try await ana.follow(ana.post("/submit", completeSubmission(title: "Quixotry draft of Lisbon")))
            let id = try #require(practiceID(of: saved))
            #expect(try await client.get("/review/\(id)").status == .seeOther)
            #expect(try await client.get("/practices?q=quixotry").cards.isEmpty)
            #expect(try await client.get("/practices/quixotry-draft-of-lisbon").status == .notFound)

            // A contributor may not review, publish, or read the audit log.
            #expect(try await ana.get("/review").status == .forbidden)
            #expect(try await ana.get("/review/\(id)").status == .forbidden)
            try await ana.get("/account")
            #expect(try await ana.post("/review/\(id)/publish", []).status == .forbidden)
            #expect(try await ana.get("/admin/audit").status == .forbidden)
            #expect(try await ana.get("/admin/thesaurus").status == .forbidden)
            #expect(try await site.site.workflow.draft(of: Practice.ID(rawValue: id))?.state == .submitted)

            // Nor submit for another city, nor edit another city's practice or draft.
            try await ana.get("/submit")
            let foreign = try await ana.follow(ana.post("/submit", completeSubmission(title: "Oslo walks", city: "Oslo")))
            #expect(foreign.status == .unprocessableContent)
            #expect(foreign.document.first("p", where: { $0["id"] == "e-cities" })?.plainText.contains("Oslo") == true)
            let kai = try await Browser.signedIn(client, as: People.otherContributor)
            #expect(try await kai.get("/submit/\(id)").status == .forbidden)
            try await kai.get("/account")
            #expect(try await kai.follow(kai.post("/submit/\(id)", completeSubmission(title: "Taken over"))).status == .forbidden)
            let lisbonPractice = try #require(site.site.catalog.catalog.practices.first { $0.cities.contains("Lisbon") })
            #expect(try await kai.get("/submit/\(lisbonPractice.id.rawValue)").status == .forbidden)
            #expect(try await site.site.workflow.draft(of: Practice.ID(rawValue: id))?.practice.title == "Quixotry draft of Lisbon")

            // An editor reviews but may not read the audit log or manage accounts.
            let ed = try await Browser.signedIn(client, as: People.editor)
            #expect(try await ed.get("/review").status == .ok)
            #expect(try await ed.get("/admin/audit").status == .forbidden)
            // Editors read the thesaurus that expands searches.
            let thesaurus = try await ed.get("/fr/admin/thesaurus")
            #expect(thesaurus.status == .ok)
            #expect(thesaurus.document.first("h1")?.plainText == "Thésaurus")
            let refugee = try #require(thesaurus.document.first("tr", where: { $0["id"] == "concept-refugee" }))
            #expect(refugee.plainText.contains("asylum seeker") && refugee.plainText.contains("demandeur d’asile") || refugee.plainText.contains("demandeur d'asile"))
            #expect(refugee.first("a", where: { $0["href"] == "#concept-migrant" }) != nil)
            // An administrator may.
            let root = try await Browser.signedIn(client, as: People.admin)
            let audit = try await root.get("/admin/audit")
            #expect(audit.status == .ok)
            #expect(audit.body.contains(People.contributor.email))
        }
    }

    // MARK: What contributors stumbled on (issue 15, points 1 to 4)

    @Test("The language of the text: chosen from a list in the reader's language, read from a name, refused when unknown")
    func languageOfTheText() async throws {
        try await withPeople { client, site in
            let ana = try await Browser.signedIn(client, as: People.contributor)
            let french = try await ana.get("/fr/submit")
            let select = try #require(french.document.first("select", where: { $0["name"] == "language" }))
            #expect(select.first("option", where: { $0["selected"] != nil })?["value"] == "fr", "the reader's language first")
            #expect(select.first("option", where: { $0["value"] == "pt" })?.plainText == "portugais (pt)")
            // A name in another language is read as its code.
            var fields = completeSubmission(title: "Tram stories", action: "save")
            fields.removeAll { $0.0 == "language" }
            let saved = try await ana.follow(ana.post("/submit", fields + [("language", "português")]))
            let id = try #require(practiceID(of: saved))
            #expect(try await site.site.workflow.draft(of: Practice.ID(rawValue: id))?.practice.language == "pt")
            // What cannot be read is refused, saying so, and nothing is saved.
            try await ana.get("/submit")
            let refused = try await ana.post("/submit", completeSubmission(title: "Klingon walks", action: "save").filter { $0.0 != "language" } + [("language", "Klingon")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.document.first("div", class: "form-error")?.plainText.contains("“Klingon” is not a language Mosaic knows") == true)
            #expect(try await site.site.workflow.drafts(author: People.contributor.id).map(\.practice.title) == ["Tram stories"])
        }
    }

    @Test("A contributor's new practice starts in their city and its country; the form calls the city required, as the check does")
    func newPracticeStartsInTheContributorsCity() async throws {
        try await withPeople { client, _ in
            let ana = try await Browser.signedIn(client, as: People.contributor)
            let form = try await ana.get("/submit")
            #expect(form.document.first("select", where: { $0["name"] == "country" })?.first("option", where: { $0["selected"] != nil })?["value"] == "PT")
            #expect(form.document.first("input", where: { $0["name"] == "cities" })?["value"] == "Lisbon")
            let cities = try #require(form.document.first("label", where: { $0["for"] == "f-cities" }))
            #expect(cities.first("span", class: "requirement")?.plainText == "required")
            // Editors submit for any city, or none (a national practice): for them it stays recommended.
            let ed = try await Browser.signedIn(client, as: People.editor)
            let editorForm = try await ed.get("/submit")
            #expect(editorForm.document.first("label", where: { $0["for"] == "f-cities" })?.first("span", class: "requirement")?.plainText == "recommended")
        }
    }

    @Test("Every successful form POST redirects (303) to a page that says what happened; saving a submission keeps it submitted")
    func postRedirectGet() async throws {
        try await withPeople { client, site in
            let ana = try await Browser.signedIn(client, as: People.contributor)
            try await ana.get("/submit")
            let saved = try await ana.post("/submit", completeSubmission(title: "Tram stories", action: "save"))
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            #expect(location.hasSuffix("?done=saved"))
            // Reloading the page it leads to creates nothing.
            _ = try await ana.get(location)
            let page = try await ana.get(location)
            #expect(page.document.first("p", class: "notice")?.plainText == "Draft saved.")
            #expect(try await site.site.workflow.drafts(author: People.contributor.id).count == 1)
            let id = try #require(practiceID(of: page))

            // Sent for review, then edited with "Save draft": it stays in the editors' queue, with the new text.
            let sent = try await ana.post("/submit/\(id)", completeSubmission(title: "Tram stories", action: "submit"))
            #expect(sent.headers[.location]?.hasSuffix("?done=sent") == true)
            try await ana.get("/submit/\(id)")
            let edited = try await ana.post("/submit/\(id)", completeSubmission(title: "Tram stories, revised", action: "save"))
            #expect(edited.headers[.location]?.hasSuffix("?done=updated") == true)
            #expect(try await ana.follow(edited).document.first("p", class: "notice")?.plainText.contains("still waiting for review") == true)
            let draft = try #require(try await site.site.workflow.draft(of: Practice.ID(rawValue: id)))
            #expect(draft.state == .submitted && draft.practice.title == "Tram stories, revised")
            let ed = try await Browser.signedIn(client, as: People.editor)
            #expect(try await ed.get("/review").body.contains("Tram stories, revised"))
            // A submission must stay complete: emptying a required field is refused, and it stays as it was.
            try await ana.get("/submit/\(id)")
            let emptied = try await ana.post("/submit/\(id)", completeSubmission(title: "Tram stories, revised", action: "save").filter { $0.0 != "purpose" })
            #expect(emptied.status == .unprocessableContent)
            #expect(emptied.document.first("div", class: "form-error")?.plainText.contains("Purpose: ") == true, "the summary names the field")
            #expect(try await site.site.workflow.draft(of: Practice.ID(rawValue: id))?.state == .submitted)
        }
    }

    @Test("Contributors delete a draft never published, after a confirmation; nobody else may, nor a published practice's")
    func deletingDrafts() async throws {
        try await withPeople { client, site in
            let ana = try await Browser.signedIn(client, as: People.contributor)
            try await ana.get("/submit")
            let page = try await ana.follow(ana.post("/submit", completeSubmission(title: "Tram stories", action: "save")))
            let id = try #require(practiceID(of: page))
            let link = try #require(page.document.first("p", class: "delete-draft")?.first("a")?["href"])
            #expect(link == "/submit/\(id)/delete")
            // Another contributor may not, even with a valid token of their own.
            let kai = try await Browser.signedIn(client, as: People.otherContributor)
            #expect(try await kai.get(link).status == .forbidden)
            try await kai.get("/account")
            #expect(try await kai.post(link, []).status == .forbidden)
            // The author is asked first, then the draft goes.
            let confirm = try await ana.get(link)
            #expect(confirm.document.first("h1")?.plainText == "Delete the draft “Tram stories”?")
            let deleted = try await ana.post(link, [])
            #expect(deleted.status == .seeOther)
            #expect(try await ana.follow(deleted).document.first("p", class: "notice")?.plainText == "The draft was deleted.")
            #expect(try await site.site.workflow.draft(of: Practice.ID(rawValue: id)) == nil)
            #expect(try await ana.get(link).status == .notFound)
            // A published practice's draft has no delete link and cannot be deleted.
            let lisbon = try #require(site.site.catalog.catalog.practices.first { $0.cities.contains("Lisbon") })
            let editing = try await ana.follow(ana.post("/submit/\(lisbon.id.rawValue)", completeSubmission(title: lisbon.title, action: "save")))
            #expect(editing.document.first("p", class: "delete-draft") == nil)
            #expect(try await ana.get("/submit/\(lisbon.id.rawValue)/delete").status == .notFound)
        }
    }

    @Test("Editors are told of a practice sent for review, with an absolute link, in their language; they land on the queue, which counts")
    func editorsHearOfSubmissions() async throws {
        try await withPeople { client, site in
            try await site.site.workflow.setLanguage("fr", of: People.editor.id)
            let ana = try await Browser.signedIn(client, as: People.contributor)
            try await ana.get("/submit")
            let page = try await ana.follow(ana.post("/submit", completeSubmission(title: "Tram stories", action: "submit")))
            let id = try #require(practiceID(of: page))
            let told = try await site.site.workflow.outbox(limit: 10).filter { $0.recipient == People.editor.email }
            #expect(told.count == 1)
            let mail = try #require(told.first)
            #expect(mail.subject == "À relire\u{a0}: Tram stories")
            #expect(mail.body.contains("http://127.0.0.1:8080/fr/review/\(id)"), "an absolute link, even without --base-url: \(mail.body)")
            // Saving again while it waits tells nobody again.
            try await ana.get("/submit/\(id)")
            _ = try await ana.post("/submit/\(id)", completeSubmission(title: "Tram stories", action: "save"))
            #expect(try await site.site.workflow.outbox(limit: 10).filter { $0.recipient == People.editor.email }.count == 1)

            // An editor signing in lands on the queue, which says how many wait in each state.
            let ed = Browser(client)
            let signedIn = try await ed.signIn(People.editor.email, People.password)
            #expect(signedIn.headers[.location] == "/review")
            let queue = try await ed.get("/review")
            let submitted = try #require(queue.document.first("option", where: { $0["value"] == "submitted" }))
            #expect(submitted.plainText.hasSuffix("(\(try await site.site.workflow.drafts(state: .submitted).count))"))
            // A contributor lands on their practices.
            #expect(try await Browser(client).signIn(People.contributor.email, People.password).headers[.location] == "/account")
        }
    }

    // MARK: The whole flow

    @Test("Draft, submit, changes requested, resubmit, publish: the catalogue has it at once, with its history")
    func submissionFlow() async throws {
        try await withPeople { client, site in
            let ana = try await Browser.signedIn(client, as: People.contributor)
            // A draft saves even when almost empty.
            try await ana.get("/submit")
            let draft = try await ana.follow(ana.post("/submit", [("title", ""), ("cities", "Lisbon"), ("action", "save")]))
            #expect(draft.status == .ok)
            #expect(draft.document.first("p", class: "notice")?.plainText == "Draft saved.")
            let id = try #require(practiceID(of: draft))
            #expect(draft.document.first("meter")?["value"] == "0")

            // Submitting lists what is missing next to each field, and saves nothing.
            let incomplete = try await ana.follow(ana.post("/submit/\(id)", [("title", "Zorblat neighbourhood walks"), ("cities", "Lisbon"), ("action", "submit")]))
            #expect(incomplete.status == .unprocessableContent)
            for field in ["country", "purpose"] {
                #expect(incomplete.document.first("p", where: { $0["id"] == "e-\(field)" })?.plainText == "This field is required to submit for review.")
            }
            #expect(incomplete.document.first("div", class: "form-error")?.first("h2")?.plainText == "2 things to fix before submitting")
            #expect(try await site.site.workflow.draft(of: Practice.ID(rawValue: id))?.state == .draft)

            let submitted = try await ana.follow(ana.post("/submit/\(id)", completeSubmission()))
            #expect(submitted.status == .ok)
            // The meter counts the recommended sections only (Purpose is required, so not among them): Process.
            #expect(submitted.document.first("meter")?["value"] == "1")
            #expect(submitted.document.first("meter")?["max"] == "4")
            #expect(try await ana.get("/account").document.first("span", class: "state-submitted") != nil)

            // The editor sees it in the queue, with what it adds, and asks for a change.
            let ed = try await Browser.signedIn(client, as: People.editor)
            let queue = try await ed.get("/review")
            #expect(queue.document.all("a", where: { $0["href"] == "/review/\(id)" }).count == 1)
            let review = try await ed.get("/review/\(id)")
            #expect(review.document.all("ins").contains { $0.plainText.contains("Zorblat neighbourhood walks") })
            #expect(try await ed.post("/review/\(id)/request-changes", [("note", "")]).status == .unprocessableContent)
            try await ed.get("/review/\(id)")
            let requested = try await ed.post("/review/\(id)/request-changes", [("note", "Please say what the impact was.")])
            #expect(requested.status == .seeOther)
            // The queue the editor comes back to says what was done.
            // The queue's country filter takes a name as well as a code.
            for country in ["PT", "Portugal", "portogallo"] {
                let filtered = try await ed.get("/review?state=changes_requested&country=\(country)")
                #expect(filtered.body.contains("/review/\(id)"), "\(country)")
            }
            #expect(!(try await ed.get("/review?state=changes_requested&country=Spain")).body.contains("/review/\(id)"))
            let queueAfterRequest = try await ed.get(try #require(requested.headers[.location]))
            #expect(queueAfterRequest.document.first("p", class: "notice")?.plainText == "Your request for changes was sent to the contributor.")

            // The contributor is told, on the account page and through the outbox.
            let account = try await ana.get("/account")
            #expect(account.document.first("span", class: "state-changes_requested") != nil)
            #expect(account.body.contains("Please say what the impact was."))
            #expect(try await site.site.workflow.outbox(limit: 5).contains { $0.recipient == People.contributor.email && $0.body.contains("impact") })

            // The form asks for a reply to the editor, sent with the practice.
            let form = try await ana.get("/submit/\(id)")
            #expect(form.document.first("textarea", where: { $0["name"] == "reply" }) != nil)
            let fixed = try await ana.follow(ana.post("/submit/\(id)", completeSubmission(extra: [
                ("impact", "Two hundred families took part in the first year."), ("reply", "Impact added, with the figures of the first year.")])))
            #expect(fixed.status == .ok)

            // The editor sees what changed since the request (not the whole practice as new), the request and the reply.
            let again = try await ed.get("/review/\(id)")
            #expect(again.document.all("h2").map(\.plainText).contains("What changed since the version you asked to change"))
            #expect(again.body.contains("Please say what the impact was.") && again.body.contains("Impact added, with the figures of the first year."))
            let sinceHeading = try #require(again.document.all("h2").first { $0.plainText.hasPrefix("What changed since") })
            let sinceList = try #require(sinceHeading.parent?.children.drop { $0 !== sinceHeading }.dropFirst().first)
            #expect(sinceList.all("dt").map(\.plainText) == ["Impact"], "only the impact changed since the request")
            let published = try await ed.post("/review/\(id)/publish", [("note", "Thank you")])
            #expect(published.status == .seeOther)
            let afterPublishing = try await ed.get("/fr" + (try #require(published.headers[.location])))
            #expect(afterPublishing.document.first("p", class: "notice")?.plainText.hasPrefix("La pratique est publiée") == true)

            // At once in the catalogue, found by search, with a public history.
            let found = try await client.get("/practices?q=zorblat")
            #expect(found.cards.count == 1)
            let page = try await client.get("/practices/zorblat-neighbourhood-walks")
            #expect(page.status == .ok)
            let history = try await client.get("/practices/zorblat-neighbourhood-walks/history")
            #expect(history.status == .ok)
            // Readers see published versions only: one.
            #expect(history.document.first("tbody")?.all("tr").count == 1)
            // Editors see every revision, with the workflow's notes in their language.
            let french = try await ed.get("/fr/practices/zorblat-neighbourhood-walks/history")
            #expect(french.document.first("tbody")?.all("tr").count ?? 0 > 3)
            #expect(french.body.contains("soumise pour relecture") && french.body.contains("brouillon enregistré"))
            let log = try await site.site.workflow.auditLog(limit: 50).map(\.action)
            #expect(log.contains(.published) && log.contains(.changesRequested) && log.contains(.submitted))
        }
    }

    @Test("Editing a published practice keeps the published version online until the new one is published")
    func editingPublished() async throws {
        try await withPeople { client, site in
            let lisbon = try #require(site.site.catalog.catalog.practices.first { $0.cities.contains("Lisbon") })
            let ana = try await Browser.signedIn(client, as: People.contributor)
            let form = try await ana.get("/submit/\(lisbon.id.rawValue)")
            #expect(form.status == .ok)
            #expect(form.document.first("input", where: { $0["name"] == "title" })?["value"] == lisbon.title)
            var fields = completeSubmission(title: lisbon.title + " (revised)")
            fields.removeAll { $0.0 == "country" }
            fields.append(("country", lisbon.country.rawValue))
            #expect(try await ana.follow(ana.post("/submit/\(lisbon.id.rawValue)", fields)).status == .ok)
            // Still the old title online.
            let online = try await client.get(Route.practice(lisbon.slug).path("en"))
            #expect(online.h1 == lisbon.title)

            let ed = try await Browser.signedIn(client, as: People.editor)
            let review = try await ed.get("/review/\(lisbon.id.rawValue)")
            #expect(review.document.all("ins").contains { $0.plainText.contains("(revised)") })
            #expect(try await ed.post("/review/\(lisbon.id.rawValue)/publish", []).status == .seeOther)
            let updated = try #require(site.site.catalog.catalog.practice(id: lisbon.id))
            #expect(updated.title == lisbon.title + " (revised)")
            let page = try await client.get(Route.practice(updated.slug).path("en"))
            #expect(page.h1 == lisbon.title + " (revised)")
            // The old address still leads there.
            #expect(try await client.get(Route.practice(lisbon.slug).path("en")).status == .movedPermanently)

            // History: two published versions, numbered 1 and 2 for readers, and the difference names the title.
            let history = try await client.get("/practices/\(updated.slug.rawValue)/history")
            #expect(history.document.first("tbody")?.all("tr").map { $0.first("td")?.plainText ?? "" } == ["2", "1"])
            #expect(history.document.all("dt").contains { $0.plainText == "Title" })
            // Editors also see the draft between them, without a public number.
            let rows = try await ed.get("/practices/\(updated.slug.rawValue)/history").document.first("tbody")?.all("tr") ?? []
            #expect(rows.count > 2 && rows.map { $0.first("td")?.plainText ?? "" }.filter { $0 != "–" } == ["2", "1"])
            // The page cites version 2, with the address of that version.
            let cite = try #require(page.document.first("section", class: "cite"))
            #expect(cite.plainText.contains("(Version 2) [Good practice]. Mosaic. Retrieved "))
            #expect(cite.all("pre").first?.plainText.hasPrefix("@misc{mosaic-\(updated.slug.rawValue)-v2,") == true)
            #expect(page.body.contains("\nET  - 2\n"), "RIS keeps its two spaces")
            let revision = try #require(try await site.store.revisions(of: lisbon.id).last?.number)
            #expect(cite.plainText.contains("/practices/\(updated.slug.rawValue)/history?to=\(revision)"))

            // Unpublishing takes it offline; restoring an older revision is itself a new revision.
            try await ed.get("/review/\(lisbon.id.rawValue)")
            #expect(try await ed.post("/review/\(lisbon.id.rawValue)/unpublish", [("note", "")]).status == .unprocessableContent)
            try await ed.get("/review/\(lisbon.id.rawValue)")
            #expect(try await ed.post("/review/\(lisbon.id.rawValue)/unpublish", [("note", "Duplicate of another entry")]).status == .seeOther)
            #expect(try await client.get(Route.practice(updated.slug).path("en")).status == .notFound)
            // The contributor who wrote the last version is told why.
            #expect(try await site.site.workflow.outbox(limit: 5).contains {
                $0.recipient == People.contributor.email && $0.subject.hasPrefix("Unpublished") && $0.body.contains("Duplicate of another entry")
            })
            #expect(try await client.get("/practices/\(updated.slug.rawValue)/history").status == .notFound)
            let editorHistory = try await ed.get("/practices/\(updated.slug.rawValue)/history")
            #expect(editorHistory.status == .ok)
            let before = try await site.store.revisions(of: lisbon.id).count
            let first = try #require(try await site.store.revisions(of: lisbon.id).first)
            #expect(try await ed.post("/practices/\(updated.slug.rawValue)/history/\(first.number)/restore", []).status == .seeOther)
            #expect(try await site.store.revisions(of: lisbon.id).count == before + 1)
            #expect(try await site.store.practice(id: lisbon.id)?.title == lisbon.title)
        }
    }

    // MARK: Hostile text

    @Test("Markup typed into any field is shown as text on every page that shows it")
    func hostileTextIsInert() async throws {
        try await withPeople { client, site in
            let attack = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>"
            let ana = try await Browser.signedIn(client, as: People.contributor)
            try await ana.get("/submit")
            var fields: [(String, String)] = [("title", "Walks " + attack), ("country", "PT"), ("cities", "Lisbon"), ("language", "en"),
                                              ("subtitle", attack), ("period", "2020 " + attack), ("contact_name", attack), ("action", "submit")]
            for section in Practice.Section.allCases { fields.append((section.rawValue, "Text " + attack)) }
            let submitted = try await ana.follow(ana.post("/submit", fields))
            #expect(submitted.status == .ok)
            let id = try #require(practiceID(of: submitted))
            let ed = try await Browser.signedIn(client, as: People.editor)
            var pages = [submitted, try await ana.get("/account"), try await ed.get("/review"), try await ed.get("/review/\(id)")]
            try await ed.get("/review/\(id)")
            #expect(try await ed.post("/review/\(id)/publish", []).status == .seeOther)
            let slug = try #require(site.site.catalog.catalog.practice(id: Practice.ID(rawValue: id))?.slug)
            pages += [try await client.get("/practices/\(slug.rawValue)"), try await client.get("/practices?q=walks"),
                      try await client.get("/practices/\(slug.rawValue)/history"), try await ed.get("/practices/\(slug.rawValue)/history")]
            for page in pages {
                #expect(!page.body.contains("<script>alert"), "\(page.h1)")
                #expect(!page.body.contains("<img src=x"), "\(page.h1)")
                #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || page.body.contains("&lt;img src=x"), "\(page.h1)")
            }
        }
    }

    @Test("Only an administrator changes roles, never their own, and the change is audited")
    func roleChanges() async throws {
        try await withPeople { client, site in
            let path = "/admin/accounts/\(People.contributor.id.rawValue)/role"
            let ed = try await Browser.signedIn(client, as: People.editor)
            try await ed.get("/account")
            #expect(try await ed.post(path, [("role", "admin")]).status == .forbidden)
            #expect(try await site.site.workflow.account(id: People.contributor.id)?.role == .contributor)

            let root = try await Browser.signedIn(client, as: People.admin)
            try await root.get("/admin/audit")
            #expect(try await root.post(path, [("role", "editor")], token: .none).status == .forbidden)
            try await root.get("/admin/audit")
            #expect(try await root.post(path, [("role", "editor")]).status == .seeOther)
            #expect(try await site.site.workflow.account(id: People.contributor.id)?.role == .editor)
            try await root.get("/admin/audit")
            #expect(try await root.post("/admin/accounts/\(People.admin.id.rawValue)/role", [("role", "contributor")]).status == .unprocessableContent)
            #expect(try await site.site.workflow.account(id: People.admin.id)?.role == .admin)
            let log = try await site.site.workflow.auditLog(limit: 50)
            #expect(log.contains { $0.action == .roleChanged && $0.subject == People.contributor.email && $0.actor == People.admin.email })
            // The new editor may review at once.
            let ana = try await Browser.signedIn(client, as: People.contributor)
            #expect(try await ana.get("/review").status == .ok)
        }
    }

    @Test("Cookies are Secure when the site is served over HTTPS")
    func secureCookies() async throws {
        #expect(WebSettings(baseURL: "https://mosaic.example.org").secureCookies)
        #expect(!WebSettings(baseURL: "http://localhost:8080").secureCookies)
        #expect(!WebSettings().secureCookies)
        #expect(WebSettings(secureCookies: true).secureCookies)
        try await withSite { _, site in
            let service = AccountService(workflow: site.site.workflow, notices: site.site.editorial.notices, secureCookies: true, bcryptCost: 4)
            #expect(service.cookie("a", "b", maxAge: 10) == "a=b; Path=/; HttpOnly; SameSite=Lax; Max-Age=10; Secure")
        }
    }

    @Test("The new pages exist in French, with their texts")
    func frenchPages() async throws {
        try await withPeople { client, _ in
            #expect(try await client.get("/fr/login").h1 == "Connexion")
            #expect(try await client.get("/fr/password/forgot").h1 == "Réinitialiser le mot de passe")
            let browser = Browser(client)
            try await browser.get("/fr/login")
            let signedIn = try await browser.post("/fr/login", [("email", People.editor.email), ("password", People.password)])
            #expect(signedIn.headers[.location] == "/fr/review")
            #expect(try await browser.get("/fr/account").h1 == "Mon compte")
            #expect(try await browser.get("/fr/submit").h1 == "Proposer une pratique")
            #expect(try await browser.get("/fr/review").h1 == "File de relecture")
        }
    }

    // MARK: Translations

    @Test("A contributor adds a translation in any interface language; one without its language comes back asking for it")
    func translationsOnTheForm() async throws {
        try await withPeople { client, site in
            let ana = try await Browser.signedIn(client, as: People.contributor)
            try await ana.get("/submit")
            let saved = try await ana.follow(ana.post("/submit", completeSubmission(action: "save", extra: [
                ("tr_new_language", "el"), ("tr_new_title", "Περίπατοι γειτονιάς"), ("tr_new_purpose", "Οι νεοφερμένοι γνωρίζουν τη γειτονιά τους."),
            ])))
            let id = try #require(practiceID(of: saved))
            let draft = try #require(try await site.site.workflow.drafts(author: People.contributor.id).first { $0.practice.id.rawValue == id })
            #expect(draft.practice.translations["el"]?.title == "Περίπατοι γειτονιάς")
            #expect(draft.practice.translations["el"]?.sections[.purpose] == "Οι νεοφερμένοι γνωρίζουν τη γειτονιά τους.")
            // The form shows it for editing, marked as Greek, and offers the other languages.
            let form = try await ana.get("/submit/\(id)")
            let title = try #require(form.document.first("input", where: { $0["name"] == "tr_el_title" }))
            #expect(title["value"] == "Περίπατοι γειτονιάς" && title["lang"] == "el")
            let offered = form.document.first("select", where: { $0["name"] == "tr_new_language" })?.all("option").compactMap { $0["value"] } ?? []
            #expect(offered.contains("uk") && !offered.contains("el") && !offered.contains("en"))
            // Emptied, the translation goes; written without a language, it is not lost but asked about.
            var emptied = completeSubmission(action: "save")
            emptied += [("tr_el_title", ""), ("tr_el_purpose", ""), ("tr_new_title", "Sans langue")]
            let refused = try await ana.follow(ana.post("/submit/\(id)", emptied))
            #expect(refused.document.first("div", class: "form-error")?.plainText.contains("Choose the language of the translation") == true)
            #expect(refused.document.first("input", where: { $0["name"] == "tr_new_title" })?["value"] == "Sans langue")
            try await ana.follow(ana.post("/submit/\(id)", completeSubmission(action: "save") + [("tr_el_title", ""), ("tr_el_purpose", "")]))
            let emptiedDraft = try await site.site.workflow.drafts(author: People.contributor.id).first { $0.practice.id.rawValue == id }
            #expect(emptiedDraft?.practice.translations["el"] == nil)
        }
    }

    @Test("On French pages, English titles and the words of differences are marked as English (WCAG 3.1.2)")
    func languageOfParts() async throws {
        try await withPeople { client, site in
            let ana = try await Browser.signedIn(client, as: People.contributor)
            try await ana.get("/submit")
            let sent = try await ana.follow(ana.post("/submit", completeSubmission()))
            let id = try #require(practiceID(of: sent))
            // Her account page: the title, and the hidden words of "Edit …", are English.
            let account = try await ana.get("/fr/account")
            let row = try #require(account.document.all("tr").first { $0.plainText.contains("Zorblat") })
            #expect(row.all("span", where: { $0["lang"] == "en" }).map(\.plainText) == ["Zorblat neighbourhood walks", "Zorblat neighbourhood walks"])

            let ed = try await Browser.signedIn(client, as: People.editor)
            let queue = try await ed.get("/fr/review")
            #expect(queue.document.first("a", where: { $0["href"] == "/fr/review/\(id)" })?["lang"] == "en")
            let review = try await ed.get("/fr/review/\(id)")
            #expect(review.document.first("h1")?.first("span")?["lang"] == "en")
            let fields = review.document.all("dt").map(\.plainText)
            let values = review.document.all("dd")
            let purpose = try #require(fields.firstIndex(of: "Objectif"))
            let country = try #require(fields.firstIndex(of: "Pays"))
            #expect(values[purpose]["lang"] == "en")
            #expect(values[country]["lang"] == nil, "the country is named in French")
            #expect(values[country].plainText.contains("Portugal"))

            _ = try await ed.post("/review/\(id)/publish", [("note", "")])
            let slug = Slug(making: "Zorblat neighbourhood walks").rawValue
            let history = try await ed.get("/fr/practices/\(slug)/history")
            #expect(history.document.first("h1")?.first("span", where: { $0["lang"] == "en" })?.plainText == "Zorblat neighbourhood walks")
            _ = site
        }
    }
}

