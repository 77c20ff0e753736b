// The members are @inlinable so that callers in other modules get code specialised for their string
// type: unspecialised generic code iterates UTF-8 through protocol witnesses, many times slower.
extension StringProtocol {
    /// The text without leading and trailing whitespace and line breaks; pure Swift (Foundation's
    /// `trimmingCharacters` goes through NSString on Linux and is many times slower).
    @inlinable
    public var trimmed: String {
        // Fast path: text that starts and ends with a visible ASCII character.
        if let first = utf8.first, let last = String(self).utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return String(self)
        }
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == 0 && last == scalars.count - 1 { return String(self) }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }

    /// Inner runs of whitespace (line breaks included) as one space, and no whitespace around.
    @inlinable
    public var collapsingWhitespace: String {
        if isSingleSpaced { return String(self) }
        // Byte by byte: ASCII whitespace and the usual Unicode spaces (no-break, thin, ideographic...)
        // are recognised from their UTF-8 bytes; every other byte is copied as it is.
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        let bytes = Array(utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            var spaceLength = 0
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                spaceLength = 1
            } else if byte == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 || bytes[i + 1] == 0x85 {
                spaceLength = 2
            } else if byte == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80,
                      (0x80...0x8A).contains(bytes[i + 2]) || bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 || bytes[i + 2] == 0xAF {
                spaceLength = 3
            } else if byte == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x81, bytes[i + 2] == 0x9F {
                spaceLength = 3
            } else if byte == 0xE3, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 {
                spaceLength = 3
            } else if byte == 0xE1, i + 2 < bytes.count, bytes[i + 1] == 0x9A, bytes[i + 2] == 0x80 {
                spaceLength = 3
            }
            if spaceLength > 0 {
                pendingSpace = !out.isEmpty
                i += spaceLength
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The scalar-by-scalar form of `collapsingWhitespace`, kept to check the byte version against.
    var collapsingWhitespaceByScalars: String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// True when the text is ASCII-clean of extra whitespace: no tab or line break, no double,
    /// leading or trailing space, no non-ASCII character (which could be a special space).
    @inlinable
    var isSingleSpaced: Bool {
        var previous: UInt8 = 0x20
        for byte in utf8 {
            if byte >= 0x80 || (byte >= 0x09 && byte <= 0x0D) || (byte == 0x20 && previous == 0x20) { return false }
            previous = byte
        }
        return previous != 0x20
    }

    /// Line endings as "\n".
    @inlinable
    public var normalizingLineEndings: String {
        guard utf8.contains(0x0D) else { return String(self) }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousWasCR = true
            } else {
                if !(scalar == "\n" && previousWasCR) { out.append(scalar) }
                previousWasCR = false
            }
        }
        return String(out)
    }
}
