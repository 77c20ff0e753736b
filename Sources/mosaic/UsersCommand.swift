import ArgumentParser
import Foundation
import MosaicCore
import MosaicStore
import MosaicWeb

extension Account.Role: ExpressibleByArgument {}

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage the accounts of contributors, editors and administrators.",
        discussion: """
            Examples:
              mosaic users add --email ana@lisboa.example --name "Ana Costa" --role contributor --city Lisbon
              mosaic users list
              mosaic users set-role ana@lisboa.example editor
              mosaic users reset-password ana@lisboa.example
            """,
        subcommands: [Add.self, List.self, SetRole.self, ResetPassword.self])

    /// Reads a password: from a terminal without echo (asked twice), else the first line of standard input.
    static func readPassword() throws -> String {
        let password: String
        if isatty(STDIN_FILENO) == 1 {
            guard let first = getpass("Password: ").map({ String(cString: $0) }),
                  let second = getpass("Password again: ").map({ String(cString: $0) }) else { throw ExitCode.failure }
            guard first == second else {
                printError("The two passwords are not the same; nothing was changed.")
                throw ExitCode.failure
            }
            password = first
        } else {
            password = readLine(strippingNewline: true) ?? ""
        }
        if let problem = PasswordRule.problem(with: password) {
            printError("The password \(problem); nothing was changed.")
            throw ExitCode.failure
        }
        return password
    }

    static func open(_ options: DatabaseOptions) async throws -> (SQLPracticeStore, SQLWorkflowStore) {
        let store = try await options.openStore()
        return (store, SQLWorkflowStore(sharing: store))
    }

    static func account(_ email: String, in workflow: SQLWorkflowStore) async throws -> Account {
        guard let (account, _) = try await workflow.account(email: email) else {
            printError("There is no account with the address \(email); see `mosaic users list`.")
            throw ExitCode.failure
        }
        return account
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account. The password is asked for on a terminal, or read from standard input.",
            discussion: """
                Example:
                  echo 'a long passphrase' | mosaic users add --email ed@example.org --name Ed --role editor
                """)
        @OptionGroup var options: DatabaseOptions
        @Option(help: "The e-mail address the person signs in with.") var email: String
        @Option(help: "The name shown to editors and in notifications.") var name: String
        @Option(help: "contributor, editor or admin.") var role: Account.Role
        @Option(name: .customLong("city"), help: "A city the contributor speaks for (repeat for several).") var cities: [String] = []

        func validate() throws {
            guard EmailCheck.isPlausible(email) else { throw ValidationError("--email: \"\(email)\" is not an e-mail address.") }
            guard !name.trimmed.isEmpty else { throw ValidationError("--name must not be empty.") }
            if role == .contributor, cities.isEmpty {
                throw ValidationError("A contributor needs at least one --city: the cities whose practices they may submit.")
            }
        }

        func run() async throws {
            let password = try UsersCommand.readPassword()
            let (store, workflow) = try await UsersCommand.open(options)
            let account = Account(email: email, name: name.trimmed, role: role, cities: cities.map(\.trimmed))
            do {
                try await workflow.createAccount(account, passwordHash: Passwords.hash(password), by: "cli")
            } catch let error as WorkflowError {
                try await store.close()
                printError("\(error); nothing was changed.")
                throw ExitCode.failure
            }
            print("Created \(role.rawValue) \(Account.normalized(email: email))\(cities.isEmpty ? "" : " for " + cities.joined(separator: ", ")).")
            try await store.close()
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every account with its role and cities.")
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let (store, workflow) = try await UsersCommand.open(options)
            let accounts = try await workflow.accounts()
            if accounts.isEmpty { print("No accounts yet; create one with `mosaic users add`.") }
            for account in accounts {
                print([account.email, account.role.rawValue, account.name, account.cities.joined(separator: ", ")].joined(separator: "\t"))
            }
            try await store.close()
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Change an account's role.")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "The account's e-mail address.") var email: String
        @Argument(help: "contributor, editor or admin.") var role: Account.Role

        func run() async throws {
            let (store, workflow) = try await UsersCommand.open(options)
            let account = try await UsersCommand.account(email, in: workflow)
            try await workflow.setRole(role, of: account.id, by: "cli")
            print("\(account.email) is now \(role.rawValue) (was \(account.role.rawValue)).")
            try await store.close()
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Set a new password for an account (asked for, or read from standard input); its sessions end.")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "The account's e-mail address.") var email: String

        func run() async throws {
            let password = try UsersCommand.readPassword()
            let (store, workflow) = try await UsersCommand.open(options)
            let account = try await UsersCommand.account(email, in: workflow)
            try await workflow.setPasswordHash(Passwords.hash(password), of: account.id, by: "cli")
            print("New password set for \(account.email); every session of the account has ended.")
            try await store.close()
        }
    }
}

struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Print the messages Mosaic would have e-mailed (newest first), such as password reset links.",
        discussion: """
            Mosaic has no mail server: notifications and reset links are kept in the outbox for an administrator to pass on.

            Example:
              mosaic outbox --limit 5
            """)
    @OptionGroup var options: DatabaseOptions
    @Option(help: "How many messages to print.") var limit = 20

    func run() async throws {
        let (store, workflow) = try await UsersCommand.open(options)
        let messages = try await workflow.outbox(limit: limit)
        if messages.isEmpty { print("The outbox is empty.") }
        for message in messages {
            print("To: \(message.recipient)\nDate: \(Timestamp.format(message.createdAt))\nSubject: \(message.subject)\n\n\(message.body)\n")
            print(String(repeating: "-", count: 60))
        }
        try await store.close()
    }
}
