import Foundation

/// A JSON value as read from one line of a JSON Lines file.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// A short name of the type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "true/false"
        case .number: "a number"
        case .string: "text"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

/// Writes JSON text with a fixed key order, so that exports are byte-for-byte repeatable.
public struct JSONWriter {
    /// UTF-8, as written: strings are escaped straight into it, in runs between the bytes that need it.
    private var bytes: [UInt8] = []
    /// For each open object or array: whether it already holds an element.
    private var hasElements: [Bool] = []
    private var valueFollowsKey = false

    public init() {}

    public var output: String { String(decoding: bytes, as: UTF8.self) }

    /// The output as UTF-8 bytes, without making a string of it.
    public var utf8: [UInt8] { bytes }

    public mutating func beginObject() { beforeValue(); bytes.append(UInt8(ascii: "{")); hasElements.append(false) }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); hasElements.removeLast() }
    public mutating func beginArray() { beforeValue(); bytes.append(UInt8(ascii: "[")); hasElements.append(false) }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); hasElements.removeLast() }

    public mutating func key(_ key: String) {
        beforeValue()
        JSONWriter.appendString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        valueFollowsKey = true
    }

    public mutating func string(_ value: String?) {
        beforeValue()
        if let value { JSONWriter.appendString(value, to: &bytes) } else { bytes += "null".utf8 }
    }

    public mutating func int(_ value: Int?) {
        beforeValue()
        bytes += (value.map(String.init) ?? "null").utf8
    }

    public mutating func double(_ value: Double) {
        beforeValue()
        bytes += (value.isFinite ? String(value) : "null").utf8
    }

    public mutating func bool(_ value: Bool?) {
        beforeValue()
        bytes += (value.map { $0 ? "true" : "false" } ?? "null").utf8
    }

    public mutating func null() { beforeValue(); bytes += "null".utf8 }

    public mutating func stringArray(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// Writes the comma between elements; a value right after its key needs none.
    private mutating func beforeValue() {
        if valueFollowsKey {
            valueFollowsKey = false
            return
        }
        guard let last = hasElements.indices.last else { return }
        if hasElements[last] { bytes.append(UInt8(ascii: ",")) }
        hasElements[last] = true
    }

    /// Appends `value` as a JSON string: quotes, backslashes and control characters escaped,
    /// other characters written as UTF-8 (U+2028 and U+2029 escaped for JavaScript readers).
    public static func appendString(_ value: String, to output: inout String) {
        var bytes: [UInt8] = []
        appendString(value, to: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    /// True when one of the eight bytes of `word` is below 0x20 or is ", \\ or 0xE2 (exact, no false negative).
    @inline(__always)
    static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let below20 = (word &- ones &* 0x20) & ~word & highs
        return (below20 | hasZero(word ^ (ones &* 0x22)) | hasZero(word ^ (ones &* 0x5C)) | hasZero(word ^ (ones &* 0xE2))) != 0
    }

    static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { text in
            guard let base = text.baseAddress else { return }
            // Bytes of multi-byte UTF-8 characters are all >= 0x80, so only ASCII needs escaping, besides
            // U+2028 and U+2029 (E2 80 A8/A9), which JavaScript readers choke on.
            let count = text.count
            var start = 0, offset = 0
            while offset < count {
                // Eight bytes at a time while none needs a look (SWAR: a byte below 0x20, or equal to
                // ", \\ or 0xE2, sets a high bit).
                if offset + 8 <= count {
                    let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
                    if !Self.mayNeedEscaping(word) {
                        offset &+= 8
                        continue
                    }
                }
                let byte = base[offset]
                // The common case, in as few tests as possible: a byte written as it is.
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0xE2 {
                    offset &+= 1
                    continue
                }
                let escape: StaticString?
                var length = 1
                switch byte {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0xE2:
                    guard offset + 2 < count, base[offset + 1] == 0x80, base[offset + 2] == 0xA8 || base[offset + 2] == 0xA9 else {
                        offset &+= 1
                        continue
                    }
                    escape = base[offset + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    length = 3
                default: escape = nil
                }
                out += UnsafeBufferPointer(start: base + start, count: offset - start)
                if let escape {
                    escape.withUTF8Buffer { out += $0 }
                } else {
                    let hex: StaticString = "0123456789abcdef"
                    hex.withUTF8Buffer { digits in
                        out += [0x5C, 0x75, 0x30, 0x30, digits[Int(byte >> 4)], digits[Int(byte & 15)]]
                    }
                }
                offset += length
                start = offset
            }
            out += UnsafeBufferPointer(start: base + start, count: count - start)
        }
        out.append(UInt8(ascii: "\""))
    }
}
