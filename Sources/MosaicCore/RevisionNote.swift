/// Why a revision was written: a step of the workflow (translated where a reader sees it) or what an
/// editor or importer wrote. Stored as text, in the words earlier versions of Mosaic stored.
public enum RevisionNote: Sendable, Hashable {
    case draftSaved
    case submitted
    case published
    case restored(revision: Int)
    /// An editor merged two names of a city: the practice's city `from` is now `into`.
    case cityMerged(from: String, into: String)
    /// A note written by a person (an editor's publication note, an unpublication reason, "import").
    case written(String)

    public init(stored: String) {
        switch stored {
        case "draft saved": self = .draftSaved
        case "submitted for review": self = .submitted
        case "published": self = .published
        default:
            if stored.hasPrefix("restored revision "), let number = Int(stored.dropFirst("restored revision ".count)) {
                self = .restored(revision: number)
            } else if stored.hasPrefix(Self.cityMergedPrefix), let arrow = stored.range(of: " → ") {
                self = .cityMerged(from: String(stored[stored.index(stored.startIndex, offsetBy: Self.cityMergedPrefix.count)..<arrow.lowerBound]),
                                   into: String(stored[arrow.upperBound...]))
            } else {
                self = .written(stored)
            }
        }
    }

    private static let cityMergedPrefix = "city merged: "

    public var stored: String {
        switch self {
        case .draftSaved: "draft saved"
        case .submitted: "submitted for review"
        case .published: "published"
        case .restored(let number): "restored revision \(number)"
        case .cityMerged(let from, let into): Self.cityMergedPrefix + from + " → " + into
        case .written(let text): text
        }
    }
}
