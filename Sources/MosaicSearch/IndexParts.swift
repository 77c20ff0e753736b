import Foundation
import MosaicCore

// The parts a snapshot's index is made of: documents, facet columns, postings and field statistics.

/// One indexed practice, packed, with the keys of the orders that do not depend on the query.
struct Document: Sendable {
    let packed: CompactPractice
    let published: Double
    let foldedTitle: String
    let periodStart: Int?

    /// The practice, unpacked: only for what is shown, never in a loop over the catalogue.
    var practice: Practice { packed.practice }

    /// How a title sorts: folded, without the quotation marks or other signs it may start with
    /// (« Vivre ensemble » sorts under V).
    static func sortKey(of title: String) -> String {
        let folded = TextFolding.fold(title)
        return String(folded.drop { !($0.isLetter || $0.isNumber) })
    }
}

/// The facet values of every document, in flat arrays indexed by document, so that counting never
/// copies a document.
struct FacetColumns: Sendable {
    var country: [Int32] = []
    var language: [Int32] = []
    /// Topics of document d: `topicValues[topicStart[d]..<topicStart[d + 1]]`.
    var topicStart: [Int32] = [0]
    var topicValues: [Int32] = []
    var cityStart: [Int32] = [0]
    var cityValues: [Int32] = []
    /// The years a document counts under; `yearStart` is -1 for undated documents.
    var yearStart: [Int32] = []
    var yearEnd: [Int32] = []

    mutating func append(topics: [Int32], country: Int32, cities: [Int32], language: Int32, years: ClosedRange<Int>?) {
        self.country.append(country)
        self.language.append(language)
        topicValues += topics
        topicStart.append(Int32(topicValues.count))
        cityValues += cities
        cityStart.append(Int32(cityValues.count))
        yearStart.append(Int32(years?.lowerBound ?? -1))
        yearEnd.append(Int32(years?.upperBound ?? -1))
    }
}

/// A document that holds a term, with the term's frequency in each field (6 bits each, capped at 63).
struct Posting: Sendable {
    let document: Int32
    let frequencies: UInt32

    func frequency(_ field: Int) -> Float { Float((frequencies >> UInt32(field * 6)) & 63) }
}

/// Field weights and length statistics of BM25F.
struct FieldStatistics: Sendable {
    enum Field: Int, CaseIterable, Sendable {
        case title, subtitle, places, topics, text
    }

    static let weights: [Float] = [3.0, 2.0, 2.0, 2.0, 1.0]
    static let b: [Float] = [0.5, 0.5, 0.3, 0.3, 0.75]
    static let k1: Float = 1.2

    var totalLength: [Double] = Array(repeating: 0, count: Field.allCases.count)
    var documentCount = 0

    func averageLength(_ field: Field) -> Float {
        documentCount == 0 ? 1 : max(1, Float(totalLength[field.rawValue] / Double(documentCount)))
    }
}
