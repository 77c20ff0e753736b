import Foundation
import HTTPTypes
import Hummingbird
import MosaicCore
import MosaicSearch
import MosaicStore

/// What private pages share: who is asking, refusals, redirects, and pages that are never cached.
extension Site {
    /// A page only for its visitor: never cached, and carrying the CSRF cookie when it is new.
    func privatePage(_ template: String, _ fields: Fields, title: String, path: String, visitor: Visitor, request: Request,
                     language: String, status: HTTPResponse.Status = .ok) -> Response {
        let t = localizer.strings(language)
        let layout = Layout(t: t, pageTitle: title, description: title, path: path, query: nil, section: .account, site: self)
        var fields = fields
        fields["csrf"] = visitor.csrf
        fields["signedIn"] = visitor.account != nil
        fields["accountName"] = visitor.account?.name
        fields["logoutAction"] = SitePath.path("/logout", language: language)
        var response = page(template, PageModel(layout: layout, fields: fields), request: request, status: status)
        if visitor.newCSRFCookie {
            response.headers.append(HTTPField(name: .setCookie, value: accounts.cookie(AccountService.csrfCookie, visitor.csrf, maxAge: nil)))
        }
        return response
    }

    /// A short page that says one thing (done, refused, expired), with a link onwards.
    func message(_ heading: String, _ text: String, link: (href: String, label: String)? = nil, visitor: Visitor,
                 request: Request, language: String, status: HTTPResponse.Status = .ok) -> Response {
        privatePage("message", ["heading": heading, "text": text, "linkHref": link?.href, "linkLabel": link?.label],
                    title: heading, path: SitePath.split(request.uri.path).path, visitor: visitor, request: request,
                    language: language, status: status)
    }

    func forbidden(_ visitor: Visitor, _ request: Request, language: String, reason: String? = nil) -> Response {
        let t = localizer.strings(language)
        return message(t["forbidden_title"], reason ?? t["forbidden_text"], link: (SitePath.path("/account", language: language), t["account_title"]),
                       visitor: visitor, request: request, language: language, status: .forbidden)
    }

    /// The refusal of a form without the visitor's token: nothing was done.
    func badToken(_ visitor: Visitor, _ request: Request, language: String) -> Response {
        let t = localizer.strings(language)
        return message(t["csrf_title"], t["csrf_text"], visitor: visitor, request: request, language: language, status: .forbidden)
    }

    func redirect(_ location: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location, .cacheControl: "no-store"]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }

    /// The sign-in page for someone not signed in, coming back here afterwards.
    func signInFirst(_ request: Request, language: String) -> Response {
        var components = URLComponents()
        components.path = SitePath.path("/login", language: language)
        components.queryItems = [URLQueryItem(name: "next", value: request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""))]
        return redirect(components.string ?? components.path)
    }

    /// A local path to go back to after signing in; anything else is ignored.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains("\r"), !next.contains("\n") else { return nil }
        return next
    }
}

/// Signing in and out, password resets, and "My practices".
struct AccountPages: Sendable {
    let site: Site

    func addRoutes(to router: Router<MosaicContext>) {
        for language in Localizer.languages {
            let prefix = language == Localizer.defaultLanguage ? "" : "/\(language)"
            router.get(RouterPath(prefix + "/login")) { request, _ in try await loginForm(request, language: language) }
            router.post(RouterPath(prefix + "/login")) { request, context in try await login(request, context, language: language) }
            router.post(RouterPath(prefix + "/logout")) { request, _ in try await logout(request, language: language) }
            router.get(RouterPath(prefix + "/password/forgot")) { request, _ in try await forgotForm(request, language: language) }
            router.post(RouterPath(prefix + "/password/forgot")) { request, context in try await forgot(request, context, language: language) }
            router.get(RouterPath(prefix + "/password/reset/:token")) { request, context in
                try await resetForm(request, token: context.parameters.get("token") ?? "", language: language)
            }
            router.post(RouterPath(prefix + "/password/reset/:token")) { request, context in
                try await reset(request, token: context.parameters.get("token") ?? "", language: language)
            }
            router.get(RouterPath(prefix + "/account")) { request, _ in try await account(request, language: language) }
        }
    }

    // MARK: Signing in

    func loginForm(_ request: Request, language: String, visitor: Visitor? = nil, email: String = "", error: String? = nil,
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        let visitor = if let visitor { visitor } else { try await site.accounts.visitor(for: request) }
        let t = site.localizer.strings(language)
        let next = Site.safeNext(request.uri.queryParameters.get("next"))
        return site.privatePage("login", [
            "action": SitePath.path("/login", language: language) + (next.map { "?next=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""),
            "email": email, "error": error, "next": next,
            "forgotHref": SitePath.path("/password/forgot", language: language),
            "alreadySignedIn": visitor.account.map { t.format("login_already", ["name": $0.name]) },
        ], title: t["login_title"], path: "/login", visitor: visitor, request: request, language: language, status: status)
    }

    func login(_ request: Request, _ context: MosaicContext, language: String) async throws -> Response {
        let visitor = try await site.accounts.visitor(for: request)
        let form = try await FormData.read(request)
        guard site.accounts.acceptsToken(form["csrf"], from: visitor) else { return site.badToken(visitor, request, language: language) }
        let t = site.localizer.strings(language)
        let email = form.text("email") ?? ""
        switch try await site.accounts.signIn(email: email, password: form["password"] ?? "", address: context.clientAddress) {
        case .signedIn(_, let token, _):
            // A new session identifier at every sign-in; the old one (if any) ends.
            try await site.accounts.signOut(visitor)
            let next = Site.safeNext(form["next"] ?? request.uri.queryParameters.get("next")) ?? SitePath.path("/account", language: language)
            return site.redirect(next, cookies: [site.accounts.cookie(AccountService.sessionCookie, token, maxAge: Int(AccountService.sessionLifetime))])
        case .refused:
            return try await loginForm(request, language: language, visitor: visitor, email: email, error: t["login_refused"], status: .unauthorized)
        case .wait(let seconds):
            var response = try await loginForm(request, language: language, visitor: visitor, email: email,
                                               error: t.format("login_wait", ["time": t.duration(seconds: seconds)]), status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }

    func logout(_ request: Request, language: String) async throws -> Response {
        let visitor = try await site.accounts.visitor(for: request)
        let form = try await FormData.read(request)
        guard site.accounts.acceptsToken(form["csrf"], from: visitor) else { return site.badToken(visitor, request, language: language) }
        try await site.accounts.signOut(visitor)
        return site.redirect(SitePath.path("/", language: language), cookies: [site.accounts.cookie(AccountService.sessionCookie, "", maxAge: 0)])
    }

    // MARK: Password reset

    func forgotForm(_ request: Request, language: String) async throws -> Response {
        let visitor = try await site.accounts.visitor(for: request)
        let t = site.localizer.strings(language)
        return site.privatePage("forgot", ["action": SitePath.path("/password/forgot", language: language)],
                                title: t["forgot_title"], path: "/password/forgot", visitor: visitor, request: request, language: language)
    }

    func forgot(_ request: Request, _ context: MosaicContext, language: String) async throws -> Response {
        let visitor = try await site.accounts.visitor(for: request)
        let form = try await FormData.read(request)
        guard site.accounts.acceptsToken(form["csrf"], from: visitor) else { return site.badToken(visitor, request, language: language) }
        let t = site.localizer.strings(language)
        if let email = form.text("email") {
            try await site.accounts.requestReset(email: email, clientAddress: context.clientAddress,
                                                 linkBase: site.absolute(SitePath.path("/password/reset/", language: language)))
        }
        // The same answer whether or not the address has an account.
        return site.message(t["forgot_title"], t["forgot_sent"], visitor: visitor, request: request, language: language)
    }

    func resetForm(_ request: Request, token: String, language: String, error: String? = nil,
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        let visitor = try await site.accounts.visitor(for: request)
        let t = site.localizer.strings(language)
        return site.privatePage("reset", [
            "action": SitePath.path("/password/reset/\(token)", language: language), "error": error,
            "minimum": t.format("password_minimum", ["count": String(PasswordRule.minimumLength)]),
        ], title: t["reset_title"], path: "/password/reset/\(token)", visitor: visitor, request: request, language: language, status: status)
    }

    func reset(_ request: Request, token: String, language: String) async throws -> Response {
        let visitor = try await site.accounts.visitor(for: request)
        let form = try await FormData.read(request)
        guard site.accounts.acceptsToken(form["csrf"], from: visitor) else { return site.badToken(visitor, request, language: language) }
        let t = site.localizer.strings(language)
        let password = form["password"] ?? ""
        if let problem = PasswordRule.problem(with: password) {
            return try await resetForm(request, token: token, language: language,
                                       error: problem.hasPrefix("must be at least") ? t.format("password_minimum", ["count": String(PasswordRule.minimumLength)]) : t["password_too_long"],
                                       status: .unprocessableContent)
        }
        guard password == form["confirm"] else {
            return try await resetForm(request, token: token, language: language, error: t["password_mismatch"], status: .unprocessableContent)
        }
        guard let id = try await site.workflow.consumePasswordReset(tokenHash: Tokens.hash(token), now: Timestamp.now()),
              let account = try await site.workflow.account(id: id) else {
            return site.message(t["reset_title"], t["reset_expired"], link: (SitePath.path("/password/forgot", language: language), t["forgot_title"]),
                                visitor: visitor, request: request, language: language, status: .gone)
        }
        try await site.workflow.setPasswordHash(Passwords.hash(password, cost: site.settings.bcryptCost), of: id, by: account.email)
        return site.message(t["reset_title"], t["reset_done"], link: (SitePath.path("/login", language: language), t["login_title"]),
                            visitor: visitor, request: request, language: language)
    }

    // MARK: My practices

    func account(_ request: Request, language: String) async throws -> Response {
        let visitor = try await site.accounts.visitor(for: request)
        guard let account = visitor.account else { return site.signInFirst(request, language: language) }
        let t = site.localizer.strings(language)
        let drafts = try await site.workflow.drafts(author: account.id)
        let draftIDs = Set(drafts.map(\.practice.id))
        var rows: [Fields] = drafts.map { draft in
            [
                "title": draft.practice.title.isEmpty ? t["untitled"] : draft.practice.title,
                "status": t["state_\(draft.state.rawValue)"], "statusKey": draft.state.rawValue,
                "note": draft.editorNote, "updated": t.date(draft.updatedAt),
                "editHref": SitePath.path("/submit/\(draft.practice.id.rawValue)", language: language),
            ]
        }
        // Practices of the contributor's cities that are in the catalogue (or were taken offline).
        if !account.cities.isEmpty {
            let own = Set(account.cities.map(TextFolding.fold))
            let mine = try await site.store.practices(inCities: account.cities, statuses: [.published, .unpublished])
                .filter { practice in !draftIDs.contains(practice.id) && practice.cities.contains { own.contains(TextFolding.fold($0)) } }
            rows += mine.sorted { $0.title < $1.title }.map { practice in
                [
                    "title": practice.title, "status": t["state_\(practice.status.rawValue)"], "statusKey": practice.status.rawValue,
                    "updated": t.date(practice.updatedAt),
                    "viewHref": practice.status == .published ? SitePath.practice(practice.slug, language: language) : nil,
                    "editHref": SitePath.path("/submit/\(practice.id.rawValue)", language: language),
                ]
            }
        }
        return site.privatePage("account", [
            "heading": t["account_title"], "name": account.name, "email": account.email, "role": t["role_\(account.role.rawValue)"],
            "cities": account.cities.isEmpty ? nil : account.cities.joined(separator: ", "), "rows": rows, "hasRows": !rows.isEmpty,
            "submitHref": SitePath.path("/submit", language: language),
            "reviewHref": account.canReview ? SitePath.path("/review", language: language) : nil,
            "auditHref": account.canManageAccounts ? SitePath.path("/admin/audit", language: language) : nil,
        ], title: t["account_title"], path: "/account", visitor: visitor, request: request, language: language)
    }
}
