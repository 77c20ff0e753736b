import Foundation
import MosaicCore

/// A file to import, in one of the exchange format's encodings.
public struct ImportFile: Sendable {
    /// The name used in messages (`FILE:LINE: field: reason`).
    public var name: String
    public var url: URL
    public var format: ExchangeWriter.Format

    /// Chooses the format from the extension: `.jsonl` (or `.ndjson`) and `.csv`.
    public init(path: String) throws {
        name = path
        url = URL(fileURLWithPath: path)
        switch url.pathExtension.lowercased() {
        case "jsonl", "ndjson": format = .jsonl
        case "csv": format = .csv
        default: throw ImportError.unknownFormat(path)
        }
    }

    public init(name: String, url: URL, format: ExchangeWriter.Format) {
        self.name = name
        self.url = url
        self.format = format
    }
}

public enum ImportError: Error, CustomStringConvertible, Equatable {
    case unknownFormat(String)
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .unknownFormat(let path): "\(path): the format is not known from the extension; use .jsonl or .csv"
        case .unreadable(let path, let reason): "\(path): cannot be read (\(reason))"
        }
    }
}

/// A problem found in a file being imported.
public struct ImportIssue: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var issue: RecordIssue

    public var description: String { "\(file):\(issue.line): \(issue.field): \(issue.message)" }
}

/// What an import did, or would do with `--dry-run`.
public struct ImportReport: Sendable, Equatable {
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    /// Every problem found; when there is any, nothing was written.
    public var issues: [ImportIssue] = []
    public var written = false

    public var summary: String { "created \(created), updated \(updated), unchanged \(unchanged)" }
}

/// Imports whole files all-or-nothing: every record is validated first, and only when no record has
/// a problem are they written, in one transaction.
public struct CatalogImporter: Sendable {
    public struct Options: Sendable {
        /// Validate and report, write nothing.
        public var dryRun = false
        /// The status of every imported record; when nil, the record's own status, else `published` for new practices.
        public var status: Practice.Status? = nil
        /// Recorded as the author of the revisions.
        public var author = "import"
        public init(dryRun: Bool = false, status: Practice.Status? = nil, author: String = "import") {
            self.dryRun = dryRun
            self.status = status
            self.author = author
        }
    }

    public let store: any PracticeStore
    public var validator = PracticeValidator()
    /// Records handled together: one read of the practices they update, one batch of writes.
    public var chunkSize = 400

    public init(store: any PracticeStore) {
        self.store = store
    }

    public func run(_ files: [ImportFile], options: Options = Options()) async throws -> ImportReport {
        let keys = try await store.keys()
        // Cities are named as the register names them, so that a record using a retired spelling
        // changes nothing (the store would name them so anyway; the report says what it writes).
        let register = try await store.cityRegister()
        // Pass 1: read and validate everything, write nothing.
        var report = try await process(files, keys: keys, register: register, options: options,
                                       load: { try await store.practices(ids: $0) }, save: nil)
        guard report.issues.isEmpty, !options.dryRun else { return report }
        // Pass 2: the same decisions again, now written, all in one transaction.
        let written = try await store.write { writer in
            try await process(files, keys: keys, register: register, options: options,
                              load: { try await writer.practices(ids: $0) },
                              save: { try await writer.save($0, by: options.author, note: "import") })
        }
        guard written.issues.isEmpty else {
            // Only possible if the database changed between the passes; the transaction was not kept.
            return written
        }
        report = written
        report.written = true
        return report
    }

    // MARK: The two passes

    private struct Pending {
        let file: String
        let line: Int
        let patch: PracticePatch
        let target: Target
    }

    private enum Target {
        case create(Practice.ID, Slug)
        case update(Practice.ID)
        case invalid
    }

    /// Where each id and slug was first seen in this import, to refuse duplicates.
    private struct Claims {
        var ids: [Practice.ID: (file: String, line: Int)] = [:]
        var slugs: [Slug: (file: String, line: Int)] = [:]
    }

    private func process(
        _ files: [ImportFile], keys: PracticeKeys, register: CityRegister, options: Options,
        load: @Sendable ([Practice.ID]) async throws -> [Practice],
        save: (@Sendable ([PracticeChange]) async throws -> Void)?
    ) async throws -> ImportReport {
        var report = ImportReport()
        var claims = Claims()
        var chunk: [Pending] = []
        let now = Timestamp.now()

        func flush() async throws {
            guard !chunk.isEmpty else { return }
            try await handle(chunk, register: register, options: options, now: now, load: load, save: save, report: &report)
            chunk.removeAll(keepingCapacity: true)
        }

        for file in files {
            try await forEachRecord(in: file) { line, result in
                switch result {
                case .failure(let issue):
                    report.issues.append(ImportIssue(file: file.name, issue: issue))
                case .success(let fields):
                    let patch = PracticePatch(record: fields, countries: validator.countries, taxonomy: validator.taxonomy)
                    var problems: [FieldIssue] = []
                    let target = resolve(patch, keys: keys, claims: &claims, file: file.name, line: line, problems: &problems)
                    report.issues += problems.map { ImportIssue(file: file.name, issue: RecordIssue(line: line, $0)) }
                    chunk.append(Pending(file: file.name, line: line, patch: patch, target: target))
                    if chunk.count >= chunkSize { try await flush() }
                }
            }
        }
        try await flush()
        report.issues.sort { ($0.file, $0.issue) < ($1.file, $1.issue) }
        return report
    }

    /// Finds the practice a record updates, or the identifier and slug of the one it creates.
    private func resolve(_ patch: PracticePatch, keys: PracticeKeys, claims: inout Claims,
                         file: String, line: Int, problems: inout [FieldIssue]) -> Target {
        func claim(id: Practice.ID) -> Bool {
            if let first = claims.ids[id] {
                problems.append(FieldIssue(patch.id != nil ? "id" : "record",
                    "describes the same practice (\(id)) as \(place(first, file)); keep one record per practice"))
                return false
            }
            claims.ids[id] = (file, line)
            return true
        }
        func claim(slug: Slug) -> Bool {
            if let first = claims.slugs[slug] {
                problems.append(FieldIssue("slug", "\"\(slug)\" is also used by \(place(first, file)); each practice needs its own slug"))
                return false
            }
            claims.slugs[slug] = (file, line)
            return true
        }

        if let id = patch.id {
            let exists = keys.identities[id] != nil
            if let slug = patch.slug, let owner = keys.owner(of: slug), owner != id {
                problems.append(FieldIssue("slug", "\"\(slug)\" already belongs to practice \(owner); choose another slug or leave it out"))
                return .invalid
            }
            guard claim(id: id) else { return .invalid }
            if exists {
                if let slug = patch.slug, !claim(slug: slug) { return .invalid }
                return .update(id)
            }
            let slug = patch.slug ?? freeSlug(for: patch, keys: keys, claims: claims)
            guard claim(slug: slug) else { return .invalid }
            return .create(id, slug)
        }
        if let slug = patch.slug {
            guard claim(slug: slug) else { return .invalid }
            if let owner = keys.owner(of: slug) {
                return claim(id: owner) ? .update(owner) : .invalid
            }
            let id = Practice.ID.generate()
            claims.ids[id] = (file, line)
            return .create(id, slug)
        }
        // Neither id nor slug: the slug the title gives, numbered past practices that are not this one.
        let base = Slug(making: patch.values.title)
        let identity = PracticeKeys.Identity(title: patch.values.title, country: patch.values.country)
        for n in 1... {
            let candidate = base.numbered(n)
            if claims.slugs[candidate] != nil { continue }
            guard let owner = keys.owner(of: candidate) else {
                claims.slugs[candidate] = (file, line)
                let id = Practice.ID.generate()
                claims.ids[id] = (file, line)
                return .create(id, candidate)
            }
            if keys.identities[owner] == identity, claims.ids[owner] == nil {
                claims.slugs[candidate] = (file, line)
                claims.ids[owner] = (file, line)
                return .update(owner)
            }
        }
        return .invalid
    }

    private func freeSlug(for patch: PracticePatch, keys: PracticeKeys, claims: Claims) -> Slug {
        let base = Slug(making: patch.values.title)
        var n = 1
        while claims.slugs[base.numbered(n)] != nil || keys.owner(of: base.numbered(n)) != nil { n += 1 }
        return base.numbered(n)
    }

    private func place(_ first: (file: String, line: Int), _ file: String) -> String {
        first.file == file ? "line \(first.line)" : "\(first.file) line \(first.line)"
    }

    /// Merges, validates and compares a chunk of records; saves the changes when `save` is given.
    private func handle(
        _ chunk: [Pending], register: CityRegister, options: Options, now: Date,
        load: @Sendable ([Practice.ID]) async throws -> [Practice],
        save: (@Sendable ([PracticeChange]) async throws -> Void)?,
        report: inout ImportReport
    ) async throws {
        var updateIDs: [Practice.ID] = []
        for pending in chunk { if case .update(let id) = pending.target { updateIDs.append(id) } }
        var existing: [Practice.ID: Practice] = [:]
        for practice in try await load(updateIDs) { existing[practice.id] = practice }

        var changes: [PracticeChange] = []
        for pending in chunk {
            var problems = pending.patch.issues
            var result: PracticeChange? = nil
            var merged: Practice? = nil
            var unchanged = false
            switch pending.target {
            case .invalid:
                break
            case .create(let id, let slug):
                var practice = pending.patch.applied(to: Practice(
                    id: id, slug: slug, title: "", country: Country.Code(rawValue: ""), status: .published,
                    createdAt: now, updatedAt: now))
                practice.id = id
                practice.slug = slug
                practice.cities = register.resolve(practice.cities, country: practice.country.rawValue)
                if !pending.patch.present.contains(.country) {
                    problems.append(FieldIssue("country", "is required: give an ISO 3166-1 alpha-2 code (PT) or an English name (Portugal)"))
                }
                if let status = options.status { practice.status = status }
                if practice.status == .published, practice.publishedAt == nil { practice.publishedAt = now }
                merged = practice
                result = .create(practice)
            case .update(let id):
                guard let old = existing[id] else {
                    problems.append(FieldIssue("record", "the practice \(id) it updates has disappeared; try again"))
                    break
                }
                var practice = pending.patch.applied(to: old)
                practice.id = id
                practice.cities = register.resolve(practice.cities, country: practice.country.rawValue)
                if let status = options.status { practice.status = status }
                if practice.status == .published, practice.publishedAt == nil { practice.publishedAt = now }
                merged = practice
                if practice == old {
                    unchanged = true
                } else {
                    if !pending.patch.present.contains(.updatedAt) { practice.updatedAt = now }
                    result = .update(practice)
                }
            }
            if let practice = merged {
                problems += validator.validate(practice).filter { issue in
                    // Unknown countries and topics were already named by the patch, with what was written.
                    !(pending.patch.issues.contains { $0.field == issue.field })
                }
            }
            if !problems.isEmpty {
                var seen = Set<FieldIssue>()
                for problem in problems where seen.insert(problem).inserted {
                    report.issues.append(ImportIssue(file: pending.file, issue: RecordIssue(line: pending.line, problem)))
                }
                continue
            }
            if unchanged {
                report.unchanged += 1
            } else if let result {
                if case .create = result { report.created += 1 } else { report.updated += 1 }
                changes.append(result)
            }
        }
        if let save, report.issues.isEmpty, !changes.isEmpty {
            try await save(changes)
        }
    }

    // MARK: Reading files

    /// Calls `body` with each record of a file and its line number, or with the problem of a line
    /// that is not a record. JSON Lines files are streamed; CSV files are read whole.
    private func forEachRecord(
        in file: ImportFile,
        _ body: (Int, Result<[String: JSONValue], RecordIssue>) async throws -> Void
    ) async throws {
        switch file.format {
        case .jsonl:
            let handle: FileHandle
            do {
                handle = try FileHandle(forReadingFrom: file.url)
            } catch {
                throw ImportError.unreadable(file.name, (error as NSError).localizedDescription)
            }
            defer { try? handle.close() }
            var reader = LineReader(handle: handle)
            while let (number, bytes) = try reader.next() {
                var line = bytes
                if number == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
                if line.last == 0x0D { line = line.dropLast() }
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                try await body(number, ExchangeReader.decodeJSONLine(line, line: number))
            }
        case .csv:
            let data: Data
            do {
                data = try Data(contentsOf: file.url)
            } catch {
                throw ImportError.unreadable(file.name, (error as NSError).localizedDescription)
            }
            let (records, issues) = ExchangeReader.csvRecords(data)
            for issue in issues { try await body(issue.line, .failure(issue)) }
            for record in records { try await body(record.line, .success(record.fields)) }
        }
    }
}

/// Reads a file line by line in large blocks, so that big imports never sit in memory whole.
struct LineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var lineNumber = 0
    private var finished = false
    static let blockSize = 1 << 20

    init(handle: FileHandle) { self.handle = handle }

    /// The next line (without its "\n") and its number, or nil at the end of the file.
    mutating func next() throws -> (Int, ArraySlice<UInt8>)? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = buffer[start..<newline]
                start = newline + 1
                lineNumber += 1
                return (lineNumber, line)
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                lineNumber += 1
                return (lineNumber, line)
            }
            let block = try handle.read(upToCount: Self.blockSize) ?? Data()
            if block.isEmpty { finished = true; continue }
            buffer.removeFirst(start)
            buffer.append(contentsOf: block)
            start = 0
        }
    }
}
