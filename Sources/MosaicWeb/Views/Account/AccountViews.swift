import MosaicCore

/// The sign-in form.
struct LoginView {
    let t: Strings
    let csrf: String
    let action: String
    let next: String?
    let email: String
    let error: String?
    /// What was done before coming here ("your password is changed").
    var notice: String? = nil
    /// Said when someone already signed in comes here.
    let alreadySignedIn: String?

    func render() -> HTML {
        var html: HTML = "<div class=\"wrap narrow\">\n<h1>\(t["login_title"])</h1>\n"
        if let notice { html += "<p class=\"notice\" role=\"status\">\(notice)</p>\n" }
        if let alreadySignedIn { html += "<p class=\"notice\">\(alreadySignedIn)</p>\n" }
        if let error { html += "<p class=\"form-error\" role=\"alert\">\(error)</p>\n" }
        html += "<form class=\"stacked-form\" method=\"post\" action=\"\(action)\">\n\(csrfField(csrf))\n"
        if let next { html += "<input type=\"hidden\" name=\"next\" value=\"\(next)\">\n" }
        html += """
            <div class="form-field"><label for="email">\(t["login_email"])</label>
            <input id="email" name="email" type="email" autocomplete="email" required value="\(email)"></div>
            <div class="form-field"><label for="password">\(t["login_password"])</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required></div>
            <button type="submit">\(t["login_submit"])</button>
            </form>
            <p><a href="\(Route.forgotPassword.path(t.language))">\(t["forgot_link"])</a></p>
            </div>

            """
        return html
    }
}

/// "Forgotten password": the address to send a reset link to.
struct ForgotView {
    let t: Strings
    let csrf: String

    func render() -> HTML {
        """
        <div class="wrap narrow">
        <h1>\(t["forgot_title"])</h1>
        <p>\(t["forgot_intro"])</p>
        <form class="stacked-form" method="post" action="\(Route.forgotPassword.path(t.language))">
        \(csrfField(csrf))
        <div class="form-field"><label for="email">\(t["login_email"])</label>
        <input id="email" name="email" type="email" autocomplete="email" required></div>
        <button type="submit">\(t["forgot_submit"])</button>
        </form>
        </div>

        """
    }
}

/// A new password, from a reset link.
struct ResetView {
    let t: Strings
    let csrf: String
    let token: String
    let error: String?

    func render() -> HTML {
        var html: HTML = "<div class=\"wrap narrow\">\n<h1>\(t["reset_title"])</h1>\n"
        if let error { html += "<p class=\"form-error\" role=\"alert\">\(error)</p>\n" }
        html += """
            <form class="stacked-form" method="post" action="\(Route.resetPassword(token: token).path(t.language))">
            \(csrfField(csrf))
            <div class="form-field"><label for="password">\(t["reset_password"])</label>
            <p class="guidance" id="password-hint">\(t.format("password_minimum", ["count": String(PasswordRule.minimumLength)]))</p>
            <input id="password" name="password" type="password" autocomplete="new-password" required aria-describedby="password-hint"></div>
            <div class="form-field"><label for="confirm">\(t["reset_confirm"])</label>
            <input id="confirm" name="confirm" type="password" autocomplete="new-password" required></div>
            <button type="submit">\(t["reset_submit"])</button>
            </form>
            </div>

            """
        return html
    }
}

/// "My account": who is signed in, what they may do, and their practices with their state.
struct AccountView {
    struct Row {
        let title: String
        /// The title's language.
        let language: String
        let state: String
        let stateLabel: String
        let note: String?
        let updated: String
        let viewHref: String?
        let editHref: String
    }

    let t: Strings
    let csrf: String
    let account: Account
    let rows: [Row]
    /// The interface languages (code, name in itself) the account may choose.
    let languages: [(code: String, name: String)]
    let notice: String?

    func render() -> HTML {
        let language = t.language, heading = t["account_title"]
        var html: HTML = "<div class=\"wrap\">\n<h1>\(heading)</h1>\n"
        if let notice { html += "<p class=\"notice\" role=\"status\">\(notice)</p>\n" }
        html += "<p class=\"lead\">\(account.name) · \(account.email) · \(t["role_\(account.role.rawValue)"])"
        if !account.cities.isEmpty { html += " · \(account.cities.joined(separator: ", "))" }
        html += "</p>\n<ul class=\"account-actions\">\n<li><a class=\"button\" href=\"\(Route.submit.path(language))\">\(t["submit_new"])</a></li>\n"
        if account.canReview {
            html += "<li><a href=\"\(Route.review.path(language))\">\(t["review_title"])</a></li>\n"
            html += "<li><a href=\"\(Route.thesaurus.path(language))\">\(t["thesaurus_title"])</a></li>\n"
            html += "<li><a href=\"\(Route.cityRegister.path(language))\">\(t["cities_title"])</a></li>\n"
        }
        if account.canManageAccounts { html += "<li><a href=\"\(Route.audit.path(language))\">\(t["audit_title"])</a></li>\n" }
        html += "</ul>\n<h2>\(t["account_practices"])</h2>\n"
        if rows.isEmpty {
            html += "<p>\(t["account_none"])</p>\n"
        } else {
            html += """
                <div class="table-scroll" role="region" tabindex="0" aria-label="\(heading)">
                <table class="data-table">
                <thead><tr><th scope="col">\(t["account_practice"])</th><th scope="col">\(t["account_status"])</th><th scope="col">\(t["account_updated"])</th><th scope="col"><span class="visually-hidden">\(t["account_actions"])</span></th></tr></thead>
                <tbody>

                """
            for row in rows {
                html += "<tr><td>"
                let title = spoken(row.title, in: row.language, page: language)
                html += row.viewHref.map { "<a href=\"\($0)\">\(title)</a>" } ?? title
                if let note = row.note { html += "<p class=\"editor-note\"><strong>\(t["editor_note"])</strong> \(note)</p>" }
                html += "</td><td><span class=\"state state-\(row.state)\">\(row.stateLabel)</span></td><td>\(row.updated)</td>"
                html += "<td><a href=\"\(row.editHref)\">\(t["edit"])<span class=\"visually-hidden\"> \(title)</span></a></td></tr>\n"
            }
            html += "</tbody>\n</table>\n</div>\n"
        }
        html += """
            <form method="post" action="\(Route.accountLanguage.path(language))" class="controls">
            \(csrfField(csrf))
            <div class="control"><label for="account-language">\(t["account_language_label"])</label>
            <select id="account-language" name="language">\(languages.html { "<option value=\"\($0.code)\" lang=\"\($0.code)\"\(HTML.when($0.code == (account.language ?? Localizer.defaultLanguage), " selected"))>\($0.name)</option>" })</select></div>
            <button type="submit" class="secondary">\(t["account_language_save"])</button>
            </form>
            <form method="post" action="\(Route.logout.path(language))" class="logout-form">
            \(csrfField(csrf))
            <button type="submit" class="secondary">\(t["logout"])</button>
            </form>
            </div>

            """
        return html
    }
}
