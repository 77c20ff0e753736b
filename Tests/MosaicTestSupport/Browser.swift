import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MosaicCore
import MosaicStore
@testable import MosaicWeb

/// A visitor with a cookie jar, as a browser keeps one: it sends its cookies, keeps those it is given,
/// and fills in forms with the CSRF token of the page it last read.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    /// The CSRF token of the last page read.
    private(set) var csrf: String?

    init(_ client: any TestClientProtocol) { self.client = client }

    /// The same visitor arriving at another instance of the site: the same cookies, another client.
    init(_ client: any TestClientProtocol, cookiesOf other: Browser) {
        self.client = client
        cookies = other.cookies
    }

    private var cookieHeader: HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")]
    }

    private func keep(_ headers: HTTPFields) {
        for value in headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]), content = pair.count > 1 ? String(pair[1]) : ""
            if content.isEmpty || value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = content }
        }
    }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        let page = try await client.get(path, headers: cookieHeader)
        keep(page.headers)
        if let token = page.document.first("input", where: { $0["name"] == "csrf" })?["value"] { csrf = token }
        return page
    }

    /// Posts a form; `csrf: .page` sends the token of the last page read, `.none` none, `.value` the given one.
    enum Token { case page, none, value(String) }

    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], token: Token = .page) async throws -> Page {
        var all = fields
        switch token {
        case .page: if let csrf { all.append(("csrf", csrf)) }
        case .value(let value): all.append(("csrf", value))
        case .none: break
        }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = all.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        let page = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
            let text = String(buffer: response.body)
            return Page(status: response.status, headers: response.headers, body: text, document: HTMLNode.parse(text))
        }
        keep(page.headers)
        if let token = page.document.first("input", where: { $0["name"] == "csrf" })?["value"] { csrf = token }
        return page
    }

    /// The page a form's answer leads to: after a redirect (303), the page at its `Location`, as a browser
    /// goes there; any other answer as it is.
    func follow(_ page: Page) async throws -> Page {
        guard page.status == .seeOther, let location = page.headers[.location] else { return page }
        return try await get(location)
    }

    /// A browser already signed in as `account` (with the tests' password).
    static func signedIn(_ client: any TestClientProtocol, as account: Account) async throws -> Browser {
        let browser = Browser(client)
        _ = try await browser.signIn(account.email, People.password)
        return browser
    }

    func signIn(_ email: String, _ password: String) async throws -> Page {
        try await get("/login")
        return try await post("/login", [("email", email), ("password", password)])
    }
}

/// Accounts made for tests, with their passwords.
enum People {
    static let password = "correct horse battery"
    static let contributor = Account(email: "ana@lisboa.example", name: "Ana Costa", role: .contributor, cities: ["Lisbon"])
    static let otherContributor = Account(email: "kai@oslo.example", name: "Kai Berg", role: .contributor, cities: ["Oslo"])
    static let editor = Account(email: "ed@example.org", name: "Edith Editor", role: .editor)
    static let admin = Account(email: "root@example.org", name: "Ada Admin", role: .admin)

    static func add(to site: TestSite) async throws {
        for account in [contributor, otherContributor, editor, admin] {
            try await site.site.workflow.createAccount(account, passwordHash: Passwords.hash(password, cost: 4), by: "test")
        }
    }
}

/// The fields of a complete submission of a Lisbon practice.
func completeSubmission(title: String = "Zorblat neighbourhood walks", city: String = "Lisbon", action: String = "submit",
                        extra: [(String, String)] = []) -> [(String, String)] {
    [("title", title), ("country", "PT"), ("cities", city), ("language", "en"), ("topics", "welcoming"),
     ("purpose", "Newcomers walk their new neighbourhood with a resident volunteer."),
     ("process", "Volunteers sign up at the library; walks leave every Saturday."), ("action", action)] + extra
}

/// The id of the practice a submission form page is about (from its action).
func practiceID(of page: Page) -> String? {
    page.document.first("form", class: "template-form")?["action"]?.split(separator: "/").last.map(String.init)
}
