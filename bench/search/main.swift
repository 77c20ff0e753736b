// Search benchmark: snapshot build time, memory, and query latency percentiles on generated catalogues.
// Run with: bench/search.sh   (or: swift run -c release mosaic-bench-search 1000 10000 100000)
import Foundation
import MosaicCore
import MosaicSearch

func residentMegabytes() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let pages = text.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
    return pages * 4096 / 1_048_576
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let clock = ContinuousClock()
let topics = Taxonomy.standard.topics.map(\.key.rawValue)
let countries = ["PT", "ES", "FR", "IT", "DE", "GB", "NO", "SE", "CH", "RS", "UA", "GR", "PL", "IE", "NL"]
let words = ["festival", "training", "schools", "mentoring", "volunteers", "library", "welcome", "housing", "mediation", "sport"]
let prefixes = ["fest", "train", "volunt", "libr", "welc", "medi", "hous", "neighb", "stor", "employ"]
let thesaurusWords = ["employment", "asylum seekers", "racism", "réfugiés", "emploi", "youth", "jeunes", "écoles", "housing", "police"]
let phrases = ["how can foreign residents have a say in local decisions", "teaching the local language to adult immigrants",
               "help newcomers with degrees find a job", "volunteers welcome refugees in the library", "festival schools sport mediation"]
let typos = ["festivel", "trainnig", "voluntears", "libary", "welcme", "mediaton", "housnig", "mentorign", "schoosl", "stereotipes"]

for size in (sizes.isEmpty ? [1_000, 10_000, 100_000] : sizes) {
    let before = residentMegabytes()
    // Practices are generated and added a page at a time, as `mosaic serve` reads them from the database,
    // so the resident figure is the snapshot's, not a copy of the catalogue held beside it.
    let generator = SyntheticCatalog(seed: 1)
    var build = Duration.zero // the time spent building, without the time spent generating
    var builder = CatalogBuilder(currentYear: 2026)
    for first in stride(from: 0, to: size, by: 2000) {
        let page = (first..<min(size, first + 2000)).map(generator.practice)
        let t0 = clock.now
        builder.add(contentsOf: page)
        build += clock.now - t0
    }
    let t0 = clock.now
    let catalog = Catalog(builder: consume builder)
    build += clock.now - t0
    let resident = residentMegabytes()

    var random = SeededGenerator(seed: 7)
    func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
    let kinds: [(String, () -> CatalogQuery)] = [
        ("a: no text + 2 filters", { CatalogQuery(topics: [pick(topics)], countries: [pick(countries)]) }),
        ("b: one word", { CatalogQuery(text: pick(words)) }),
        ("c: 3 words + 2 filters", { CatalogQuery(text: "\(pick(words)) \(pick(words)) \(pick(words))", topics: [pick(topics)], countries: [pick(countries)]) }),
        ("d: prefix", { CatalogQuery(text: pick(prefixes)) }),
        ("e: typo", { CatalogQuery(text: pick(typos) + " ") }),
        // Words the thesaurus expands (synonyms, translations, multi-word terms), and natural phrasing
        // that ends in partial matches.
        ("f: thesaurus", { CatalogQuery(text: pick(thesaurusWords) + " ") }),
        ("g: natural phrase", { CatalogQuery(text: pick(phrases)) }),
    ]
    var report: [String] = []
    // BENCH_ONLY=b runs one kind of query many times, for profiling.
    let only = ProcessInfo.processInfo.environment["BENCH_ONLY"]
    for (name, make) in kinds where only == nil || name.hasPrefix(only! + ":") {
        if only != nil { for _ in 0..<3000 { _ = catalog.search(make()) } }
        for _ in 0..<20 { _ = catalog.search(make()) } // warm-up
        var latencies: [Double] = []
        var totals = 0
        for _ in 0..<300 {
            let query = make()
            let t0 = clock.now
            let result = catalog.search(query)
            latencies.append(milliseconds(clock.now - t0))
            totals += result.total
        }
        latencies.sort()
        report.append(String(format: "\"%@\": {\"p50_ms\": %.3f, \"p99_ms\": %.3f, \"mean_hits\": %d}",
                             name, percentile(latencies, 0.5), percentile(latencies, 0.99), totals / latencies.count))
    }
    // Suggestions while typing: the first asks for the title index (made once per snapshot), then each
    // keystroke is a lookup.
    let t1 = clock.now
    _ = catalog.suggestions(for: "fe", language: "en")
    let firstSuggestion = milliseconds(clock.now - t1)
    var suggestLatencies: [Double] = []
    for _ in 0..<300 {
        let text = String(pick(prefixes + words).prefix(Int(random.next() % 4) + 2))
        let t0 = clock.now
        _ = catalog.suggestions(for: text, language: pick(["en", "fr", "de"]))
        suggestLatencies.append(milliseconds(clock.now - t0))
    }
    suggestLatencies.sort()
    report.append(String(format: "\"h: suggest\": {\"p50_ms\": %.3f, \"p99_ms\": %.3f, \"first_ms\": %.1f}",
                         percentile(suggestLatencies, 0.5), percentile(suggestLatencies, 0.99), firstSuggestion))
    let parts = catalog.sizeReport
    print(String(format: "{\"practices\": %d, \"published\": %d, \"build_s\": %.2f, \"resident_mb\": %.0f, \"resident_before_mb\": %.0f, \"packed_practices_mb\": %.0f, \"postings_mb\": %.0f, %@}",
                 size, catalog.count, milliseconds(build) / 1000, resident, before, Double(parts["packed_practices"] ?? 0) / 1_048_576,
                 Double(parts["postings"] ?? 0) / 1_048_576, report.joined(separator: ", ")))
}
