import Hummingbird
import MosaicCore
import MosaicSearch

/// Every address of the site, as a value: the router registers each kind's pattern, and every link on
/// every page is printed from a value, in the reader's language. No path is written anywhere else.
///
///     Route.practice(slug).path("fr")   // "/fr/practices/anti-rumour-network"
///     router.get(.practice, use: show)  // "/practices/:slug", for every language
enum Route: Hashable, Sendable {
    case healthz
    case readyz
    case metrics
    case asset(String)
    case home
    case practices
    case practice(Slug)
    case history(Slug)
    case restore(Slug, revision: Int)
    case city(name: String)
    case country(Country.Code)
    case topic(Topic.Key)
    case template
    case templateMarkdown
    case templateDocx
    case login
    case logout
    case forgotPassword
    case resetPassword(token: String)
    case account
    case accountLanguage
    case submit
    case editDraft(Practice.ID)
    case deleteDraft(Practice.ID)
    case upload
    case review
    case reviewPractice(Practice.ID)
    case publish(Practice.ID)
    case requestChanges(Practice.ID)
    case unpublish(Practice.ID)
    case audit
    case thesaurus
    case cityRegister
    case mergeCities
    case accountRole(Account.ID)
    // Open data: the read API, its description, exports, the feed, the data page, search engines.
    case api
    case openAPI
    case apiPractices
    case apiPractice(Slug)
    case apiTopics
    case apiCountries
    case apiCities
    case apiSuggest
    case exportCSV
    case exportJSONL
    case feed
    case data
    case codebook
    case dataCatalog
    case sitemap
    case sitemapPart(Int)
    case robots
    /// Remembers the reader's language (a cookie) and goes on to `next` (a path without its language
    /// prefix, with its query) in that language.
    case chooseLanguage(String, next: String)

    /// The kinds of address, each with the pattern the router matches.
    enum Kind: String, CaseIterable, Sendable {
        case healthz = "/healthz"
        case readyz = "/readyz"
        case metrics = "/metrics"
        case asset = "/static/:file"
        case home = "/"
        case practices = "/practices"
        case practice = "/practices/:slug"
        case history = "/practices/:slug/history"
        case restore = "/practices/:slug/history/:number/restore"
        case city = "/cities/:slug"
        case country = "/countries/:code"
        case topic = "/topics/:key"
        case template = "/template"
        case templateMarkdown = "/template.md"
        case templateDocx = "/template.docx"
        case login = "/login"
        case logout = "/logout"
        case forgotPassword = "/password/forgot"
        case resetPassword = "/password/reset/:token"
        case account = "/account"
        case accountLanguage = "/account/language"
        case submit = "/submit"
        case editDraft = "/submit/:id"
        case deleteDraft = "/submit/:id/delete"
        case upload = "/upload"
        case review = "/review"
        case reviewPractice = "/review/:id"
        case publish = "/review/:id/publish"
        case requestChanges = "/review/:id/request-changes"
        case unpublish = "/review/:id/unpublish"
        case audit = "/admin/audit"
        case thesaurus = "/admin/thesaurus"
        case cityRegister = "/admin/cities"
        case mergeCities = "/admin/cities/merge"
        case accountRole = "/admin/accounts/:id/role"
        case api = "/api"
        case openAPI = "/api/openapi.json"
        case apiPractices = "/api/v1/practices"
        case apiPractice = "/api/v1/practices/:slug"
        case apiTopics = "/api/v1/topics"
        case apiCountries = "/api/v1/countries"
        case apiCities = "/api/v1/cities"
        case apiSuggest = "/api/v1/suggest"
        case exportCSV = "/practices.csv"
        case exportJSONL = "/practices.jsonl"
        case feed = "/practices.atom"
        case data = "/data"
        case codebook = "/data/codebook.json"
        case dataCatalog = "/data/catalog.jsonld"
        case sitemap = "/sitemap.xml"
        case sitemapPart = "/sitemaps/:part"
        case robots = "/robots.txt"
        case chooseLanguage = "/language/:code"

        var pattern: RouterPath { RouterPath(rawValue) }

        /// The kind whose pattern matches `path` (without a language prefix), if any.
        static func matching(_ path: String) -> Kind? {
            let segments = path.split(separator: "/", omittingEmptySubsequences: false)
            return allCases.first { kind in
                let pattern = kind.rawValue.split(separator: "/", omittingEmptySubsequences: false)
                return pattern.count == segments.count && zip(pattern, segments).allSatisfy { expected, actual in
                    expected.hasPrefix(":") ? !actual.isEmpty : expected == actual
                }
            }
        }

        /// Addresses that are the same in every language (no prefix).
        var isLanguageNeutral: Bool {
            switch self {
            case .healthz, .readyz, .metrics, .asset, .openAPI, .codebook, .dataCatalog, .sitemap, .sitemapPart, .robots, .chooseLanguage: true
            default: false
            }
        }

        /// Data that any web page may read (CORS): the API and the exports, not the HTML pages.
        var isOpenToOtherOrigins: Bool {
            switch self {
            case .openAPI, .apiPractices, .apiPractice, .apiTopics, .apiCountries, .apiCities, .apiSuggest, .exportCSV, .exportJSONL,
                 .feed, .codebook, .dataCatalog: true
            default: false
            }
        }

        /// The operations of the OpenAPI document (`Resources/openapi.json`).
        var isDocumentedInOpenAPI: Bool {
            switch self {
            case .openAPI, .apiPractices, .apiPractice, .apiTopics, .apiCountries, .apiCities, .apiSuggest, .exportCSV, .exportJSONL, .feed: true
            default: false
            }
        }

        /// Answers whose errors are problem documents (RFC 9457), not HTML pages.
        var isAPI: Bool {
            switch self {
            case .apiPractices, .apiPractice, .apiTopics, .apiCountries, .apiCities, .apiSuggest, .exportCSV, .exportJSONL, .feed: true
            default: false
            }
        }
    }

    var kind: Kind {
        switch self {
        case .healthz: .healthz
        case .readyz: .readyz
        case .metrics: .metrics
        case .asset: .asset
        case .home: .home
        case .practices: .practices
        case .practice: .practice
        case .history: .history
        case .restore: .restore
        case .city: .city
        case .country: .country
        case .topic: .topic
        case .template: .template
        case .templateMarkdown: .templateMarkdown
        case .templateDocx: .templateDocx
        case .login: .login
        case .logout: .logout
        case .forgotPassword: .forgotPassword
        case .resetPassword: .resetPassword
        case .account: .account
        case .accountLanguage: .accountLanguage
        case .submit: .submit
        case .editDraft: .editDraft
        case .deleteDraft: .deleteDraft
        case .upload: .upload
        case .review: .review
        case .reviewPractice: .reviewPractice
        case .publish: .publish
        case .requestChanges: .requestChanges
        case .unpublish: .unpublish
        case .audit: .audit
        case .thesaurus: .thesaurus
        case .cityRegister: .cityRegister
        case .mergeCities: .mergeCities
        case .accountRole: .accountRole
        case .api: .api
        case .openAPI: .openAPI
        case .apiPractices: .apiPractices
        case .apiPractice: .apiPractice
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
        case .sitemapPart: .sitemapPart
        case .robots: .robots
        case .chooseLanguage: .chooseLanguage
        }
    }

    /// The path without a language prefix: the kind's pattern with this route's values put in.
    var path: String {
        // The commonest links, written directly.
        switch self {
        case .practice(let slug): return "/practices/" + slug.rawValue
        case .apiPractice(let slug): return "/api/v1/practices/" + slug.rawValue
        case .history(let slug): return "/practices/" + slug.rawValue + "/history"
        case .asset(let file): return "/static/" + Self.pathSegment(file)
        case .country(let code): return "/countries/" + Self.pathSegment(code.rawValue.lowercased())
        case .topic(let key): return "/topics/" + Self.pathSegment(key.rawValue)
        case .city(let name): return "/cities/" + Slug(making: name).rawValue
        default: break
        }
        let value: String? = switch self {
        case .asset(let file): file
        case .practice(let slug), .history(let slug): slug.rawValue
        case .restore(let slug, _): slug.rawValue
        case .city(let name): Slug(making: name).rawValue
        case .country(let code): code.rawValue.lowercased()
        case .topic(let key): key.rawValue
        case .resetPassword(let token): token
        case .editDraft(let id), .deleteDraft(let id), .reviewPractice(let id), .publish(let id), .requestChanges(let id), .unpublish(let id): id.rawValue
        case .accountRole(let id): id.rawValue
        case .apiPractice(let slug): slug.rawValue
        case .sitemapPart(let number): "\(number).xml"
        case .chooseLanguage(let code, _): code
        default: nil
        }
        guard let value else { return kind.rawValue }
        if case .chooseLanguage(let code, let next) = self { return "/language/" + Self.pathSegment(code) + "?next=" + CatalogQuery.encode(next) }
        var parts = kind.rawValue.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // The first parameter takes the value; a second (the revision number) its number.
        if let first = parts.firstIndex(where: { $0.hasPrefix(":") }) { parts[first] = Self.pathSegment(value) }
        if case .restore(_, let revision) = self, let second = parts.firstIndex(where: { $0.hasPrefix(":") }) {
            parts[second] = String(revision)
        }
        return parts.joined(separator: "/")
    }

    /// `chooseLanguage(code, next:)` for every interface language, `next` encoded once (the switcher of every page).
    static func languageChoices(next: String) -> [(language: String, path: String)] {
        let query = "?next=" + CatalogQuery.encode(next)
        return Localizer.languages.map { ($0, "/language/" + $0 + query) }
    }

    /// The path in a language: English without a prefix, the others under `/fr/...`.
    func path(_ language: String) -> String {
        kind.isLanguageNeutral ? path : Languages.prefixed(path, language: language)
    }

    /// A path segment as it may stand in a URL: only RFC 3986's unreserved characters stay as they are.
    static func pathSegment(_ value: String) -> String { CatalogQuery.encode(value) }
}

/// The languages of the interface in URLs: English without a prefix, the others under `/xx/`.
enum Languages {
    static func prefixed(_ path: String, language: String) -> String {
        language == Localizer.defaultLanguage ? path : "/\(language)" + (path == "/" ? "/" : path)
    }

    /// The language of a request path and the path without its language prefix; nil for the language
    /// when the path has no prefix.
    static func split(_ path: String) -> (language: String?, path: String) {
        // The first segment, read once (every request passes here): a prefix when it names a language.
        let utf8 = path.utf8
        if utf8.first == UInt8(ascii: "/") {
            let afterSlash = utf8.index(after: utf8.startIndex)
            let end = utf8[afterSlash...].firstIndex(of: UInt8(ascii: "/")) ?? utf8.endIndex
            let segment = String(path[afterSlash..<end])
            if segment != Localizer.defaultLanguage, prefixes.contains(segment) {
                let rest = String(path[end...])
                return (segment, rest.isEmpty ? "/" : rest)
            }
        }
        return (nil, path.isEmpty ? "/" : path)
    }

    private static let prefixes = Set(Localizer.languages)
}

extension RouterMethods {
    /// Registers `kind`'s pattern for GET, once for every language (the language prefix is read
    /// before routing, by `LanguageResponder`).
    @discardableResult
    func get(_ kind: Route.Kind, use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator) -> Self {
        get(kind.pattern, use: handler)
    }

    @discardableResult
    func post(_ kind: Route.Kind, use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator) -> Self {
        post(kind.pattern, use: handler)
    }
}
