import MosaicCore
import MosaicStore

/// The messages Mosaic sends, written in the recipient's language, with a link to what they are about.
struct Notices: Sendable {
    let localizer: Localizer
    /// Makes a site path absolute (the site's public address when it is set).
    let absolute: @Sendable (String) -> String

    private func strings(for account: Account) -> Strings {
        localizer.strings(account.language.flatMap { Localizer.languages.contains($0) ? $0 : nil } ?? Localizer.defaultLanguage)
    }

    private func message(to account: Account, subject: String, body: String, note: String? = nil, link: String) -> OutboxMessage {
        let t = strings(for: account)
        var text = body
        if let note { text += "\n\n" + t.format("mail_note", ["note": note]) }
        text += "\n\n" + link
        return OutboxMessage(recipient: account.email, subject: subject, body: text)
    }

    func published(_ practice: Practice, by editor: Account, note: String?, to author: Account) -> OutboxMessage {
        let t = strings(for: author)
        let values: KeyValuePairs = ["title": practice.title, "editor": editor.name]
        return message(to: author, subject: t.format("mail_published_subject", values), body: t.format("mail_published_body", values),
                       note: note, link: absolute(practice.url(language: t.language)))
    }

    func changesRequested(_ practice: Practice, by editor: Account, note: String, to author: Account) -> OutboxMessage {
        let t = strings(for: author)
        let values: KeyValuePairs = ["title": practice.title.isEmpty ? t["untitled"] : practice.title, "editor": editor.name]
        return message(to: author, subject: t.format("mail_changes_subject", values), body: t.format("mail_changes_body", values),
                       note: note, link: absolute(Route.editDraft(practice.id).path(t.language)))
    }

    func unpublished(_ practice: Practice, by editor: Account, reason: String, to contributor: Account) -> OutboxMessage {
        let t = strings(for: contributor)
        let values: KeyValuePairs = ["title": practice.title, "editor": editor.name]
        return message(to: contributor, subject: t.format("mail_unpublished_subject", values), body: t.format("mail_unpublished_body", values),
                       note: reason, link: absolute(Route.editDraft(practice.id).path(t.language)))
    }

    /// To an editor: a practice was sent for review, with the link to review it.
    func submitted(_ practice: Practice, by author: Account, to editor: Account) -> OutboxMessage {
        let t = strings(for: editor)
        let values: KeyValuePairs = ["title": practice.title.isEmpty ? t["untitled"] : practice.title, "author": author.name]
        return message(to: editor, subject: t.format("mail_submitted_subject", values), body: t.format("mail_submitted_body", values),
                       link: absolute(Route.reviewPractice(practice.id).path(t.language)))
    }

    func passwordReset(token: String, to account: Account) -> OutboxMessage {
        let t = strings(for: account)
        return OutboxMessage(recipient: account.email, subject: t["mail_reset_subject"],
                             body: t.format("mail_reset_body", ["link": absolute(Route.resetPassword(token: token).path(t.language))]))
    }
}
