import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import MosaicCore
import MosaicStore
@testable import MosaicWeb
@testable import MosaicTestSupport

@Suite("Routes as values")
struct RouteTests {
    /// One address of every kind, with values the sample catalogue has (the switch makes a new kind a
    /// compile error here until it is given one).
    static func example(of kind: Route.Kind) -> Route {
        let slug = Slug(rawValue: "anti-rumour-network")!, id = Practice.ID(rawValue: "sample-01")
        return switch kind {
        case .healthz: .healthz
        case .readyz: .readyz
        case .metrics: .metrics
        case .asset: .asset("mosaic.css")
        case .home: .home
        case .practices: .practices
        case .practice: .practice(slug)
        case .history: .history(slug)
        case .restore: .restore(slug, revision: 1)
        case .city: .city(name: "Lisbon")
        case .country: .country(Country.Code(rawValue: "PT"))
        case .topic: .topic(Topic.Key(rawValue: "welcoming"))
        case .template: .template
        case .templateMarkdown: .templateMarkdown
        case .templateDocx: .templateDocx
        case .login: .login
        case .logout: .logout
        case .forgotPassword: .forgotPassword
        case .resetPassword: .resetPassword(token: "a-token")
        case .account: .account
        case .accountLanguage: .accountLanguage
        case .submit: .submit
        case .editDraft: .editDraft(id)
        case .deleteDraft: .deleteDraft(id)
        case .upload: .upload
        case .review: .review
        case .reviewPractice: .reviewPractice(id)
        case .publish: .publish(id)
        case .requestChanges: .requestChanges(id)
        case .unpublish: .unpublish(id)
        case .audit: .audit
        case .thesaurus: .thesaurus
        case .cityRegister: .cityRegister
        case .mergeCities: .mergeCities
        case .accountRole: .accountRole(Account.ID(rawValue: "someone"))
        case .api: .api
        case .openAPI: .openAPI
        case .apiPractices: .apiPractices
        case .apiPractice: .apiPractice(slug)
        case .apiTopics: .apiTopics
        case .apiCountries: .apiCountries
        case .apiCities: .apiCities
        case .apiSuggest: .apiSuggest
        case .exportCSV: .exportCSV
        case .exportJSONL: .exportJSONL
        case .feed: .feed
        case .data: .data
        case .codebook: .codebook
        case .dataCatalog: .dataCatalog
        case .sitemap: .sitemap
        case .sitemapPart: .sitemapPart(1)
        case .robots: .robots
        case .chooseLanguage: .chooseLanguage("fr", next: "/practices")
        }
    }

    static let postOnly: Set<Route.Kind> = [.logout, .upload, .accountLanguage, .publish, .requestChanges, .unpublish, .restore, .accountRole, .mergeCities]

    @Test("Every route prints a path of its own pattern, prefixed in every language but English")
    func pathsFollowPatterns() {
        for kind in Route.Kind.allCases {
            let route = Self.example(of: kind)
            #expect(route.kind == kind)
            let pattern = kind.rawValue.split(separator: "/", omittingEmptySubsequences: false)
            let path = route.path.split(separator: "/", omittingEmptySubsequences: false)
            #expect(pattern.count == path.count, "\(kind)")
            for (expected, actual) in zip(pattern, path) where !expected.hasPrefix(":") {
                #expect(expected == actual, "\(kind): \(route.path)")
            }
            #expect(route.path("en") == route.path)
            #expect(route.path("fr") == (kind.isLanguageNeutral ? route.path : "/fr" + (route.path == "/" ? "/" : route.path)))
        }
        #expect(Route.city(name: "Genève").path("fr") == "/fr/cities/geneve")
        for (code, path) in Route.languageChoices(next: "/practices?q=a&b") {
            #expect(path == Route.chooseLanguage(code, next: "/practices?q=a&b").path)
        }
        #expect(Route.resetPassword(token: "a/b c").path == "/password/reset/a%2Fb%20c")
    }

    @Test("What every route prints is what the router matches, in both languages")
    func routerMatchesEveryPath() async throws {
        // With metrics on, so that /metrics is a route too.
        try await withSite(metrics: true) { client, _ in
            for kind in Route.Kind.allCases {
                for language in ["en", "fr"] {
                    let path = Self.example(of: kind).path(language)
                    let method: HTTPRequest.Method = Self.postOnly.contains(kind) ? .post : .get
                    let status = try await client.execute(uri: path, method: method) { $0.status }
                    // Signed out and without a token: pages answer, private ones send to sign in or refuse; none is unknown.
                    #expect(status != .notFound && status != .methodNotAllowed, "\(method) \(path) answered \(status)")
                }
            }
            // And an address that is no route is not found.
            #expect(try await client.execute(uri: "/fr/no-such-page", method: .get) { $0.status } == .notFound)
        }
    }
}
