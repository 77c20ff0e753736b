import Foundation
import Testing
import MosaicCore
@testable import MosaicSearch

@Suite("Snippets")
struct HighlighterTests {
    func practice(_ sections: [Practice.Section: String], translations: [String: Practice.Translation] = [:]) -> Practice {
        var practice = Practice(slug: Slug(making: "x"), title: "x", country: Country.Code(rawValue: "PT"), sections: sections)
        practice.translations = translations
        return practice
    }

    func highlighter(_ words: String, language: String = "en") -> Highlighter {
        Highlighter(terms: Set(Analyzer.terms(words)), language: language)
    }

    @Test("Scanning for a few terms emits what a full scan emits of them: same terms, positions and ranges")
    func scanForSomeTermsEqualsFullScan() {
        var random = SeededGenerator(seed: 12)
        let pieces = ["Ab", "abc", "b", "Youth", "yo", "ut", "9", "x", "-", "'", " ", ". ", "\n", "é", "É", "Z", "zz", "ab-yo", "\u{301}", "co"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...14, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let starts = Set((0..<Int.random(in: 1...3, using: &random)).map { _ in
                Analyzer.start(["ab", "b", "yo", "ut", "zz", "x", "9", "e", "co"].randomElement(using: &random)!.utf8)
            })
            func scan(_ only: Set<UInt16>?) -> [String] {
                var out: [String] = []
                var cache = Analyzer.StemCache()
                Analyzer.scanUntilStopped(text, cache: &cache, onlyStarting: only) { term, position, range in
                    if only != nil || starts.contains(Analyzer.start(term.utf8)) { out.append("\(term)@\(position)@\(range)") }
                    return true
                }
                return out
            }
            #expect(scan(starts) == scan(nil), "\(text.debugDescription)")
        }
    }

    @Test("A section is skipped only when the analyser would find no word starting like a term in it")
    func prefilterAgreesWithTheAnalyser() {
        var random = SeededGenerator(seed: 11)
        let pieces = ["Ab", "ab", "b", "Yo", "yo", "ut", "9", "x", "-", "'", " ", ". ", "\n", "é", "Z", "zz"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let starts = Set((0..<Int.random(in: 1...3, using: &random)).map { _ in
                Analyzer.start(["ab", "b", "yo", "ut", "zz", "x", "9"].randomElement(using: &random)!.utf8)
            })
            var found = false
            var cache = Analyzer.StemCache()
            Analyzer.scanUntilStopped(text, cache: &cache, onlyStarting: starts) { _, _, _ in
                found = true
                return false
            }
            if found { #expect(Highlighter.mayHold(text, wordsStarting: starts), "\(text.debugDescription)") }
        }
        #expect(!Highlighter.mayHold("The city opened a desk.", wordsStarting: [Analyzer.start("you".utf8)]))
        #expect(Highlighter.mayHold("Youth work", wordsStarting: [Analyzer.start("you".utf8)]))
    }

    @Test("The passage is where the words first appear, with every form of them marked")
    func marksTheWords() {
        let text = "The city opened a desk. Volunteers welcome newcomers at the library, and welcoming continues online."
        let snippet = highlighter("welcome").snippet(for: practice([.process: text]))
        #expect(snippet.segments.filter(\.highlighted).map(\.text) == ["welcome", "welcoming"])
        #expect(snippet.segments.map(\.text).joined().contains("Volunteers welcome newcomers"))
        #expect(snippet.language == "en")
    }

    @Test("A later section is searched when the first ones do not hold the words")
    func laterSection() {
        let snippet = highlighter("budget").snippet(for: practice([.purpose: "Help newcomers.", .resources: "A budget of 20,000 euros a year."]))
        #expect(snippet.segments.contains { $0.highlighted && $0.text == "budget" })
    }

    @Test("Without the words in the text, the teaser is shown, unmarked")
    func teaserOtherwise() {
        let snippet = highlighter("zorblat").snippet(for: practice([.purpose: "Purpose: help newcomers find their way."]))
        #expect(snippet.segments == [.init(text: "Purpose: help newcomers find their way.", highlighted: false)])
    }

    @Test("Passages stay short, and a long text is cut at a word")
    func shortPassages() {
        let long = String(repeating: "Neighbours meet in the square every week. ", count: 40) + "The library lends books in twelve languages."
        let snippet = highlighter("library").snippet(for: practice([.process: long]))
        let passage = snippet.segments.map(\.text).joined()
        #expect(passage.count <= Highlighter.length + 2)
        #expect(!snippet.segments.contains { $0.highlighted && $0.text != "library" })
    }

    @Test("The reader's language is used where the practice is translated")
    func translated() {
        let snippet = highlighter("bibliotheque", language: "fr").snippet(for: practice(
            [.purpose: "A library for everyone."], translations: ["fr": Practice.Translation(sections: [.purpose: "Une bibliothèque pour tous."])]))
        #expect(snippet.language == "fr")
        #expect(snippet.segments.contains { $0.highlighted && $0.text == "bibliothèque" })
    }
}
