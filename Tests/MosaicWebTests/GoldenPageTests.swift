import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MosaicCore
import MosaicStore
import Testing
@testable import MosaicWeb
@testable import MosaicTestSupport

/// Every page kind, in English and French, rendered from the sample catalogue and compared byte for
/// byte with a stored file in `Golden/`: a change of markup is always a diff someone reviews.
///
/// To accept a change on purpose: `MOSAIC_RECORD_GOLDEN=1 swift test --filter GoldenPageTests`, then
/// read `git diff Tests/MosaicWebTests/Golden`.
@Suite("Golden pages")
struct GoldenPageTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["MOSAIC_RECORD_GOLDEN"] == "1"

    /// Values that change from run to run (tokens, identifiers, today's date) replaced by fixed words.
    static func normalized(_ html: String) -> String {
        var text = html
        let today = Timestamp.now()
        for language in ["en", "fr"] {
            let strings = try! Localizer.load().strings(language)
            text = text.replacingOccurrences(of: strings.date(today), with: "TODAY")
        }
        // Today as citations write it (BibTeX and RIS), not as the start of a timestamp.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let day = calendar.dateComponents([.year, .month, .day], from: today)
        for separator in ["-", "/"] {
            let date = String(format: "%04d%@%02d%@%02d", day.year!, separator, day.month!, separator, day.day!)
            text = text.replacingOccurrences(of: date + "}", with: "TODAY}").replacingOccurrences(of: date + "\n", with: "TODAY\n")
        }
        let patterns = [
            (#"name="csrf" value="[^"]*""#, #"name="csrf" value="CSRF""#),
            (#"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#, "UUID"),
            // The static files' version: a change of style sheet does not touch every page.
            (#"\.(css|js)\?v=[0-9a-z]+""#, ".$1?v=ASSETS\""),
            (#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"#, "TIMESTAMP"),
        ]
        for (pattern, replacement) in patterns {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        // Audit entries of the same second come in no particular order (noted in docs/architecture.md).
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let first = lines.firstIndex(where: { $0.hasPrefix("<tr><td>TIMESTAMP") }),
           let last = lines.lastIndex(where: { $0.hasPrefix("<tr><td>TIMESTAMP") }) {
            lines[first...last].sort()
        }
        return lines.joined(separator: "\n")
    }

    static func check(_ name: String, _ page: Page, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = folder.appendingPathComponent(name + ".html")
        let actual = normalized(page.body)
        if recording {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try? String(contentsOf: file, encoding: .utf8)
        #expect(expected != nil, "no golden file \(name).html: record it with MOSAIC_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
        guard let expected, expected != actual else { return }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        Issue.record("""
            \(name).html differs from the golden file at line \(line + 1):
            expected: \(line < old.count ? String(old[line]) : "(end)")
            actual:   \(line < new.count ? String(new[line]) : "(end)")
            """, sourceLocation: sourceLocation)
    }

    @Test("Public pages")
    func publicPages() async throws {
        try await withSite { client, _ in
            for (prefix, language) in [("", "en"), ("/fr", "fr")] {
                let pages = [
                    ("home", "/"),
                    ("catalogue", "/practices"),
                    ("catalogue-filtered", "/practices?q=rumours&topic=anti-discrimination&country=ES&per_page=10"),
                    ("catalogue-page-2", "/practices?per_page=10&page=2&sort=title"),
                    ("catalogue-empty", "/practices?q=zzzzqqqq&country=PT"),
                    ("catalogue-relaxed", "/practices?q=library+zorblat"),
                    ("city", "/cities/lisbon"),
                    ("country", "/countries/ch"),
                    ("topic", "/topics/welcoming"),
                    ("practice", "/practices/anti-rumour-network"),
                    ("practice-from-results", "/practices/anti-rumour-network?from=q%3Drumours"),
                    ("history", "/practices/anti-rumour-network/history"),
                    ("template", "/template"),
                    ("not-found", "/no-such-page"),
                    ("practice-not-found", "/practices/no-such-practice"),
                    ("login", "/login?next=%2Faccount"),
                    ("forgot", "/password/forgot"),
                    ("reset", "/password/reset/some-token"),
                    ("data", "/data"),
                    ("api", "/api"),
                ]
                for (name, path) in pages {
                    let fullPath = prefix.isEmpty ? path : (path == "/" ? "/fr/" : prefix + path)
                    try Self.check("\(language)-\(name)", try await client.get(fullPath))
                }
            }
        }
    }

    @Test("Pages of contributors, editors and administrators")
    func privatePages() async throws {
        try await withSite { client, site in
            try await People.add(to: site)
            let ana = try await Browser.signedIn(client, as: People.contributor)
            let ed = try await Browser.signedIn(client, as: People.editor)
            let ada = try await Browser.signedIn(client, as: People.admin)
            try await ana.get("/submit")
            let incomplete = try await ana.follow(ana.post("/submit", [("title", "Zorblat neighbourhood walks"), ("cities", "Lisbon"), ("action", "submit")]))
            #expect(incomplete.status == .unprocessableContent)
            let draft = try await ana.follow(ana.post("/submit", completeSubmission(action: "save")))
            let id = try #require(practiceID(of: draft))
            try await ana.follow(ana.post("/submit/\(id)", completeSubmission()))
            for (prefix, language) in [("", "en"), ("/fr", "fr")] {
                try Self.check("\(language)-submit-new", try await ana.get(prefix + "/submit"))
                try Self.check("\(language)-account", try await ana.get(prefix + "/account"))
                try Self.check("\(language)-submit-edit", try await ana.get(prefix + "/submit/\(id)"))
                try Self.check("\(language)-review-queue", try await ed.get(prefix + "/review"))
                try Self.check("\(language)-review", try await ed.get(prefix + "/review/\(id)"))
                try Self.check("\(language)-history-editor", try await ed.get(prefix + "/practices/anti-rumour-network/history"))
                try Self.check("\(language)-forbidden", try await ana.get(prefix + "/review"))
            }
            try Self.check("en-submit-errors", incomplete)
            try Self.check("en-audit", try await ada.get("/admin/audit?"))
        }
    }
}
