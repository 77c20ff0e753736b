/// A small, tolerant HTML reader for tests: enough to find elements by tag, class and attribute in the
/// pages Mosaic renders, so that tests check structure instead of matching fragile substrings.
final class HTMLNode {
    let tag: String
    let attributes: [String: String]
    var children: [HTMLNode] = []
    var text = ""
    weak var parent: HTMLNode?

    init(tag: String, attributes: [String: String]) {
        self.tag = tag
        self.attributes = attributes
    }

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    /// Parses a whole document.
    static func parse(_ html: String) -> HTMLNode {
        let root = HTMLNode(tag: "#root", attributes: [:])
        var current = root
        var index = html.startIndex
        while index < html.endIndex {
            if html[index] == "<" {
                guard let close = html[index...].firstIndex(of: ">") else { break }
                let inside = html[html.index(after: index)..<close]
                index = html.index(after: close)
                if inside.hasPrefix("!") { continue }
                if inside.hasPrefix("/") {
                    let name = inside.dropFirst().lowercased().trimmingCharacters(in: .whitespaces)
                    var node: HTMLNode? = current
                    while let candidate = node, candidate.tag != name { node = candidate.parent }
                    if let node, let parent = node.parent { current = parent }
                    continue
                }
                let (name, attributes) = tagParts(String(inside))
                let node = HTMLNode(tag: name, attributes: attributes)
                node.parent = current
                current.children.append(node)
                if !voidElements.contains(name), !inside.hasSuffix("/") { current = node }
            } else {
                let next = html[index...].firstIndex(of: "<") ?? html.endIndex
                let text = decode(String(html[index..<next]))
                var node: HTMLNode? = current
                while let n = node { n.text += text; node = n.parent }
                index = next
            }
        }
        return root
    }

    private static func tagParts(_ text: String) -> (String, [String: String]) {
        var rest = Substring(text.hasSuffix("/") ? String(text.dropLast()) : text)
        let name = String(rest.prefix { !$0.isWhitespace }).lowercased()
        rest = rest.dropFirst(name.count)
        var attributes: [String: String] = [:]
        while true {
            rest = rest.drop { $0.isWhitespace }
            guard !rest.isEmpty else { break }
            let key = String(rest.prefix { !$0.isWhitespace && $0 != "=" })
            rest = rest.dropFirst(key.count)
            if rest.first == "=" {
                rest = rest.dropFirst()
                if let quote = rest.first, quote == "\"" || quote == "'" {
                    rest = rest.dropFirst()
                    let value = rest.prefix { $0 != quote }
                    attributes[key.lowercased()] = decode(String(value))
                    rest = rest.dropFirst(value.count + 1)
                } else {
                    let value = rest.prefix { !$0.isWhitespace }
                    attributes[key.lowercased()] = decode(String(value))
                    rest = rest.dropFirst(value.count)
                }
            } else if !key.isEmpty {
                attributes[key.lowercased()] = ""
            }
        }
        return (name, attributes)
    }

    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#x2F;", with: "/").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Every descendant that matches.
    func all(_ tag: String? = nil, class className: String? = nil, where predicate: (HTMLNode) -> Bool = { _ in true }) -> [HTMLNode] {
        var found: [HTMLNode] = []
        for child in children {
            let classes = (child.attributes["class"] ?? "").split(separator: " ").map(String.init)
            if (tag == nil || child.tag == tag) && (className == nil || classes.contains(className!)) && predicate(child) {
                found.append(child)
            }
            found += child.all(tag, class: className, where: predicate)
        }
        return found
    }

    func first(_ tag: String? = nil, class className: String? = nil, where predicate: (HTMLNode) -> Bool = { _ in true }) -> HTMLNode? {
        all(tag, class: className, where: predicate).first
    }

    /// The text, with runs of whitespace collapsed.
    var plainText: String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    subscript(attribute: String) -> String? { attributes[attribute] }
}
