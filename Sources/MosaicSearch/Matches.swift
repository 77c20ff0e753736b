import MosaicCore

/// Every practice that answers a query, in the query's order: what exports and feeds write. Only the
/// documents' numbers are held; each practice is unpacked when it is reached, so that writing the
/// whole catalogue does not hold it twice in memory.
public struct CatalogMatches: RandomAccessCollection, Sendable {
    let catalog: Catalog
    let documents: [Int32]

    public var startIndex: Int { documents.startIndex }
    public var endIndex: Int { documents.endIndex }

    /// The practice at `position`, unpacked now.
    public subscript(position: Int) -> Practice { catalog.index.documents[Int(documents[position])].practice }
}

extension Catalog {
    /// The practices matching `query` (text and filters; its page and page size are ignored), in its
    /// sort order, at most `limit` of them. The same matching as `search`, without facets or snippets.
    public func matches(_ query: CatalogQuery, limit: Int = .max) -> CatalogMatches {
        let filters = FacetFilters(catalog: self, query: query)
        let available = query.availableOnly ? documents(readableIn: query.language) : nil
        var matcher = TextMatcher(catalog: self, parsed: ParsedQuery(query.text, language: query.language), relevant: filters.relevant,
                                  partialBelow: max(1, min(query.perPage, 100)), listed: filters.listing(available))
        var text = matcher.run()
        let partial = text.partial.isEmpty ? nil : BitSet(text.partial, capacity: index.documents.count)
        if case .some(let full) = text.documents, !text.partial.isEmpty { text.documents = .some(full + text.partial) }
        let ordered: [Int32]
        if case .all = text.documents, filters.isFree, available == nil {
            ordered = index.ranks.first(min(limit, aliveCount), by: query.effectiveSort, alive: index.alive)
        } else {
            var tally = FacetCounter(catalog: self)
            let hits = tally.tally(text.documents, filters: filters, alive: available ?? index.alive)
            ordered = order(hits, by: query.effectiveSort, scores: text.scores, limit: min(limit, hits.count), partial: partial)
        }
        return CatalogMatches(catalog: self, documents: ordered)
    }
}

extension Catalog {
    /// The live documents written in `language` or translated into it.
    func documents(readableIn language: String) -> BitSet {
        if let known = availability.withLock({ $0[language] }) { return known }
        var set = BitSet(capacity: index.documents.count)
        index.alive.forEach { document in
            if index.documents[document].packed.isReadable(in: language) { set.insert(document) }
        }
        // A few languages at most: the interface's.
        availability.withLock { if $0.count < 32 { $0[language] = set } }
        return set
    }
}
