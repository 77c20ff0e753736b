import Foundation
import Testing
import MosaicCore
@testable import MosaicSearch

/// The hand-judged relevance set (`bench/relevance/judgments.tsv`), read and scored: nDCG@10 and
/// recall@10 per category, with floors so that relevance cannot silently get worse.
enum RelevanceSet {
    struct Judgment: Sendable {
        var category: String
        var query: String
        /// Slug → grade (1 or 2); an empty set means no practice is relevant.
        var grades: [String: Int]
    }

    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("bench/relevance/judgments.tsv")

    static let judgments: [Judgment] = {
        let text = try! String(contentsOf: file, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line -> Judgment? in
            guard !line.hasPrefix("#") else { return nil }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            precondition(columns.count == 3, "judgments.tsv: not three columns: \(line)")
            var grades: [String: Int] = [:]
            for pair in columns[2].split(separator: " ") {
                let parts = pair.split(separator: ":")
                precondition(parts.count == 2 && (Int(parts[1]) ?? 0) > 0, "judgments.tsv: bad grade \(pair)")
                grades[String(parts[0])] = Int(parts[1])!
            }
            return Judgment(category: columns[0], query: columns[1], grades: grades)
        }
    }()

    struct Score {
        var queries = 0
        var ndcg = 0.0
        var recall = 0.0
        var recallQueries = 0
        var meanNDCG: Double { queries == 0 ? 0 : ndcg / Double(queries) }
        var meanRecall: Double { recallQueries == 0 ? 1 : recall / Double(recallQueries) }
    }

    /// nDCG@10 with gains 2^grade − 1. A query with nothing relevant scores 1 when the engine shows
    /// nothing (or says it found no good match), 0 when it shows a page of unrelated practices.
    static func ndcg(_ slugs: [String], _ grades: [String: Int]) -> Double {
        guard !grades.isEmpty else { return slugs.isEmpty ? 1 : 0 }
        func dcg(_ gains: [Int]) -> Double {
            gains.prefix(10).enumerated().reduce(0) { $0 + Double((1 << $1.element) - 1) / log2(Double($1.offset + 2)) }
        }
        let ideal = dcg(grades.values.sorted(by: >))
        return dcg(slugs.map { grades[$0] ?? 0 }) / ideal
    }

    /// The share of the relevant practices (grade 1 or 2) found in the first ten.
    static func recall(_ slugs: [String], _ grades: [String: Int]) -> Double {
        let found = Set(slugs.prefix(10)).filter { grades[$0] != nil }.count
        return Double(found) / Double(grades.count)
    }

    /// What a reader is shown first for a query: the first ten hits in their order.
    static func shown(_ catalog: Catalog, _ query: String) -> [String] {
        let result = catalog.search(CatalogQuery(text: query, perPage: 10, language: "en"))
        return result.hits.map(\.listed.slug.rawValue)
    }

    static func scores(_ catalog: Catalog) -> [String: Score] {
        var byCategory: [String: Score] = [:]
        for judgment in judgments {
            let slugs = shown(catalog, judgment.query)
            for key in [judgment.category, "all"] {
                byCategory[key, default: Score()].queries += 1
                byCategory[key, default: Score()].ndcg += ndcg(slugs, judgment.grades)
                if !judgment.grades.isEmpty {
                    byCategory[key, default: Score()].recall += recall(slugs, judgment.grades)
                    byCategory[key, default: Score()].recallQueries += 1
                }
            }
        }
        return byCategory
    }

    static func table(_ scores: [String: Score]) -> String {
        let order = ["keywords", "natural", "synonyms", "places", "typos", "french", "all"]
        var lines = ["category   queries  nDCG@10  recall@10"]
        for category in order {
            guard let score = scores[category] else { continue }
            lines.append(category.padding(toLength: 11, withPad: " ", startingAt: 0)
                         + String(format: "%7d  %7.3f  %9.3f", score.queries, score.meanNDCG, score.meanRecall))
        }
        return lines.joined(separator: "\n")
    }
}

@Suite("Relevance on the hand-judged set")
struct RelevanceSetTests {
    /// The lowest acceptable mean nDCG@10 and recall@10 per category: the figures measured when they were
    /// last raised, less a little. Raise them when search gets better; never lower them to make a change pass.
    static let floors: [String: (ndcg: Double, recall: Double)] = [
        "keywords": (0.90, 0.91),
        "natural": (0.86, 0.77),
        "synonyms": (0.90, 0.92),
        "places": (0.96, 0.97),
        "typos": (0.88, 0.78),
        "french": (0.91, 0.91),
        "all": (0.90, 0.88),
    ]

    @Test func theSetIsLargeEnoughAndNamesOnlyRealPractices() {
        let judgments = RelevanceSet.judgments
        #expect(judgments.count >= 60)
        let slugs = Set(Samples.practices.map(\.slug.rawValue))
        for judgment in judgments {
            for slug in judgment.grades.keys { #expect(slugs.contains(slug), "\(judgment.query): no practice \(slug)") }
        }
        #expect(Set(judgments.map(\.category)) == ["keywords", "natural", "synonyms", "places", "typos", "french"])
    }

    @Test func theMeasuresScoreWhatTheyShould() {
        let grades = ["a": 2, "b": 1]
        #expect(RelevanceSet.ndcg(["a", "b"], grades) == 1)
        #expect(RelevanceSet.ndcg(["b", "a"], grades) < 1)
        #expect(RelevanceSet.ndcg(["x"], grades) == 0)
        #expect(RelevanceSet.recall(["x", "b"], grades) == 0.5)
        #expect(RelevanceSet.ndcg([], [:]) == 1)
        #expect(RelevanceSet.ndcg(["x"], [:]) == 0)
    }

    @Test func relevanceStaysAboveItsFloors() {
        let scores = RelevanceSet.scores(Samples.catalog)
        print(RelevanceSet.table(scores))
        if ProcessInfo.processInfo.environment["RELEVANCE_DETAIL"] != nil {
            // Each query's figures and what it shows, for tuning (RELEVANCE_DETAIL=1 swift test --filter RelevanceSet).
            for judgment in RelevanceSet.judgments {
                let slugs = RelevanceSet.shown(Samples.catalog, judgment.query)
                let figures = String(format: "%.2f\t%.2f", RelevanceSet.ndcg(slugs, judgment.grades),
                                     judgment.grades.isEmpty ? 1 : RelevanceSet.recall(slugs, judgment.grades))
                print("\(judgment.category)\t\(figures)\t\(judgment.query)\t" + slugs.map { judgment.grades[$0].map { "\($0)" } ?? "·" }.joined())
            }
        }
        for (category, floor) in Self.floors {
            let score = scores[category] ?? .init()
            #expect(score.meanNDCG >= floor.ndcg, "\(category): nDCG@10 \(score.meanNDCG) < \(floor.ndcg)")
            #expect(score.meanRecall >= floor.recall, "\(category): recall@10 \(score.meanRecall) < \(floor.recall)")
        }
    }
}
