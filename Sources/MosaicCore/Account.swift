import Foundation

/// Someone who signs in: a city's coordinator (contributor), an editor or an administrator.
public struct Account: Hashable, Sendable, Identifiable {
    public struct ID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
        public static func generate() -> ID { ID(rawValue: UUID().uuidString.lowercased()) }
    }

    /// What an account may do. Each role may do everything the one before it may.
    public enum Role: String, CaseIterable, Hashable, Sendable, Comparable {
        /// Submits and edits practices of its own cities.
        case contributor
        /// Reviews, publishes and edits every practice.
        case editor
        /// Also manages accounts and reads the audit log.
        case admin

        public static func < (lhs: Role, rhs: Role) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var id: ID
    /// Stored as given, compared folded to lower case.
    public var email: String
    public var name: String
    public var role: Role
    /// The cities a contributor speaks for, as written in practices ("Lisbon").
    public var cities: [String]
    /// The interface language the account reads pages and messages in; the site's default when nil.
    public var language: String?
    public var createdAt: Date

    public init(id: ID = .generate(), email: String, name: String, role: Role, cities: [String] = [], language: String? = nil,
                createdAt: Date = Timestamp.now()) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.cities = cities
        self.language = language
        self.createdAt = createdAt
    }

    /// The longest e-mail address there can be (RFC 5321's path limit).
    public static let maximumEmailLength = 254

    /// The form in which addresses are compared and stored as keys.
    public static func normalized(email: String) -> String {
        email.trimmed.lowercased()
    }

    public var canReview: Bool { role >= .editor }
    public var canManageAccounts: Bool { role == .admin }

    /// Whether this account may write the practice: editors everything, contributors only practices of
    /// one of their cities (compared without case or accents).
    public func mayEdit(_ practice: Practice) -> Bool {
        if canReview { return true }
        let own = Set(cities.map(TextFolding.fold))
        return practice.cities.contains { own.contains(TextFolding.fold($0)) }
    }
}

/// Why a password is refused; the message says what to change.
public enum PasswordRule {
    public static let minimumLength = 10

    /// Why a password cannot be used; translated where it meets a reader.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        case tooShort, tooLong

        public var description: String {
            switch self {
            case .tooShort: "must be at least \(minimumLength) characters long"
            case .tooLong: "must be at most 72 bytes long (bcrypt reads no further)"
            }
        }
    }

    public static func problem(with password: String) -> Problem? {
        if password.count < minimumLength { return .tooShort }
        if password.utf8.count > 72 { return .tooLong }
        return nil
    }
}
