import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import MosaicCore
import MosaicStore
@testable import MosaicWeb
@testable import MosaicTestSupport

/// The city register's page: editors merge two spellings of a city, and the catalogue, the city pages
/// and the old addresses follow.
@Suite("City register page")
struct CityRegisterWebTests {
    static let extra = [
        samplePractice("Night school for parents", country: "UA", cities: ["Vinnitsya"]),
        samplePractice("Language café in the library", country: "UA", cities: ["Vinnytsia"]),
        samplePractice("Welcome guides at the station", country: "UA", cities: ["Vinnytsia", "Kyiv"]),
    ]

    @Test("Editors see look-alike names and merge them: the facet, the city pages and old addresses follow")
    func mergingLookAlikes() async throws {
        try await withSite(extra: Self.extra) { client, site in
            try await People.add(to: site)
            let ed = try await Browser.signedIn(client, as: People.editor)
            let page = try await ed.get("/admin/cities")
            #expect(page.status == .ok)
            #expect(page.document.first("h1")?.plainText == "City register")
            let groups = page.document.all("form", where: { $0["action"] == "/admin/cities/merge" && $0.first("fieldset") != nil })
            let names = groups.map { $0.all("input", where: { $0["name"] == "names" }).compactMap { $0["value"] } }
            #expect(names.contains(["Vinnitsya", "Vinnytsia"]), "\(names)")
            #expect(page.body.contains("Vinnitsya (1)") && page.body.contains("Vinnytsia (2)"))
            #expect(try await client.get("/cities/vinnitsya").status == .ok)

            let merged = try await ed.post("/admin/cities/merge", [("country", "UA"), ("names", "Vinnitsya"), ("names", "Vinnytsia"), ("into", "Vinnytsia")])
            #expect(merged.status == .seeOther)
            let after = try await ed.follow(merged)
            #expect(after.document.first("p", class: "notice")?.plainText == "“Vinnitsya” is now “Vinnytsia”: 1 practice updated.")
            #expect(!after.body.contains("Vinnitsya (1)"))
            // The retired spelling is listed beside the name kept.
            let row = after.document.all("tr").first { $0.first("th")?.plainText == "Vinnytsia" }
            #expect(row?.plainText.contains("Vinnitsya") == true)

            // Readers see one city, with its three practices; the old address leads there for good.
            let catalogue = try await client.get("/practices?country=UA")
            #expect(!catalogue.body.contains("Vinnitsya"))
            #expect(try await client.get("/cities/vinnytsia").cards.count == 3)
            let old = try await client.execute(uri: "/fr/cities/vinnitsya?sort=title", method: .get) { $0 }
            #expect(old.status == .movedPermanently)
            #expect(old.headers[.location] == "/fr/cities/vinnytsia?sort=title")
            #expect(try await client.get("/cities/no-such-city").status == .notFound)
            // The practice's history says why it changed.
            let id = Self.extra[0].id
            #expect(try await site.store.revisions(of: id).last?.note.map(RevisionNote.init(stored:)) == .cityMerged(from: "Vinnitsya", into: "Vinnytsia"))
        }
    }

    @Test("Merging any two names from the form; an unknown name is refused, saying which")
    func mergingByName() async throws {
        try await withSite(extra: Self.extra) { client, site in
            try await People.add(to: site)
            let ed = try await Browser.signedIn(client, as: People.editor)
            try await ed.get("/admin/cities")
            let refused = try await ed.post("/admin/cities/merge", [("country", "UA"), ("from", "Atlantis"), ("into", "Kyiv")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.document.first("div", class: "form-error")?.plainText == "“Atlantis” is not a city of UA in the register. Choose one from the list.")
            #expect(refused.document.first("input", where: { $0["id"] == "merge-from" })?["value"] == "Atlantis")
            let merged = try await ed.follow(ed.post("/admin/cities/merge", [("country", "UA"), ("from", "Kyiv"), ("into", "Vinnytsia")]))
            #expect(merged.document.first("p", class: "notice")?.plainText == "“Kyiv” is now “Vinnytsia”: 1 practice updated.")
            // A notice cannot be made up by a link.
            let forged = try await ed.get("/admin/cities?done=merged&country=UA&from=Lisbon&into=Vinnytsia&count=9")
            #expect(forged.document.first("p", class: "notice") == nil)
        }
    }

    @Test("Contributors and visitors may not see or merge the register; a merge needs its token")
    func refusals() async throws {
        try await withSite(extra: Self.extra) { client, site in
            try await People.add(to: site)
            let ana = try await Browser.signedIn(client, as: People.contributor)
            #expect(try await ana.get("/admin/cities").status == .forbidden)
            try await ana.get("/account")
            #expect(try await ana.post("/admin/cities/merge", [("country", "UA"), ("from", "Vinnitsya"), ("into", "Vinnytsia")]).status == .forbidden)
            let visitor = try await client.execute(uri: "/admin/cities", method: .get) { $0 }
            #expect(visitor.status == .seeOther)
            #expect(visitor.headers[.location]?.hasPrefix("/login") == true)
            let ed = try await Browser.signedIn(client, as: People.editor)
            try await ed.get("/admin/cities")
            #expect(try await ed.post("/admin/cities/merge", [("country", "UA"), ("from", "Vinnitsya"), ("into", "Vinnytsia")], token: .none).status == .forbidden)
            #expect(try await site.store.cityRegister().names.contains(.init(country: "UA", name: "Vinnitsya")), "nothing was merged")
        }
    }
}
