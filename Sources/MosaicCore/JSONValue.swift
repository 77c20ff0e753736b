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
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
