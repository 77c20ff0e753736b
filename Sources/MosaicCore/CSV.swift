/// RFC 4180 CSV: reading with line numbers, and quoting for writing.
public enum CSV {
    /// One parsed row and the line of the file it starts on (1-based).
    public struct Row: Sendable {
        public var line: Int
        public var cells: [String]
    }

    /// A row that cannot be read, such as a quote that is never closed.
    public struct SyntaxError: Error, Sendable {
        public var line: Int
        public var message: String
    }

    /// Splits CSV text into rows. Quoted cells may hold commas, quotes (doubled) and line breaks.
    /// Blank lines between rows are skipped.
    public static func parse(_ text: String) -> (rows: [Row], errors: [SyntaxError]) {
        var rows: [Row] = []
        var errors: [SyntaxError] = []
        var cells: [String] = []
        var cell = String.UnicodeScalarView()
        var line = 1
        var rowStart = 1
        var inQuotes = false
        var quoteStartLine = 1
        var cellWasQuoted = false
        var rowHasContent = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return iterator.next()
        }
        func endCell() {
            cells.append(String(cell))
            cell = String.UnicodeScalarView()
            cellWasQuoted = false
        }
        func endRow() {
            endCell()
            if rowHasContent || cells.count > 1 || !(cells.first ?? "").isEmpty {
                rows.append(Row(line: rowStart, cells: cells))
            }
            cells = []
            rowHasContent = false
        }

        while let scalar = next() {
            if inQuotes {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            cell.append("\"")
                        } else {
                            inQuotes = false
                            pending = following
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    cell.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                if cell.isEmpty && !cellWasQuoted {
                    inQuotes = true
                    cellWasQuoted = true
                    quoteStartLine = line
                    rowHasContent = true
                } else {
                    errors.append(SyntaxError(line: line, message: "a quote (\") appears inside an unquoted cell; put the whole cell in quotes and double the inner quote"))
                    cell.append(scalar)
                }
            case ",":
                endCell()
                rowHasContent = true
            case "\r":
                if let following = next(), following != "\n" { pending = following }
                endRow()
                line += 1
                rowStart = line
            case "\n":
                endRow()
                line += 1
                rowStart = line
            default:
                if cellWasQuoted {
                    errors.append(SyntaxError(line: line, message: "text follows a closing quote; put the whole cell in quotes"))
                    cellWasQuoted = false
                }
                cell.append(scalar)
                rowHasContent = true
            }
        }
        if inQuotes {
            errors.append(SyntaxError(line: quoteStartLine, message: "a quoted cell that starts here is never closed; add the closing quote (\")"))
        }
        if rowHasContent || !cell.isEmpty || !cells.isEmpty { endRow() }
        return (rows, errors)
    }

    /// Quotes a cell when it holds a comma, a quote, a line break, or surrounding spaces.
    public static func quote(_ cell: String) -> String {
        // On UTF-8 bytes: every byte that calls for quotes is ASCII, and exports quote millions of cells.
        let utf8 = cell.utf8
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
            || utf8.first == UInt8(ascii: " ") || utf8.last == UInt8(ascii: " ")
        guard needsQuotes else { return cell }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(utf8.count + 8)
        for byte in utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }
}
