import Foundation
import MosaicCore
import MosaicStore

/// The published versions of a practice, numbered 1, 2, 3 in order: what readers see in its history and
/// cite. Revisions that were drafts (or offline) have no public number.
enum PublicVersions {
    static func numbered(_ revisions: [(revision: Revision, practice: Practice)]) -> [Int: Int] {
        var numbers: [Int: Int] = [:]
        var next = 1
        for (revision, practice) in revisions where practice.status == .published {
            numbers[revision.number] = next
            next += 1
        }
        return numbers
    }
}

/// "Cite this practice": the same reference in APA, BibTeX and RIS, with the version, its address and the
/// day it was read.
struct Citation {
    let practice: Practice
    /// The public version number and the revision it is.
    let version: Int
    let revision: Int
    /// The practice's address, and that of this version in its history.
    let url: String
    let versionURL: String
    let accessed: Date
    let countryName: String
    let t: Strings

    /// Who the practice is by: its cities (or its country, for a national practice).
    var author: String { practice.cities.isEmpty ? countryName : practice.cities.joined(separator: ", ") }
    var year: Int { Timestamp.day(of: practice.publishedAt ?? practice.createdAt).year }
    private func iso(_ date: Date, separator: String) -> String {
        let day = Timestamp.day(of: date)
        func two(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
        return String(day.year) + separator + two(day.month) + separator + two(day.day)
    }

    /// APA (7th edition) as HTML: the title in italics.
    var apa: HTML {
        let title = practice.title
        var html: HTML = "\(author) (\(countryName)). (\(String(year))). <cite>\(title)</cite> (\(t.format("cite_version", ["number": String(version)]))) [\(t["cite_kind"])]. Mosaic. "
        html += "\(t.format("cite_retrieved", ["date": t.date(accessed), "url": versionURL]))"
        if let source = practice.source, !source.isEmpty { html += " \(t.format("cite_source", ["source": source]))" }
        return html
    }

    /// BibTeX: one `@misc` entry, its key made from the slug and the version.
    var bibtex: String {
        func escaped(_ text: String) -> String {
            var out = ""
            for character in text.collapsingWhitespace {
                switch character {
                case "\\": out += "\\textbackslash{}"
                case "{", "}", "%", "&", "#", "$", "_": out += "\\" + String(character)
                case "~": out += "\\textasciitilde{}"
                case "^": out += "\\textasciicircum{}"
                default: out.append(character)
                }
            }
            return out
        }
        var lines = [
            "@misc{mosaic-\(practice.slug.rawValue)-v\(version),",
            "  title = {\(escaped(practice.title))},",
            "  author = {{\(escaped(author))}},",
            "  year = {\(year)},",
            "  howpublished = {Mosaic},",
            "  version = {\(version)},",
            "  url = {\(versionURL)},",
            "  urldate = {\(iso(accessed, separator: "-"))},",
        ]
        if let source = practice.source, !source.isEmpty { lines.append("  note = {\(escaped(t.format("cite_source", ["source": source])))},") }
        lines.append("  language = {\(practice.language)}")
        return lines.joined(separator: "\n") + "\n}"
    }

    /// RIS: tagged lines, one value per line.
    var ris: String {
        func line(_ tag: String, _ value: String) -> String { "\(tag)  - \(value.collapsingWhitespace)" }
        var lines = [line("TY", "ELEC"), line("TI", practice.title), line("AU", author), line("PY", String(year)),
                     line("DA", iso(practice.publishedAt ?? practice.createdAt, separator: "/")), line("ET", String(version)),
                     line("PB", "Mosaic"), line("CY", author == countryName ? countryName : "\(author), \(countryName)"),
                     line("LA", practice.language), line("UR", versionURL), line("Y2", iso(accessed, separator: "/"))]
        if let source = practice.source, !source.isEmpty { lines.append(line("N1", t.format("cite_source", ["source": source]))) }
        lines.append("ER  - ")
        return lines.joined(separator: "\n")
    }

    func render() -> HTML {
        """
        <section class="cite" aria-labelledby="cite-heading">
        <h2 id="cite-heading">\(t["cite_heading"])</h2>
        <p>\(t.format("cite_intro", ["number": String(version)]))</p>
        <h3>APA</h3>
        <p class="citation">\(apa)</p>
        <details><summary>BibTeX</summary><pre class="citation" tabindex="0">\(bibtex)</pre></details>
        <details><summary>RIS</summary><pre class="citation" tabindex="0">\(ris)</pre></details>
        </section>

        """
    }
}
