import Foundation
import MosaicCore

/// Which documents match the text of the query, and their scores.
struct TextMatch {
    enum Documents: Sendable { case all, some([Int32]) }
    /// The documents that match every word (or all documents, for a query without words).
    var documents: Documents
    var scores: [Float]?
    /// Documents that match enough of the words, but not all, when those matching all are few: shown
    /// after them.
    var partial: [Int32] = []
    /// True when no document matched every word, and none matched enough of them to be shown: the
    /// query has no good match.
    var noGoodMatch = false
    /// Words the catalogue does not have, each with the nearest term it has (for "Did you mean").
    var corrections: [(word: String, term: Int32)] = []
}

/// One requirement of the query: a document must match one of the alternatives.
struct Clause {
    /// A set of terms that must all be present, and how much a match through them is worth.
    struct Alternative {
        var terms: [Int32]
        /// Multiplies the terms' scores.
        var factor: Float
        /// How surely a match through this alternative is a match of the word (1 for the word itself,
        /// less for a correction or an equivalent): a partial match counts the word's weight times this.
        var confidence: Float

        init(terms: [Int32], factor: Float, confidence: Float? = nil) {
            self.terms = terms
            self.factor = factor
            self.confidence = confidence ?? factor
        }
    }
    var alternatives: [Alternative]
}

/// Evaluates the text of a query against the index.
struct TextMatcher {
    let catalog: Catalog
    let parsed: ParsedQuery
    /// The terms that matched, for highlighting.
    private(set) var matchedTerms: Set<String> = []
    private var corrections: [(word: String, term: Int32)] = []

    /// When set, only these documents can matter to the result (see `FacetFilters.relevant`): others are
    /// not scored.
    let relevant: BitSet?

    /// When fewer documents than this match every word and pass `listed` (the query's filters), documents
    /// matching most of the words follow.
    let partialBelow: Int
    let listed: (Int32) -> Bool

    init(catalog: Catalog, parsed: ParsedQuery, relevant: BitSet? = nil, partialBelow: Int = 0, listed: @escaping (Int32) -> Bool = { _ in true }) {
        self.catalog = catalog
        self.parsed = parsed
        self.relevant = relevant
        self.partialBelow = partialBelow
        self.listed = listed
    }

    /// The share of the query's weight (each word weighted by its rarity) a document must match to be
    /// shown as a partial match: below it, a match is noise.
    static let partialThreshold: Float = 0.25

    static let prefixFactor: Float = 0.8
    static let typoFactor: Float = 0.45
    static let splitFactor: Float = 0.7
    static let maximumExpansions = 48

    mutating func run() -> TextMatch {
        var clauses: [Clause] = []
        var phraseTerms: [[AnalyzedToken]] = []
        // Plain words: each gives a clause; neighbours whose joined form is a term merge into one.
        var wordTerms: [(word: String, terms: [String])] = parsed.words.map { ($0, Analyzer.terms($0)) }.filter { !$0.1.isEmpty }
        // Each word's key as the thesaurus reads it: a hyphenated word by its joined form (analysed last).
        let keys = wordTerms.map { $0.terms.last! }
        let thesaurus = catalog.index.thesaurus
        var index = 0
        while index < wordTerms.count {
            let (word, terms) = wordTerms[index]
            // The longest run of words from here that is a term of the thesaurus ("asylum seekers").
            var span = 0, concepts: [Int] = []
            for length in stride(from: min(thesaurus.longestTerm, wordTerms.count - index), through: 1, by: -1) {
                concepts = thesaurus.concepts(matching: keys[index..<(index + length)])
                if !concepts.isEmpty { span = length; break }
            }
            if span > 1 {
                // The words together, as typed, or any equivalent of the term they make.
                let own = Array(keys[index..<(index + span)])
                var alternatives: [Clause.Alternative] = []
                let ids = own.compactMap { catalog.index.vocabulary.id(of: $0) }
                let typed = ids.count == own.count ? Clause.Alternative(terms: ids, factor: 1) : nil
                if let typed { alternatives.append(typed) }
                if (typed.map(documentCount) ?? 0) < expansionCutoff { alternatives += expansions(of: concepts, excluding: own) }
                clauses.append(Clause(alternatives: alternatives))
                index += span
                continue
            }
            if index + 1 < wordTerms.count, terms.count == 1, wordTerms[index + 1].terms.count == 1,
               let joined = catalog.index.vocabulary.id(of: Analyzer.stem(TextFolding.fold(word + wordTerms[index + 1].word))) {
                var alternatives = [Clause.Alternative(terms: [joined], factor: 1)]
                if let a = catalog.index.vocabulary.id(of: terms[0]), let b = catalog.index.vocabulary.id(of: wordTerms[index + 1].terms[0]) {
                    alternatives.append(Clause.Alternative(terms: [a, b], factor: 1))
                }
                clauses.append(Clause(alternatives: alternatives))
                index += 2
                continue
            }
            let isPrefix = index == wordTerms.count - 1 && parsed.prefix == word
            var wordClause = clause(for: word, terms: terms, prefix: isPrefix)
            if span == 1, (catalog.index.vocabulary.id(of: keys[index]).map { catalog.index.postings[$0]?.count ?? 0 } ?? 0) < expansionCutoff {
                wordClause.alternatives += expansions(of: concepts, excluding: [keys[index]])
            }
            if !wordClause.alternatives.contains(where: { $0.confidence > Self.typoFactor }),
               let nearest = wordClause.alternatives.filter({ $0.terms.count == 1 }).max(by: { nearness($0, to: keys[index]) < nearness($1, to: keys[index]) }) {
                corrections.append((word, nearest.terms[0]))
            }
            clauses.append(wordClause)
            index += 1
        }
        wordTerms.removeAll()
        // Phrases: all their terms are required, then their order is checked.
        let wordClauses = clauses.count
        for phrase in parsed.phrases {
            let tokens = Analyzer.tokens(phrase).filter { !$0.term.isEmpty }
            // A hyphenated word's joined form shares the position of its first part; keep the parts.
            var seen = Set<Int>()
            let ordered = tokens.filter { seen.insert($0.position).inserted }
            guard !ordered.isEmpty else { continue }
            phraseTerms.append(ordered)
            for token in ordered {
                clauses.append(Clause(alternatives: catalog.index.vocabulary.id(of: token.term).map { [Clause.Alternative(terms: [$0], factor: 1)] } ?? []))
            }
        }
        guard !clauses.isEmpty else {
            return excluding(TextMatch(documents: .all, scores: nil))
        }
        for clause in clauses {
            for alternative in clause.alternatives {
                for term in alternative.terms { matchedTerms.insert(catalog.index.vocabulary.term(term)) }
            }
        }

        // The most selective clause first: later clauses then only score documents still in the running.
        let order = clauses.indices.sorted { postingCount(clauses[$0]) < postingCount(clauses[$1]) }
        let (documents, scores) = evaluate(order.map { clauses[$0] }, requireAll: true)
        var matches = documents
        if !phraseTerms.isEmpty {
            matches = matches.filter { containsPhrases(phraseTerms, in: catalog.index.documents[Int($0)].practice) }
        }
        var result = TextMatch(documents: .some(matches), scores: scores)
        result.corrections = corrections
        if wordClauses > 1, matches.lazy.filter(listed).prefix(max(1, partialBelow)).count < max(1, partialBelow) {
            // Few practices match every word: those that match enough of them follow (phrases stay required).
            let full = BitSet(matches, capacity: catalog.index.documents.count)
            let (partial, partialScores) = partialMatches(Array(clauses.prefix(wordClauses)), besides: full)
            var kept = partial
            if !phraseTerms.isEmpty {
                kept = kept.filter { containsPhrases(phraseTerms, in: catalog.index.documents[Int($0)].practice) }
            }
            for document in kept { result.scores![Int(document)] = partialScores[Int(document)] }
            result.partial = kept
            result.noGoodMatch = !matches.contains(where: listed) && !kept.contains(where: listed)
        }
        return excluding(result)
    }

    /// Documents that match some of the word clauses but not all, each clause weighted by its rarity
    /// (its inverse document frequency): those whose matched weight is at least `partialThreshold` of
    /// the query's, scored by their BM25F sum times that share (a practice matching more of the rare
    /// words ranks higher). A word that matches almost every document weighs almost nothing, so it
    /// cannot make a match on its own; a word that matches nothing weighs the most.
    private func partialMatches(_ clauses: [Clause], besides full: BitSet) -> (documents: [Int32], scores: [Float]) {
        let count = catalog.index.documents.count
        // A word is known when the catalogue has it, or a close equivalent (not only a spelling correction).
        let known = clauses.map { clause in
            clause.alternatives.contains { $0.confidence >= Self.splitFactor && documentCount($0) > 0 }
        }
        // Mostly words the catalogue does not know: nothing can be a good match.
        guard known.filter({ !$0 }).count * 2 <= clauses.count else { return ([], []) }
        // A word weighs what its surest match weighs: the word itself when the catalogue has it.
        let weights = clauses.map { clause in
            let surest = clause.alternatives.filter { documentCount($0) > 0 }.max { $0.confidence < $1.confidence }
            return catalog.idf(df: surest.map(documentCount) ?? 0)
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return ([], []) }
        let floor = Self.partialThreshold * totalWeight
        var scores = [Float](repeating: 0, count: count)
        var coverage = [Float](repeating: 0, count: count)
        var candidates: [Int32] = []
        var scratch = ClauseScratch(count: count)
        let relevant = self.relevant, alive = catalog.index.alive
        // The lightest clauses together weigh less than the threshold: a document that matches only those
        // cannot qualify. Candidates come from the others (rarer words, shorter lists); the light ones are
        // then only looked up for those candidates (the MaxScore idea).
        let lightestFirst = clauses.indices.sorted { weights[$0] < weights[$1] }
        var light = 0, lightWeight: Float = 0
        while light < lightestFirst.count, lightWeight + weights[lightestFirst[light]] < floor {
            lightWeight += weights[lightestFirst[light]]
            light += 1
        }
        func add(_ clause: Int) {
            for document in scratch.touched {
                let d = Int(document)
                if coverage[d] == 0, alive.contains(d) { candidates.append(document) }
                coverage[d] += weights[clause] * scratch.confidence[d]
                scores[d] += scratch.best[d]
                scratch.best[d] = 0
                scratch.confidence[d] = 0
            }
            scratch.touched.removeAll(keepingCapacity: true)
        }
        for clause in lightestFirst[light...] {
            bestScores(of: clauses[clause], only: { (relevant?.contains(Int($0)) ?? true) && !full.contains(Int($0)) }, scratch: &scratch)
            add(clause)
        }
        if light > 0, !candidates.isEmpty {
            let isCandidate = BitSet(candidates, capacity: count)
            for clause in lightestFirst[..<light] {
                if candidates.count * 16 < postingCount(clauses[clause]) {
                    // Few candidates: each is looked up in the clause's lists.
                    for document in candidates { bestScore(of: clauses[clause], for: document, scratch: &scratch) }
                } else {
                    bestScores(of: clauses[clause], only: { isCandidate.contains(Int($0)) }, scratch: &scratch)
                }
                add(clause)
            }
        }
        let kept = candidates.filter { coverage[Int($0)] >= floor }
        for document in kept { scores[Int(document)] *= coverage[Int(document)] / totalWeight }
        return (kept, scores)
    }

    /// How much a match through the thesaurus is worth against the words as typed.
    static let thesaurusFactors: [Thesaurus.Relation: Float] = [.same: 0.7, .narrower: 0.5, .broader: 0.35]
    /// At most this many equivalents per word, the closest first: a broad concept cannot make a query slow.
    static let maximumThesaurusExpansions = 40
    /// A word as typed that this many practices have (2 % of the catalogue, from 100 to 1,000) is not
    /// expanded: its equivalents would rank below all of those, past any page a reader turns to, and
    /// scoring them would cost as much again.
    var expansionCutoff: Int { max(100, min(1_000, catalog.aliveCount / 50)) }
    /// Equivalents are added, closest first, while the documents they reach stay under four times the
    /// cutoff (the first is always added: a French word may have only its English equivalent).
    var expansionBudget: Int { 4 * expansionCutoff }

    /// The alternatives a thesaurus term adds to its clause: every equivalent term whose words are all in
    /// the index, worth less than the words as typed (a term of several words shares its factor out).
    private func expansions(of concepts: [Int], excluding own: [String]) -> [Clause.Alternative] {
        let vocabulary = catalog.index.vocabulary
        var result: [Clause.Alternative] = []
        var documents = 0
        for expansion in catalog.index.thesaurus.expansions(of: concepts, excluding: own) {
            let ids = expansion.terms.compactMap { vocabulary.id(of: $0) }
            guard ids.count == expansion.terms.count else { continue }
            // The closest equivalents first, until they reach many documents: the rest would rank below.
            let count = ids.map { catalog.index.postings[$0]?.count ?? 0 }.min() ?? 0
            guard count > 0 else { continue }
            if !result.isEmpty, documents + count > expansionBudget { continue }
            documents += count
            let factor = Self.thesaurusFactors[expansion.relation]!
            result.append(.init(terms: ids, factor: factor / Float(ids.count), confidence: factor))
            if result.count == Self.maximumThesaurusExpansions { break }
        }
        return result
    }

    /// How near a correction is to the typed word's term: the longer their common start, then the more
    /// documents, the nearer ("mosqe" is nearer "mosque" than "most").
    private func nearness(_ alternative: Clause.Alternative, to term: String) -> (Int, Int) {
        let candidate = catalog.index.vocabulary.term(alternative.terms[0])
        let common = zip(candidate.unicodeScalars, term.unicodeScalars).prefix { $0 == $1 }.count
        return (common, documentCount(alternative))
    }

    /// How many documents hold every term of an alternative, at most (the rarest term's count).
    private func documentCount(_ alternative: Clause.Alternative) -> Int {
        alternative.terms.map { catalog.index.postings[$0]?.count ?? 0 }.min() ?? 0
    }

    private func postingCount(_ clause: Clause) -> Int {
        clause.alternatives.reduce(0) { total, alternative in
            total + (alternative.terms.map { catalog.index.postings[$0]?.count ?? 0 }.min() ?? 0)
        }
    }

    /// Scores every clause. With `requireAll`, a document that missed a clause is not scored for the
    /// next ones, and only documents matching every clause are returned.
    private func evaluate(_ clauses: [Clause], requireAll: Bool) -> (documents: [Int32], scores: [Float]) {
        let count = catalog.index.documents.count
        var scores = [Float](repeating: 0, count: count)
        // The commonest query: one word, matched by one term only. Its postings are the answer.
        if clauses.count == 1, clauses[0].alternatives.count == 1, clauses[0].alternatives[0].terms.count == 1 {
            let alternative = clauses[0].alternatives[0]
            var documents: [Int32] = []
            documents.reserveCapacity(catalog.index.postings[alternative.terms[0]]?.count ?? 0)
            let relevant = self.relevant, alive = catalog.index.alive
            scores.withUnsafeMutableBufferPointer { scores in
                score(alternative.terms[0], factor: alternative.factor, only: { relevant?.contains(Int($0)) ?? true }) { document, value in
                    guard alive.contains(Int(document)) else { return }
                    scores[Int(document)] = value
                    documents.append(document)
                }
            }
            return (documents, scores)
        }
        var matched = [UInt8](repeating: 0, count: count)
        var scratch = ClauseScratch(count: count)
        var candidates: [Int32] = []

        for (index, clause) in clauses.enumerated() {
            let required = UInt8(truncatingIfNeeded: index)
            // Few documents left in the running: look each one up in the postings instead of scanning them.
            if requireAll, index > 0, candidates.count * 24 < postingCount(clause) {
                candidates = candidates.filter { document in
                    let bestScore = clause.alternatives.reduce(Float(0)) { max($0, score(of: $1, document: document) ?? 0) }
                    guard bestScore > 0 else { return false }
                    scores[Int(document)] += bestScore
                    matched[Int(document)] &+= 1
                    return true
                }
                continue
            }
            // Only documents that matched every clause so far are still in the running.
            let relevant = self.relevant
            let inRunning: (Int32) -> Bool = {
                (relevant?.contains(Int($0)) ?? true) && (!requireAll || index == 0 || matched[Int($0)] == required)
            }
            bestScores(of: clause, only: inRunning, scratch: &scratch, confidences: false)
            // (Hits are ordered later by their sort; their order here does not matter.)
            if index == 0 { candidates = scratch.touched.filter { catalog.index.alive.contains(Int($0)) } }
            for document in scratch.touched {
                let d = Int(document)
                matched[d] &+= 1
                scores[d] += scratch.best[d]
                scratch.best[d] = 0
            }
            scratch.touched.removeAll(keepingCapacity: true)
            if !requireAll, index > 0 { candidates = [] }
        }
        let needed = UInt8(truncatingIfNeeded: clauses.count)
        return (candidates.filter { matched[Int($0)] == needed }, scores)
    }

    /// Working arrays for scoring one clause over many documents, reused from clause to clause.
    struct ClauseScratch {
        /// The best score of the clause's alternatives, by document; `touched` lists those set.
        var best: [Float]
        /// The highest confidence of the alternatives each touched document matched.
        var confidence: [Float]
        var touched: [Int32] = []
        // Only needed by alternatives of several terms; allocated when one comes.
        var altScore: [Float] = []
        var altHits: [UInt8] = []
        var altTouched: [Int32] = []
        let count: Int

        init(count: Int) {
            self.count = count
            best = [Float](repeating: 0, count: count)
            confidence = [Float](repeating: 0, count: count)
        }
    }

    /// Sets `scratch.best` for every document (that `only` accepts) matching one of the clause's
    /// alternatives to its best score, and lists them in `scratch.touched`. An alternative of several
    /// terms counts only where all its terms are, with the sum of their scores.
    /// `confidences`: also keep each document's surest match (partial matching weighs by it; the full
    /// match does not need it, and its hot loop is cheaper without).
    private func bestScores(of clause: Clause, only: (Int32) -> Bool, scratch: inout ClauseScratch, confidences: Bool = true) {
        for alternative in clause.alternatives {
            if alternative.terms.count == 1 {
                if !confidences {
                    score(alternative.terms[0], factor: alternative.factor, only: only) { document, value in
                        let d = Int(document)
                        if scratch.best[d] == 0 { scratch.touched.append(document) }
                        if value > scratch.best[d] { scratch.best[d] = value }
                    }
                    continue
                }
                score(alternative.terms[0], factor: alternative.factor, only: only) { document, value in
                    let d = Int(document)
                    if scratch.best[d] == 0 { scratch.touched.append(document) }
                    if value > scratch.best[d] { scratch.best[d] = value }
                    if alternative.confidence > scratch.confidence[d] { scratch.confidence[d] = alternative.confidence }
                }
                continue
            }
            // Words of very different frequencies ("international protection"): the rarest word's
            // documents are walked, and the others looked up for each.
            let byFrequency = alternative.terms.sorted { (catalog.index.postings[$0]?.count ?? 0) < (catalog.index.postings[$1]?.count ?? 0) }
            let rarest = catalog.index.postings[byFrequency[0]]?.count ?? 0
            if rarest * 16 < (catalog.index.postings[byFrequency[1]]?.count ?? 0) {
                score(byFrequency[0], factor: alternative.factor, only: only) { document, value in
                    var total = value
                    for term in byFrequency.dropFirst() {
                        guard let other = score(term, factor: alternative.factor, document: document) else { return }
                        total += other
                    }
                    let d = Int(document)
                    if scratch.best[d] == 0 { scratch.touched.append(document) }
                    scratch.best[d] = max(scratch.best[d], total)
                    scratch.confidence[d] = max(scratch.confidence[d], alternative.confidence)
                }
                continue
            }
            if scratch.altScore.isEmpty {
                scratch.altScore = [Float](repeating: 0, count: scratch.count)
                scratch.altHits = [UInt8](repeating: 0, count: scratch.count)
            }
            for term in alternative.terms {
                score(term, factor: alternative.factor, only: only) { document, value in
                    if scratch.altHits[Int(document)] == 0 { scratch.altTouched.append(document) }
                    scratch.altHits[Int(document)] &+= 1
                    scratch.altScore[Int(document)] += value
                }
            }
            for document in scratch.altTouched {
                let d = Int(document)
                if Int(scratch.altHits[d]) == alternative.terms.count {
                    if scratch.best[d] == 0 { scratch.touched.append(document) }
                    scratch.best[d] = max(scratch.best[d], scratch.altScore[d])
                    scratch.confidence[d] = max(scratch.confidence[d], alternative.confidence)
                }
                scratch.altHits[d] = 0
                scratch.altScore[d] = 0
            }
            scratch.altTouched.removeAll(keepingCapacity: true)
        }
    }

    /// The score of an alternative in one document (the sum of its terms'), found by looking each term's
    /// postings up; nil when one of its terms is absent.
    private func score(of alternative: Clause.Alternative, document: Int32) -> Float? {
        var total: Float = 0
        for term in alternative.terms {
            guard let value = score(term, factor: alternative.factor, document: document) else { return nil }
            total += value
        }
        return total
    }

    /// `bestScores` for one document, found by looking its postings up.
    private func bestScore(of clause: Clause, for document: Int32, scratch: inout ClauseScratch) {
        let d = Int(document)
        for alternative in clause.alternatives {
            guard let total = score(of: alternative, document: document) else { continue }
            if scratch.best[d] == 0 { scratch.touched.append(document) }
            scratch.best[d] = max(scratch.best[d], total)
            scratch.confidence[d] = max(scratch.confidence[d], alternative.confidence)
        }
    }

    /// The clause of one word: its term, the terms it could be a prefix of, near spellings, and the
    /// two words it could be the joining of.
    private func clause(for word: String, terms: [String], prefix: Bool) -> Clause {
        let vocabulary = catalog.index.vocabulary
        var alternatives: [Clause.Alternative] = []
        if terms.count > 1 {
            // A hyphenated word: its joined form (last), or all its parts.
            if let joined = vocabulary.id(of: terms.last!) { alternatives.append(.init(terms: [joined], factor: 1)) }
            let parts = terms.dropLast().compactMap { vocabulary.id(of: $0) }
            if parts.count == terms.count - 1 { alternatives.append(.init(terms: parts, factor: 1)) }
            return Clause(alternatives: alternatives)
        }
        let term = terms[0]
        let exact = vocabulary.id(of: term)
        if let exact { alternatives.append(.init(terms: [exact], factor: 1)) }
        // A word of a topic's or a country's name, in any language.
        for token in catalog.index.names.termsByWord[term] ?? [] {
            if let id = vocabulary.id(of: token), id != exact { alternatives.append(.init(terms: [id], factor: 1)) }
        }
        let folded = TextFolding.fold(word).filter { $0.isLetter || $0.isNumber }
        if prefix, folded.count >= 2 {
            var stem = folded
            var expansions: ArraySlice<Int32> = []
            // "housin" finds "housing" (indexed as "hous") by shortening the prefix a little.
            while stem.count >= max(2, folded.count - 2) {
                expansions = vocabulary.terms(withPrefix: stem)
                if !expansions.isEmpty { break }
                stem.removeLast()
            }
            let best = expansions.filter { $0 != exact }
                .sorted { (catalog.index.postings[$0]?.count ?? 0) > (catalog.index.postings[$1]?.count ?? 0) }
                .prefix(Self.maximumExpansions)
            alternatives += best.map { .init(terms: [$0], factor: Self.prefixFactor) }
        }
        let letters = folded.count
        // No word of the vocabulary is longer than this: longer input gets no corrections or splits, so
        // the work stays linear in what a client sends.
        guard letters <= Self.longestCorrectedWord else { return Clause(alternatives: alternatives) }
        if letters >= 5, !folded.allSatisfy(\.isNumber) {
            let limit = letters >= 9 ? 2 : 1
            var corrections = typos(of: term, limit: limit).filter { $0 != exact }
            if corrections.isEmpty, exact == nil { corrections = derivedTypos(of: folded) }
            alternatives += corrections.map { .init(terms: [$0], factor: Self.typoFactor) }
        }
        // A compound written as one word is also searched as two words of the vocabulary: German's
        // Integrationsbeirat as Integration + Beirat (the plural rule takes its joining "s" off).
        let scalars = Array(term.unicodeScalars)
        if letters >= 6, scalars.count >= 6 {
            for cut in 3...(scalars.count - 3) {
                let left = String(String.UnicodeScalarView(scalars[..<cut])), right = String(String.UnicodeScalarView(scalars[cut...]))
                if let a = vocabulary.id(of: Analyzer.stem(left)), let b = vocabulary.id(of: Analyzer.stem(right)) {
                    alternatives.append(.init(terms: [a, b], factor: Self.splitFactor))
                }
            }
        }
        return Clause(alternatives: alternatives)
    }

    static let longestCorrectedWord = 40

    /// Corrections of a derived word whose mistake hid its ending from the stemmer ("medaition" is not
    /// seen as "-ation", so its stem is not "medi"'s neighbour): where the word ends one edit away from a
    /// derivation's ending, its base is corrected instead (one edit, the first two such endings).
    private func derivedTypos(of folded: String) -> [Int32] {
        let scalars = Array(folded.unicodeScalars)
        var bases: [String] = []
        for (suffix, replacement) in Analyzer.derivations where suffix.count >= 3 && bases.count < 2 {
            let ending = Array(suffix.unicodeScalars)
            for length in (ending.count - 1)...(ending.count + 1) where scalars.count - length >= 4 {
                guard EditDistance.between(Array(scalars.suffix(length)), ending, limit: 1) <= 1 else { continue }
                let base = String(String.UnicodeScalarView(scalars.dropLast(length))) + replacement
                if !bases.contains(base) { bases.append(base) }
                break
            }
        }
        return bases.flatMap { typos(of: Analyzer.stem($0), limit: 1) + [catalog.index.vocabulary.id(of: Analyzer.stem($0))].compactMap { $0 } }
    }

    /// Terms within `limit` edits of `term` (letters only; numbers are never corrected).
    private func typos(of term: String, limit: Int) -> [Int32] {
        let scalars = Array(term.unicodeScalars)
        let letters = Vocabulary.letterMask(scalars)
        var result: [Int32] = []
        for length in (scalars.count - limit)...(scalars.count + limit) {
            for candidate in catalog.index.vocabulary.byLength[length] ?? []
            where (letters ^ candidate.letters).nonzeroBitCount <= 2 * limit {
                if EditDistance.between(scalars, candidate.scalars, limit: limit) <= limit {
                    result.append(candidate.id)
                }
            }
        }
        return result
    }

    /// The BM25F score of `term` in one document, or nil when it is absent.
    private func score(_ term: Int32, factor: Float, document: Int32) -> Float? {
        guard let (posting, df) = catalog.posting(of: term, in: document) else { return nil }
        return catalog.index.norms.withUnsafeBufferPointer {
            catalog.bm25f(posting, idf: catalog.idf(df: df), factor: factor, norms: $0)
        }
    }

    /// Calls `body` with every document holding `term` (that `only` accepts) and its BM25F score.
    private func score(_ term: Int32, factor: Float, only: (Int32) -> Bool, _ body: (Int32, Float) -> Void) {
        guard let postings = catalog.index.postings[term], !postings.isEmpty else { return }
        let idf = catalog.idf(df: postings.count)
        catalog.index.norms.withUnsafeBufferPointer { norms in
            for posting in postings where only(posting.document) {
                body(posting.document, catalog.bm25f(posting, idf: idf, factor: factor, norms: norms))
            }
        }
    }

    /// Removes documents that hold an excluded word.
    private func excluding(_ match: TextMatch) -> TextMatch {
        let excludedTerms = parsed.excluded.flatMap(Analyzer.terms).compactMap { catalog.index.vocabulary.id(of: $0) }
        guard !excludedTerms.isEmpty || !parsed.excluded.isEmpty else { return match }
        var excluded = Set<Int32>()
        for term in excludedTerms {
            for posting in catalog.index.postings[term] ?? [] { excluded.insert(posting.document) }
        }
        var result = match
        switch match.documents {
        case .all:
            result.documents = .some(catalog.index.alive.indices.map(Int32.init).filter { !excluded.contains($0) })
        case .some(let documents):
            result.documents = .some(documents.filter { !excluded.contains($0) })
        }
        result.partial = match.partial.filter { !excluded.contains($0) }
        return result
    }

    /// True when every phrase appears, word after word, in one field of the practice.
    private func containsPhrases(_ phrases: [[AnalyzedToken]], in practice: Practice) -> Bool {
        let fields = CatalogBuilder.fieldTexts(of: practice, taxonomy: catalog.taxonomy, countries: catalog.countries)
            .map { Analyzer.tokens($0) }
        return phrases.allSatisfy { phrase in
            let offsets = phrase.map { $0.position - phrase[0].position }
            return fields.contains { tokens in
                var positions: [String: Set<Int>] = [:]
                for token in tokens { positions[token.term, default: []].insert(token.position) }
                guard let starts = positions[phrase[0].term] else { return false }
                return starts.contains { start in
                    zip(phrase, offsets).allSatisfy { positions[$0.term]?.contains(start + $1) == true }
                }
            }
        }
    }
}
