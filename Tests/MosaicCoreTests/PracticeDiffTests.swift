import Foundation
import Testing
@testable import MosaicCore

@Suite("Differences between versions")
struct PracticeDiffTests {
    /// The old text is the kept and removed runs; the new text the kept and added ones.
    func rebuilt(_ segments: [PracticeDiff.Segment]) -> (old: String, new: String) {
        (segments.filter { $0.kind != .added }.map(\.text).joined(), segments.filter { $0.kind != .removed }.map(\.text).joined())
    }

    @Test("A changed word is shown removed and added between the words kept")
    func wordChange() {
        let segments = PracticeDiff.words(from: "Volunteers walk every Saturday.", to: "Volunteers walk every Sunday.")
        #expect(segments.map(\.kind) == [.same, .removed, .added])
        #expect(segments[0].text == "Volunteers walk every ")
        #expect(segments[1].text == "Saturday." && segments[2].text == "Sunday.")
    }

    @Test("Every difference gives back both texts exactly", arguments: 0..<50)
    func rebuildsBothTexts(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let words = ["city", "welcome", "desk", "newcomers", "é", "library", "  ", "\n", "and", "the"]
        func sentence() -> String { (0..<Int.random(in: 0...12, using: &generator)).map { _ in words.randomElement(using: &generator)! + " " }.joined() }
        let old = sentence(), new = sentence()
        let (a, b) = rebuilt(PracticeDiff.words(from: old, to: new))
        #expect(a == old)
        #expect(b == new)
    }

    @Test("Fields are compared in the order of the template; unchanged fields are left out")
    func fieldsInTemplateOrder() {
        var old = Practice(slug: Slug(making: "Walks"), title: "Walks", country: Country.Code(rawValue: "PT"), cities: ["Lisbon"],
                           sections: [.purpose: "Meet neighbours."])
        var new = old
        new.title = "Harbour walks"
        new.sections[.impact] = "Forty people took part."
        new.cities = ["Lisbon", "Porto"]
        #expect(PracticeDiff(from: old, to: new).changedFields == ["title", "cities", "impact"])
        #expect(PracticeDiff(from: old, to: old).isEmpty)
        old.translations["fr"] = Practice.Translation(title: "Promenades")
        #expect(PracticeDiff(from: new, to: old).changedFields.contains("translation_fr"))
        // A new practice: everything it has is added.
        #expect(PracticeDiff(from: nil, to: new).changes.allSatisfy { $0.segments.allSatisfy { $0.kind == .added } })
    }

    @Test("Very long texts are compared whole, so the work stays bounded")
    func boundedWork() {
        let old = String(repeating: "word ", count: 3_000), new = String(repeating: "other ", count: 3_000)
        let segments = PracticeDiff.words(from: old, to: new)
        #expect(segments.map(\.kind) == [.removed, .added])
        #expect(rebuilt(segments) == (old, new))
    }
}

@Suite("The practice template")
struct PracticeTemplateTests {
    @Test("Fields follow the template: identity, place, time, topics, language, then every section, links, contact")
    func order() {
        let keys = PracticeTemplate.fields.map(\.key)
        #expect(Array(keys.prefix(7)) == ["title", "subtitle", "country", "cities", "period", "topics", "language"])
        #expect(keys.filter { key in Practice.Section(rawValue: key) != nil } == Practice.Section.allCases.map(\.rawValue))
        #expect(keys.firstIndex(of: "evidence") == keys.firstIndex(of: "evaluation")! + 1)
        #expect(Array(keys.suffix(2)) == ["links", "contact"])
        #expect(Set(keys).count == keys.count)
    }

    @Test("What is required is what validation requires to publish")
    func requirements() {
        let required = PracticeTemplate.fields.filter { $0.requirement == .required }.map(\.key)
        #expect(required == ["title", "country", "language", "purpose"])
        #expect(PracticeTemplate.fields.first { $0.key == "purpose" }?.labelKey == "section_purpose")
        #expect(PracticeTemplate.fields.first { $0.key == "evidence" }?.labelKey == "evidence")
        #expect(PracticeTemplate.fields.first { $0.key == "title" }?.guidanceKey == "guidance_title")
    }
}
