import Foundation

/// One record of an exchange file, with the line it starts on.
public struct ExchangeRecord: Sendable {
    public var line: Int
    public var fields: [String: JSONValue]

    public init(line: Int, fields: [String: JSONValue]) {
        self.line = line
        self.fields = fields
    }
}

/// A problem in an exchange file, reported as `FILE:LINE: field: reason`.
public struct RecordIssue: Error, Hashable, Sendable, Comparable {
    public var line: Int
    public var field: String
    public var message: String

    public init(line: Int, field: String, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }

    public init(line: Int, _ issue: FieldIssue) {
        self.init(line: line, field: issue.field, message: issue.message)
    }

    public static func < (lhs: RecordIssue, rhs: RecordIssue) -> Bool {
        (lhs.line, lhs.field, lhs.message) < (rhs.line, rhs.field, rhs.message)
    }
}

/// Turns the bytes of JSON Lines and CSV files into records, naming every bad line.
public enum ExchangeReader {
    /// Decodes one line of a JSON Lines file, which must hold one JSON object.
    public static func decodeJSONLine(_ bytes: some Collection<UInt8>, line: Int) -> Result<[String: JSONValue], RecordIssue> {
        if let offset = invalidUTF8Offset(bytes) {
            return .failure(RecordIssue(line: line, field: "record", message: "is not valid UTF-8 (byte \(offset + 1) of the line); save the file as UTF-8"))
        }
        do {
            let value = try JSONParser.parse(bytes)
            guard case .object(let object) = value else {
                return .failure(RecordIssue(line: line, field: "record", message: "must be a JSON object ({...}), not \(value.typeName)"))
            }
            return .success(object)
        } catch {
            return .failure(RecordIssue(line: line, field: "record", message: "is not valid JSON (\(error)); each line must hold one complete JSON object"))
        }
    }

    /// Reads a whole CSV file: a header row of field names, then one practice per row.
    public static func csvRecords(_ data: Data) -> (records: [ExchangeRecord], issues: [RecordIssue]) {
        var issues: [RecordIssue] = []
        // Name every line that is not UTF-8 before anything else: the rest cannot be trusted.
        var lineNumber = 1
        var lineStart = data.startIndex
        for index in data.indices where data[index] == 0x0A || index == data.index(before: data.endIndex) {
            let end = data[index] == 0x0A ? index : data.endIndex
            if let offset = invalidUTF8Offset(data[lineStart..<end]) {
                issues.append(RecordIssue(line: lineNumber, field: "record", message: "is not valid UTF-8 (byte \(offset + 1) of the line); save the file as UTF-8"))
            }
            lineNumber += 1
            lineStart = data.index(after: index)
        }
        guard issues.isEmpty else { return ([], issues) }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }

        let (rows, syntaxErrors) = CSV.parse(text)
        issues += syntaxErrors.map { RecordIssue(line: $0.line, field: "record", message: $0.message) }
        guard let header = rows.first else {
            issues.append(RecordIssue(line: 1, field: "record", message: "the file is empty; the first row must name the fields"))
            return ([], issues)
        }
        let names = header.cells.map { $0.trimmed }
        var seen = Set<String>()
        for name in names {
            if name == ExchangeField.translations.rawValue {
                issues.append(RecordIssue(line: header.line, field: name, message: "translations cannot be carried in CSV; use JSON Lines for them"))
            } else if ExchangeField(rawValue: name) == nil {
                let hint = ExchangeField.suggestion(for: name).map { "; did you mean \"\($0.rawValue)\"?" } ?? ""
                issues.append(RecordIssue(line: header.line, field: name.isEmpty ? "(empty)" : name, message: "unknown field in the header row\(hint)"))
            } else if !seen.insert(name).inserted {
                issues.append(RecordIssue(line: header.line, field: name, message: "appears twice in the header row"))
            }
        }
        var records: [ExchangeRecord] = []
        for row in rows.dropFirst() {
            guard row.cells.count == names.count else {
                issues.append(RecordIssue(line: row.line, field: "record",
                    message: "has \(row.cells.count) columns but the header has \(names.count); check for an unquoted comma or a missing quote"))
                continue
            }
            var fields: [String: JSONValue] = [:]
            for (name, cell) in zip(names, row.cells) where name != ExchangeField.translations.rawValue {
                fields[name] = csvValue(cell, for: ExchangeField(rawValue: name))
            }
            records.append(ExchangeRecord(line: row.line, fields: fields))
        }
        return (records, issues)
    }

    /// A CSV cell as the value the JSON form would have: lists split on ";", links read from
    /// `title <url>`, empty cells as null.
    static func csvValue(_ cell: String, for field: ExchangeField?) -> JSONValue {
        let trimmed = cell.trimmed
        if trimmed.isEmpty { return field == .cities || field == .topics || field == .links ? .array([]) : .null }
        switch field {
        case .cities?, .topics?:
            return .array(trimmed.split(separator: ";").map { .string($0.trimmed) })
        case .links?:
            return .array(parseLinks(trimmed))
        default:
            return .string(cell)
        }
    }

    /// "Report <https://a.example/r.pdf>; <https://b.example>" → two links. Text without angle brackets
    /// is taken as a bare URL.
    static func parseLinks(_ text: String) -> [JSONValue] {
        var links: [JSONValue] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            rest = rest.drop(while: { $0 == ";" || $0.isWhitespace })
            guard !rest.isEmpty else { break }
            let semicolon = rest.firstIndex(of: ";")
            if let open = rest.firstIndex(of: "<"), semicolon.map({ open < $0 }) ?? true,
               let close = rest[open...].firstIndex(of: ">") {
                let title = rest[..<open].trimmed
                let url = rest[rest.index(after: open)..<close].trimmed
                links.append(.object(["title": .string(title), "url": .string(url)]))
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                links.append(.string(rest[..<end].trimmed))
                rest = rest[end...]
            }
        }
        return links
    }

    /// The offset of the first byte that breaks UTF-8, or nil when the bytes are valid.
    public static func invalidUTF8Offset(_ bytes: some Collection<UInt8>) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                consumed += UTF8.width(scalar)
                offset = consumed
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}
