import Foundation
import MosaicCore

extension Catalog {
    /// How many of the most recently added practices of each shared topic (and of the country) are
    /// considered: the work of a practice page stays the same at 100,000 practices as at 1,000, and
    /// below this many the choice is exact.
    static let relatedCandidatesPerList = 512

    /// Practices close to this one: sharing topics first, then the same country, newest first.
    public func related(to practice: Practice, limit: Int = 3) -> [Practice] {
        var scores: [Int32: Float] = [:]
        func add(_ documents: [Int32], _ weight: Float) {
            for document in documents.suffix(Self.relatedCandidatesPerList) { scores[document, default: 0] += weight }
        }
        for topic in practice.topics {
            if let id = index.facets.topics.id(of: topic.rawValue) { add(index.facets.topics.documents[Int(id)], 1) }
        }
        if let id = index.facets.countries.id(of: practice.country.rawValue) { add(index.facets.countries.documents[Int(id)], 0.5) }
        let own = index.byID[practice.id]
        let candidates = scores.keys.filter { index.alive.contains(Int($0)) && $0 != own }
        return TopK.select(candidates, limit: limit) { a, b in
            scores[a]! != scores[b]! ? scores[a]! > scores[b]! : index.ranks.newest[Int(a)] < index.ranks.newest[Int(b)]
        }.map { index.documents[Int($0)].practice }
    }

    /// The name of the city whose slug this is, as written in the data.
    public func city(slug: Slug) -> String? {
        for (id, name) in index.facets.cityNames.enumerated() where Slug(making: name) == slug {
            if index.facets.cities.documents[id].contains(where: { index.alive.contains(Int($0)) }) { return name }
        }
        return nil
    }
}
