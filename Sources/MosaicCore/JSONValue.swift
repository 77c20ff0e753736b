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
    public private(set) var output = ""
    /// For each open object or array: whether it already holds an element.
    private var hasElements: [Bool] = []
    private var valueFollowsKey = false

    public init() {}

    public mutating func beginObject() { beforeValue(); output += "{"; hasElements.append(false) }
    public mutating func endObject() { output += "}"; hasElements.removeLast() }
    public mutating func beginArray() { beforeValue(); output += "["; hasElements.append(false) }
    public mutating func endArray() { output += "]"; hasElements.removeLast() }

    public mutating func key(_ key: String) {
        beforeValue()
        JSONWriter.appendString(key, to: &output)
        output += ":"
        valueFollowsKey = true
    }

    public mutating func string(_ value: String?) {
        beforeValue()
        if let value { JSONWriter.appendString(value, to: &output) } else { output += "null" }
    }

    public mutating func int(_ value: Int?) {
        beforeValue()
        output += value.map(String.init) ?? "null"
    }

    public mutating func double(_ value: Double) {
        beforeValue()
        output += value.isFinite ? String(value) : "null"
    }

    public mutating func bool(_ value: Bool?) {
        beforeValue()
        output += value.map { $0 ? "true" : "false" } ?? "null"
    }

    public mutating func null() { beforeValue(); output += "null" }

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
        if hasElements[last] { output += "," }
        hasElements[last] = true
    }

    /// Appends `value` as a JSON string: quotes, backslashes and control characters escaped,
    /// other characters written as UTF-8 (U+2028 and U+2029 escaped for JavaScript readers).
    public static func appendString(_ value: String, to output: inout String) {
        output += "\""
        // Fast path: nothing to escape, append the text in one piece.
        var needsEscaping = false
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in value.utf8 {
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || (previous == (0xE2, 0x80) && (byte == 0xA8 || byte == 0xA9)) {
                needsEscaping = true
                break
            }
            previous = (previous.1, byte)
        }
        guard needsEscaping else {
            output += value
            output += "\""
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 16)
        let hexDigits = Array("0123456789abcdef".utf8)
        // Byte by byte: bytes of multi-byte UTF-8 characters are all >= 0x80, so only ASCII needs escaping,
        // besides U+2028 and U+2029 (E2 80 A8/A9), which JavaScript readers choke on.
        for byte in value.utf8 {
            switch byte {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            case 0xA8, 0xA9:
                if bytes.count >= 2 && bytes[bytes.count - 2] == 0xE2 && bytes[bytes.count - 1] == 0x80 {
                    bytes.removeLast(2)
                    bytes += Array((byte == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                } else {
                    bytes.append(byte)
                }
            case ..<0x20:
                bytes += [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]]
            default:
                bytes.append(byte)
            }
        }
        output += String(decoding: bytes, as: UTF8.self)
        output += "\""
    }
}
