/// The practice template: its fields in order, whether each is required, and the keys of its label and
/// guidance in the interface texts. The practice page, the submission form, the template page and its
/// Markdown and Word versions all follow this one list.
public enum PracticeTemplate {
    public struct Field: Sendable, Equatable {
        public enum Requirement: String, Sendable { case required, recommended, optional }

        /// How the field is filled in.
        public enum Kind: Sendable, Equatable {
            case line, country, cities, topics, language, evidence, links, contact
            case section(Practice.Section)
        }

        /// The field's name in forms and in the exchange format ("contact" stands for the three contact fields).
        public let key: String
        public let kind: Kind
        public let requirement: Requirement

        /// The interface text that names the field.
        public var labelKey: String {
            switch kind {
            case .section(let section): "section_\(section.rawValue)"
            case .evidence: "evidence"
            default: "field_\(key)"
            }
        }

        /// The interface text that says what to write.
        public var guidanceKey: String { "guidance_\(key)" }
    }

    /// Sections a complete submission fills in; the completeness meter counts them.
    public static let recommendedSections: [Practice.Section] = [.purpose, .rationale, .process, .impact, .references]

    public static let fields: [Field] = {
        var fields = [
            Field(key: "title", kind: .line, requirement: .required),
            Field(key: "subtitle", kind: .line, requirement: .optional),
            Field(key: "country", kind: .country, requirement: .required),
            Field(key: "cities", kind: .cities, requirement: .recommended),
            Field(key: "period", kind: .line, requirement: .recommended),
            Field(key: "topics", kind: .topics, requirement: .recommended),
            Field(key: "language", kind: .language, requirement: .required),
        ]
        for section in Practice.Section.allCases {
            let requirement: Field.Requirement = section == .purpose ? .required
                : recommendedSections.contains(section) ? .recommended : .optional
            fields.append(Field(key: section.rawValue, kind: .section(section), requirement: requirement))
            if section == .evaluation { fields.append(Field(key: "evidence", kind: .evidence, requirement: .optional)) }
        }
        fields += [Field(key: "links", kind: .links, requirement: .optional), Field(key: "contact", kind: .contact, requirement: .recommended)]
        return fields
    }()
}
