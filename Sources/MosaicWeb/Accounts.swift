import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import MosaicCore
import MosaicSearch
import MosaicStore

/// Password hashing: bcrypt, as the architecture decides.
public enum Passwords {
    /// bcrypt's work factor for stored passwords.
    public static let defaultCost: UInt8 = 12

    public static func hash(_ password: String, cost: UInt8 = defaultCost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }
}

/// Random tokens for sessions, CSRF and password resets. Only hashes of session and reset tokens are
/// stored, so a copy of the database opens no session.
enum Tokens {
    /// 32 random bytes, base64url without padding.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return base64url(Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }))
    }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares in time that does not depend on where the strings differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

/// Sign-in, sessions, CSRF and throttling.
struct AccountService: Sendable {
    static let sessionCookie = "mosaic_session"
    static let csrfCookie = "mosaic_csrf"
    static let sessionLifetime: TimeInterval = 14 * 24 * 3600
    static let resetLifetime: TimeInterval = 3600
    /// Failures allowed before waiting; then the wait doubles with each failure, up to 15 minutes.
    static let freeFailures = 5
    static let firstWait: TimeInterval = 30
    static let longestWait: TimeInterval = 15 * 60

    let workflow: any WorkflowStore
    let notices: Notices
    let secureCookies: Bool
    let bcryptCost: UInt8
    /// A bcrypt hash of a password nobody has, checked when the address is unknown: with the work factor
    /// of stored passwords, so that an unknown address answers in the same time as a known one.
    let decoyHash: String
    /// bcrypt runs a few at a time; past that, sign-ins are refused at once rather than queued.
    let passwordChecks: BoundedWork
    /// Signs the CSRF tokens of visitors not signed in.
    let csrfKey: Data

    init(workflow: any WorkflowStore, notices: Notices, secureCookies: Bool, bcryptCost: UInt8,
         passwordChecks: BoundedWork = BoundedWork(running: 2, waiting: 16), secret: String? = nil) {
        csrfKey = secret.map { Data(SHA256.hash(data: Data($0.utf8))) } ?? SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        self.workflow = workflow
        self.notices = notices
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.passwordChecks = passwordChecks
        decoyHash = Passwords.hash(Tokens.random(), cost: bcryptCost)
    }

    // MARK: Cookies

    static func cookies(_ request: Request) -> [String: String] {
        var result: [String: String] = [:]
        for field in request.headers[values: .cookie] {
            for pair in field.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                result[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return result
    }

    func cookie(_ name: String, _ value: String, maxAge: Int?) -> String {
        var cookie = "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax"
        if let maxAge { cookie += "; Max-Age=\(maxAge)" }
        if secureCookies { cookie += "; Secure" }
        return cookie
    }

    // MARK: Visitors

    func visitor(for request: Request) async throws -> Visitor {
        let cookies = Self.cookies(request)
        if let token = cookies[Self.sessionCookie], !token.isEmpty {
            let hash = Tokens.hash(token)
            if let session = try await workflow.session(tokenHash: hash, now: Timestamp.now()) {
                return Visitor(account: session.account, sessionTokenHash: hash, csrf: session.csrf, newCSRFCookie: false)
            }
        }
        if let csrf = cookies[Self.csrfCookie], isSigned(csrf) {
            return Visitor(account: nil, sessionTokenHash: nil, csrf: csrf, newCSRFCookie: false)
        }
        return Visitor(account: nil, sessionTokenHash: nil, csrf: signed(Tokens.random()), newCSRFCookie: true)
    }

    // The token of visitors not signed in is signed by the site, so that nobody can choose it (by setting
    // a cookie from a neighbouring host, say) and then forge a form that carries it.

    func signed(_ value: String) -> String {
        value + "." + Tokens.base64url(Data(HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: SymmetricKey(data: csrfKey))))
    }

    func isSigned(_ token: String) -> Bool {
        guard token.utf8.count <= 128, let dot = token.lastIndex(of: ".") else { return false }
        return Tokens.equal(signed(String(token[..<dot])), token)
    }

    /// True when the form's token is the visitor's: the session's when signed in, else the cookie's.
    func acceptsToken(_ token: String?, from visitor: Visitor) -> Bool {
        guard let token, !visitor.newCSRFCookie else { return false }
        return Tokens.equal(token, visitor.csrf)
    }

    // MARK: Signing in

    enum SignInOutcome: Sendable {
        case signedIn(account: Account, token: String, csrf: String)
        case refused
        case wait(seconds: Int)
    }

    /// An account is throttled per client address (failures elsewhere never lock its owner out), and a
    /// client address across every account it tries.
    static func throttleKeys(email: String, address: String) -> (account: String, client: String) {
        ("account:" + Account.normalized(email: email) + "|from:" + address, "address:" + address)
    }

    /// How long the keys must wait before another attempt, from their recorded failures.
    static func wait(after failures: [String: (failures: Int, last: Date)], now: Date) -> TimeInterval {
        failures.values.map { record -> TimeInterval in
            guard record.failures >= freeFailures else { return 0 }
            let wait = min(longestWait, firstWait * pow(2, Double(record.failures - freeFailures)))
            return max(0, record.last.addingTimeInterval(wait).timeIntervalSince(now))
        }.max() ?? 0
    }

    func signIn(email typed: String, password: String, address: String, now: Date = Timestamp.now()) async throws -> SignInOutcome {
        // No account has a longer address: a longer one is cut before it reaches the throttle keys and the audit log.
        let email = String(typed.prefix(Account.maximumEmailLength))
        let keys = Self.throttleKeys(email: email, address: address)
        // The attempt is counted before the password is checked, so that parallel attempts cannot all be checked.
        let before = try await workflow.countSignInAttempt(keys: [keys.account, keys.client], at: now)
        let waiting = Self.wait(after: before, now: now)
        if waiting > 0 { return .wait(seconds: Int(waiting.rounded(.up))) }
        let found = try await workflow.account(email: email)
        // An unknown address costs the same bcrypt work as a known one, so timing tells nothing either.
        let valid = try await passwordChecks.run { Passwords.verify(password, hash: found?.passwordHash ?? decoyHash) } && found != nil
        guard valid, let account = found?.account else {
            try await workflow.record(AuditEntry(actor: "-", action: .signInFailed, subject: Account.normalized(email: email), note: address))
            return .refused
        }
        // This account's failures from here are forgiven; the client's count only loses this attempt,
        // so that one's own sign-in does not clear failures against other accounts.
        try await workflow.clearSignInFailures(keys: [keys.account])
        try await workflow.uncountSignInAttempt(keys: [keys.client])
        let token = Tokens.random(), csrf = Tokens.random()
        try await workflow.createSession(tokenHash: Tokens.hash(token), account: account.id, csrf: csrf,
                                         expiresAt: now.addingTimeInterval(Self.sessionLifetime))
        try await workflow.record(AuditEntry(actor: account.email, action: .signIn, subject: account.email, note: address))
        return .signedIn(account: account, token: token, csrf: csrf)
    }

    func signOut(_ visitor: Visitor) async throws {
        guard let hash = visitor.sessionTokenHash else { return }
        try await workflow.deleteSession(tokenHash: hash)
        if let account = visitor.account {
            try await workflow.record(AuditEntry(actor: account.email, action: .signOut, subject: account.email))
        }
    }

    // MARK: Password reset

    /// Writes a reset link to the outbox when the address has an account; says nothing either way.
    /// Requests are throttled like sign-ins (per address asked for and per client), so that nobody can
    /// fill the outbox.
    func requestReset(email typed: String, clientAddress: String) async throws {
        let email = String(typed.prefix(Account.maximumEmailLength))
        let keys = ["reset:" + Account.normalized(email: email), "reset-from:" + clientAddress]
        let now = Timestamp.now()
        guard Self.wait(after: try await workflow.signInFailures(keys: keys), now: now) == 0 else { return }
        try await workflow.recordSignInFailure(keys: keys, at: now)
        guard let (account, _) = try await workflow.account(email: email) else { return }
        let token = Tokens.random()
        try await workflow.createPasswordReset(tokenHash: Tokens.hash(token), account: account.id,
                                               expiresAt: Timestamp.now().addingTimeInterval(Self.resetLifetime))
        try await workflow.send(notices.passwordReset(token: token, to: account))
    }
}

/// The fields of a submitted form (`application/x-www-form-urlencoded`), in order, repeated names kept.
struct FormData: Sendable {
    static let maximumBytes = 1_048_576
    let pairs: [(String, String)]

    init(pairs: [(String, String)]) { self.pairs = pairs }

    /// Why a form body cannot be read: nothing in it is taken, rather than a part of it.
    enum Unreadable: Error {
        case notUTF8
        case badEscape
    }

    /// Reads a form body; a malformed escape (`%ZZ`) or bytes that are not UTF-8 make the whole form unreadable.
    init(body: [UInt8]) throws {
        guard let text = String(validating: body, as: UTF8.self) else { throw Unreadable.notUTF8 }
        pairs = try text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = CatalogQuery.decode(parts[0]), let value = parts.count > 1 ? CatalogQuery.decode(parts[1]) : "" else {
                throw Unreadable.badEscape
            }
            return (name, value)
        }
    }

    static func read(_ request: Request) async throws -> FormData {
        let buffer = try await request.body.collect(upTo: maximumBytes)
        return try FormData(body: Array(buffer: buffer))
    }

    subscript(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    /// The trimmed value, nil when empty.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.normalizingLineEndings.trimmed, !value.isEmpty else { return nil }
        return value
    }
}
