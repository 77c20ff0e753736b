import Foundation
import HTTPTypes
import Hummingbird
import MosaicCore
import MosaicSearch
import MosaicStore

/// Signing in and out, password resets, and "My account".
struct AccountController: Sendable {
    let site: Site

    func addRoutes(to group: RouterGroup<MosaicContext>) {
        group.get(.login, use: loginForm)
        group.get(.forgotPassword, use: forgotForm)
        group.get(.resetPassword) { request, context in resetForm(request, context, error: nil) }
        let signedIn = group.group().add(middleware: RequireAccount(role: .any, site: site))
        signedIn.get(.account, use: account)
        signedIn.group().add(middleware: CSRFMiddleware(site: site)).post(.accountLanguage, use: setLanguage)
        let forms = group.group().add(middleware: CSRFMiddleware(site: site))
        forms.post(.login, use: login)
        forms.post(.logout, use: logout)
        forms.post(.forgotPassword, use: forgot)
        forms.post(.resetPassword, use: reset)
    }

    // MARK: Signing in

    @Sendable func loginForm(_ request: Request, _ context: MosaicContext) -> Response {
        loginPage(request, context, email: "", error: nil)
    }

    func loginPage(_ request: Request, _ context: MosaicContext, email: String, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        let t = context.t
        let next = Site.safeNext(request.uri.queryParameters.get("next"))
        let view = LoginView(
            t: t, csrf: context.visitor.csrf,
            action: Route.login.path(t.language) + (next.map { "?next=" + CatalogQuery.encode($0) } ?? ""),
            next: next, email: email, error: error,
            notice: request.uri.queryParameters.get("done") == "reset" ? t["reset_done"] : nil,
            alreadySignedIn: context.visitor.account.map { t.format("login_already", ["name": $0.name]) })
        return site.privatePage(view.render(), title: t["login_title"], route: .login, request, context, status: status)
    }

    @Sendable func login(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let t = context.t, form = context.form
        let email = form.text("email") ?? ""
        let outcome: AccountService.SignInOutcome
        do {
            outcome = try await site.accounts.signIn(email: email, password: form["password"] ?? "", address: context.clientAddress)
        } catch is BoundedWork.Busy {
            var response = loginPage(request, context, email: email, error: t["login_busy"], status: .serviceUnavailable)
            response.headers[.retryAfter] = "2"
            return response
        }
        switch outcome {
        case .signedIn(let account, let token, _):
            // A new session identifier at every sign-in; the old one (if any) ends.
            try await site.accounts.signOut(context.visitor)
            // Editors land on the review queue, contributors on their practices.
            let home: Route = account.canReview ? .review : .account
            let next = Site.safeNext(form["next"] ?? request.uri.queryParameters.get("next")) ?? home.path(t.language)
            return site.redirect(next, cookies: [site.accounts.cookie(AccountService.sessionCookie, token, maxAge: Int(AccountService.sessionLifetime))])
        case .refused:
            return loginPage(request, context, email: email, error: t["login_refused"], status: .unauthorized)
        case .wait(let seconds):
            var response = loginPage(request, context, email: email, error: t.format("login_wait", ["time": t.duration(seconds: seconds)]),
                                     status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }

    @Sendable func logout(_ request: Request, _ context: MosaicContext) async throws -> Response {
        try await site.accounts.signOut(context.visitor)
        return site.redirect(Route.home.path(context.language), cookies: [site.accounts.cookie(AccountService.sessionCookie, "", maxAge: 0)])
    }

    // MARK: Password reset

    @Sendable func forgotForm(_ request: Request, _ context: MosaicContext) -> Response {
        let t = context.t
        // After the form was sent (it redirects here, so that reloading sends nothing again).
        if request.uri.queryParameters.get("done") == "sent" {
            return site.message(MessageView(heading: t["forgot_title"], text: t["forgot_sent"]), request, context)
        }
        return site.privatePage(ForgotView(t: t, csrf: context.visitor.csrf).render(), title: t["forgot_title"],
                                route: .forgotPassword, request, context)
    }

    @Sendable func forgot(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let t = context.t
        if let email = context.form.text("email") {
            try await site.accounts.requestReset(email: email, clientAddress: context.clientAddress)
        }
        // The same answer whether or not the address has an account.
        return site.redirect(Route.forgotPassword.path(t.language) + "?done=sent")
    }

    func resetForm(_ request: Request, _ context: MosaicContext, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        let token = context.parameters.get("token") ?? ""
        return site.privatePage(ResetView(t: context.t, csrf: context.visitor.csrf, token: token, error: error).render(),
                                title: context.t["reset_title"], route: .resetPassword(token: token), request, context, status: status)
    }

    @Sendable func reset(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let t = context.t, form = context.form, language = t.language
        let token = context.parameters.get("token") ?? ""
        let password = form["password"] ?? ""
        if let problem = PasswordRule.problem(with: password) {
            let message = problem == .tooShort ? t.format("password_minimum", ["count": String(PasswordRule.minimumLength)]) : t["password_too_long"]
            return resetForm(request, context, error: message, status: .unprocessableContent)
        }
        guard password == form["confirm"] else {
            return resetForm(request, context, error: t["password_mismatch"], status: .unprocessableContent)
        }
        guard let id = try await site.workflow.consumePasswordReset(tokenHash: Tokens.hash(token), now: Timestamp.now()),
              let account = try await site.workflow.account(id: id) else {
            return site.message(MessageView(heading: t["reset_title"], text: t["reset_expired"],
                                            link: (Route.forgotPassword.path(language), t["forgot_title"])),
                                request, context, status: .gone)
        }
        try await site.workflow.setPasswordHash(Passwords.hash(password, cost: site.settings.bcryptCost), of: id, by: account.email)
        return site.redirect(Route.login.path(language) + "?done=reset")
    }

    // MARK: My account

    /// What the account page says after a form sent the reader there (`?done=`).
    static let accountNotices = ["language": "account_language_saved", "deleted": "draft_deleted"]

    @Sendable func account(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let account = try context.account()
        let t = context.t, language = t.language
        let drafts = try await site.workflow.drafts(author: account.id)
        let draftIDs = Set(drafts.map(\.practice.id))
        var rows = drafts.map { draft in
            AccountView.Row(title: draft.practice.title.isEmpty ? t["untitled"] : draft.practice.title,
                            language: draft.practice.title.isEmpty ? language : draft.practice.language, state: draft.state.rawValue,
                            stateLabel: t["state_\(draft.state.rawValue)"], note: draft.editorNote, updated: t.date(draft.updatedAt),
                            viewHref: nil, editHref: Route.editDraft(draft.practice.id).path(language))
        }
        // Practices of the contributor's cities that are in the catalogue (or were taken offline).
        if !account.cities.isEmpty {
            let own = Set(account.cities.map(TextFolding.fold))
            let mine = try await site.store.practices(inCities: account.cities, statuses: [.published, .unpublished])
                .filter { practice in !draftIDs.contains(practice.id) && practice.cities.contains { own.contains(TextFolding.fold($0)) } }
            rows += mine.sorted { $0.title < $1.title }.map { practice in
                AccountView.Row(title: practice.title, language: practice.language, state: practice.status.rawValue, stateLabel: t["state_\(practice.status.rawValue)"],
                                note: nil, updated: t.date(practice.updatedAt),
                                viewHref: practice.status == .published ? practice.url(language: language) : nil,
                                editHref: Route.editDraft(practice.id).path(language))
            }
        }
        let view = AccountView(t: t, csrf: context.visitor.csrf, account: account, rows: rows,
                               languages: Localizer.languages.map { ($0, site.localizer.strings($0)["language_name"]) },
                               notice: Self.accountNotices[request.uri.queryParameters.get("done") ?? ""].map { t[$0] })
        return site.privatePage(view.render(), title: t["account_title"], route: .account, request, context)
    }

    /// The language of the account's pages and messages; the account page comes back in it.
    @Sendable func setLanguage(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let account = try context.account()
        guard let language = context.form["language"], Localizer.languages.contains(language) else {
            return site.redirect(Route.account.path(context.language))
        }
        try await site.workflow.setLanguage(language, of: account.id)
        return site.redirect(Route.account.path(language) + "?done=language")
    }
}
