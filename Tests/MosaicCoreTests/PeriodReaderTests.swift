import Foundation
import Testing
@testable import MosaicCore

/// One period text and what must be read from it.
struct PeriodCase: CustomTestStringConvertible, Sendable {
    let text: String
    let start: Int?
    let end: Int?
    let ongoing: Bool
    init(_ text: String, _ start: Int?, _ end: Int?, _ ongoing: Bool) {
        self.text = text
        self.start = start
        self.end = end
        self.ongoing = ongoing
    }
    var testDescription: String { "\"\(text)\"" }
}

@Suite("Reading free-text periods")
struct PeriodReaderTests {
    /// Every example of practice-template.md section 3.
    static let specification: [PeriodCase] = [
        .init("2020", 2020, 2020, false),
        .init("2019 - ongoing", 2019, nil, true),
        .init("Since 2016", 2016, nil, true),
        .init("2013-", 2013, nil, true),
        .init("2017-2021", 2017, 2021, false),
        .init("2011-14", 2011, 2014, false),
        .init("January - February 2018", 2018, 2018, false),
        .init("From 2021 to 2027", 2021, 2027, false),
        .init("2021 (ongoing since 2017)", 2017, nil, true),
        .init("2015-2020 / 2021-25", 2015, 2025, false),
        .init("à partir 2016", 2016, nil, true),
        .init("Each year in March", nil, nil, false),
        .init("permanent", nil, nil, true),
        .init("N/A", nil, nil, false),
        .init("", nil, nil, false),
    ]

    /// Our own: every rule, every listed language, days and months, truncated text, words around.
    static let ours: [PeriodCase] = [
        // English ongoing words
        .init("2018 – present", 2018, nil, true),
        .init("2015 onwards", 2015, nil, true),
        .init("2014 on", 2014, nil, true),
        .init("2014 and on", 2014, nil, true),
        .init("2016 - on-going", 2016, nil, true),
        .init("Ongoing", nil, nil, true),
        .init("2012 to date", 2012, nil, true),
        .init("2019 - current", 2019, nil, true),
        .init("2010 until today", 2010, nil, true),
        .init("From 2019", 2019, nil, true),
        .init("from March 2019", 2019, nil, true),
        .init("Starting in 2022", 2022, nil, true),
        .init("Permanent since 2008", 2008, nil, true),
        .init("2017 -", 2017, nil, true),
        .init("2017 — (pilot)", 2017, nil, true),
        .init("Every summer since 2012", 2012, nil, true),
        .init("2016 and beyond", 2016, nil, true),
        // Closed ranges and lists
        .init("2016/2017", 2016, 2017, false),
        .init("2008–2010", 2008, 2010, false),
        .init("2019-20", 2019, 2020, false),
        .init("1998-2003", 1998, 2003, false),
        .init("2014, 2016 and 2018", 2014, 2018, false),
        .init("Since 2014 until 2018", 2014, 2018, false),
        .init("Pilot in 2015, extended 2016-2018", 2015, 2018, false),
        .init("2015-2018; relaunched 2020 - ongoing", 2015, nil, true),
        .init("2018 (3 months)", 2018, 2018, false),
        .init("FY2019", 2019, 2019, false),
        // Dates with days and months
        .init("12 March 2019 - 30 June 2019", 2019, 2019, false),
        .init("15.09.2017 – 31.12.2018", 2017, 2018, false),
        .init("2019-05-12", 2019, 2019, false),
        .init("2009-11-20 to 2010-02-01", 2009, 2010, false),
        .init("03/2016 - 06/2017", 2016, 2017, false),
        .init("September 2017 – June 2019", 2017, 2019, false),
        .init("Spring 2015", 2015, 2015, false),
        .init("1 January 2020 onwards", 2020, nil, true),
        // French
        .init("Depuis 2012", 2012, nil, true),
        .init("depuis septembre 2015", 2015, nil, true),
        .init("De 2015 à 2018", 2015, 2018, false),
        .init("2019 - en cours", 2019, nil, true),
        .init("janvier - février 2018", 2018, 2018, false),
        .init("à partir de 2016", 2016, nil, true),
        .init("Dès 2016", 2016, nil, true),
        .init("2018 jusqu'à aujourd'hui", 2018, nil, true),
        .init("Septembre 2017 – juin 2019", 2017, 2019, false),
        .init("Action permanente", nil, nil, true),
        // German
        .init("seit 2015", 2015, nil, true),
        .init("2015 bis heute", 2015, nil, true),
        .init("ab 2016", 2016, nil, true),
        .init("von 2015 bis 2018", 2015, 2018, false),
        .init("2017 – laufend", 2017, nil, true),
        .init("März 2018 - Dezember 2019", 2018, 2019, false),
        // Spanish
        .init("desde 2014", 2014, nil, true),
        .init("2016 - en curso", 2016, nil, true),
        .init("de 2015 a 2018", 2015, 2018, false),
        .init("Desde el 1 de enero de 2015", 2015, nil, true),
        .init("2013 hasta la actualidad", 2013, nil, true),
        // Italian
        .init("dal 2017", 2017, nil, true),
        .init("dal 2017 al 2019", 2017, 2019, false),
        .init("2018 - in corso", 2018, nil, true),
        .init("a partire dal 2020", 2020, nil, true),
        // Portuguese
        .init("desde 2016", 2016, nil, true),
        .init("2019 - em curso", 2019, nil, true),
        .init("de 2015 a 2019", 2015, 2019, false),
        .init("Outubro 2018 - a decorrer", 2018, nil, true),
        // Serbian, Latin and Cyrillic
        .init("od 2015.", 2015, nil, true),
        .init("od 2015. do 2018.", 2015, 2018, false),
        .init("2017 - u toku", 2017, nil, true),
        .init("2016 - danas", 2016, nil, true),
        .init("од 2014. године", 2014, nil, true),
        .init("2019 — трајно", 2019, nil, true),
        // No year, never invented
        .init("Each year in March", nil, nil, false),
        .init("TBC", nil, nil, false),
        .init("n/a", nil, nil, false),
        .init("Annual", nil, nil, false),
        .init("Budget of 2000 EUR per year", nil, nil, false),
        .init("€1500", nil, nil, false),
        .init("2 years", nil, nil, false),
        .init("Project no. 20190", nil, nil, false),
        .init("1850-1870 heritage walks", nil, nil, false),
        .init("2019-05", 2019, 2019, false),
        .init("2019-2", 2019, 2019, false),
        // Truncated text
        .init("2018 - Ma", 2018, 2018, false),
        .init("Since", nil, nil, false),
        .init("From 20", nil, nil, false),
        .init("2015-201", 2015, 2015, false),
        // Words around
        .init("Launched in 2017 and still running", 2017, nil, true),
        .init("Ran from 2010 to 2012, not ongoing", 2010, 2012, false),
        .init("The second edition took place in 2021", 2021, 2021, false),
        .init("Started 2019 as a pilot; permanent service from 2021", 2019, nil, true),
    ]

    @Test("examples of the template", arguments: specification)
    func specificationExamples(_ example: PeriodCase) {
        check(example)
    }

    @Test("our examples", arguments: ours)
    func ourExamples(_ example: PeriodCase) {
        check(example)
    }

    private func check(_ example: PeriodCase) {
        let period = PeriodReader.read(example.text)
        #expect(period == Period(start: example.start, end: example.end, ongoing: example.ongoing), "\(example.text)")
    }

    @Test func enoughOwnExamples() {
        #expect(Self.ours.count >= 60)
    }

    @Test func nilTextIsUndated() {
        #expect(PeriodReader.read(nil) == .undated)
    }

    @Test("never throws and never invents a year", arguments: 0..<400)
    func neverInvents(seed: Int) {
        var generator = SplitMix(seed: UInt64(seed))
        let pieces = ["2019", "-", " ", "since", "ongoing", "14", "05", "/", "à", "de", "€", "20", "1999", "x", "(", ")", "–", "on", "до", "od", "12.", "2101", "1899"]
        var text = ""
        for _ in 0..<Int(generator.next() % 8) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
        let period = PeriodReader.read(text)
        let written = Set(text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) })
        if let start = period.start { #expect(written.contains(start) || written.contains(start % 100), "\(text)") }
        if let end = period.end {
            #expect(written.contains(end) || written.contains(end % 100), "\(text)")
            #expect(end >= period.start!, "\(text)")
        }
        if period.start == nil { #expect(period.end == nil, "\(text)") }
    }

    @Test func yearFilterYears() {
        #expect(Period(start: 2017, end: 2019, ongoing: false).years(currentYear: 2026) == 2017...2019)
        #expect(Period(start: 2017, end: nil, ongoing: true).years(currentYear: 2026) == 2017...2026)
        #expect(Period(start: 2017, end: nil, ongoing: false).years(currentYear: 2026) == 2017...2017)
        #expect(Period(start: nil, end: nil, ongoing: true).years(currentYear: 2026) == nil)
    }
}

/// A small deterministic random number generator for property tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The periods of the other interface languages, as people there write them: the "since 2016"
/// in each, and twelve examples per language written by a speaker (`period-examples.json`).
@Suite("Periods in the network's languages")
struct PeriodLanguagesTests {
    struct Example: Decodable {
        let language: String
        let text: String
        let start: Int?
        let end: Int?
        let ongoing: Bool
    }

    static let examples: [Example] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("period-examples.json")
        return try! JSONDecoder().decode([Example].self, from: Data(contentsOf: url))
    }()

    @Test("Every example reads to its years and its open end")
    func examplesRead() {
        #expect(Self.examples.count > 130)
        #expect(Set(Self.examples.map(\.language)) == ["de", "el", "es", "eu", "fi", "it", "pt", "sq", "sr", "tr", "uk"])
        for example in Self.examples {
            let period = PeriodReader.read(example.text)
            let expected = Period(start: example.start, end: example.ongoing ? nil : example.end ?? example.start, ongoing: example.ongoing)
            #expect(period == expected, "\(example.language): \(example.text)")
        }
    }
}
