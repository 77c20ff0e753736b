/// Why a revision was written: a step of the workflow (translated where a reader sees it) or what an
/// editor or importer wrote. Stored as text, in the words earlier versions of Mosaic stored.
public enum RevisionNote: Sendable, Hashable {
    case draftSaved
    case submitted
    case published
    case restored(revision: Int)
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
            } else {
                self = .written(stored)
            }
        }
    }

    public var stored: String {
        switch self {
        case .draftSaved: "draft saved"
        case .submitted: "submitted for review"
        case .published: "published"
        case .restored(let number): "restored revision \(number)"
        case .written(let text): text
        }
    }
}
