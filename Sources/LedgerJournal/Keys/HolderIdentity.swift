import Foundation

/// Who a key's `holder` names, for the two-person rules: holders are compared by identity, not
/// as strings, so `Maria`, ` maria `, `MARIA`, `ｍａｒｉａ`, Cyrillic `mаria`, `ma-ria`, `ma ria`
/// and `maria⠀` (a braille blank) are one person.
///
/// The identity is the UTS #39 skeleton of the holder's NFKC_Casefold form: default-ignorable
/// characters (zero-width joiners, soft hyphens, variation selectors…) removed, characters that
/// print blank (the braille pattern blank) made spaces, NFKC, case folded, NFKC again, white
/// space trimmed and every run of it one space; then NFD, each character mapped by Unicode's
/// confusables table (`ConfusablesTable`), NFD again, and case folded once more so that a
/// prototype in upper case cannot split an identity; last, white space, punctuation and
/// nonspacing marks are left out, so that `c.hen`, `ch en`, `chen_`, `chén` and `cħen` (ħ's
/// prototype is h with a stroke overlay) cannot pass for a second person. Two people
/// whose names then read alike are told apart by the admin's recorded decision
/// (``HolderDecisions``).
public struct HolderIdentity: Hashable, Sendable, CustomStringConvertible {
    /// The skeleton two holders share when they are taken for one person.
    public let skeleton: String

    /// The identity of `holder`, however it is spelled, spaced or cased.
    public init(_ holder: String) {
        skeleton = Self.skeleton(of: Self.normalized(holder))
    }

    /// The skeleton.
    public var description: String { skeleton }

    /// NFKC_Casefold with white space trimmed and collapsed.
    public static func normalized(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !isDefaultIgnorable($0) }.map { printsBlank.contains($0.value) ? " " : $0 })
        let folded = String(scalars).precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive], locale: nil).precomposedStringWithCompatibilityMapping
        return folded.components(separatedBy: .whitespacesAndNewlines).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The UTS #39 skeleton: NFD, every scalar replaced by its prototype, NFD; then without white
    /// space, punctuation and nonspacing marks (accents).
    public static func skeleton(of text: String) -> String {
        var mapped = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if let prototype = confusables[scalar.value] { mapped.append(contentsOf: prototype) } else { mapped.append(scalar) }
        }
        let folded = String(mapped).decomposedStringWithCanonicalMapping.folding(options: [.caseInsensitive], locale: nil)
            .decomposedStringWithCanonicalMapping
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: folded.unicodeScalars.filter {
            !$0.properties.isWhitespace && !isPunctuation($0) && $0.properties.generalCategory != .nonspacingMark
        })
        return String(kept)
    }

    /// Characters that print as a blank without being white space or default-ignorable.
    static let printsBlank: Set<UInt32> = [0x2800]

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// Default_Ignorable_Code_Point (Unicode DerivedCoreProperties.txt).
    static func isDefaultIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        defaultIgnorable.contains { $0.contains(scalar.value) }
    }

    static let defaultIgnorable: [ClosedRange<UInt32>] = [
        0x00AD...0x00AD, 0x034F...0x034F, 0x061C...0x061C, 0x115F...0x1160, 0x17B4...0x17B5, 0x180B...0x180F,
        0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F, 0x3164...0x3164, 0xFE00...0xFE0F, 0xFEFF...0xFEFF,
        0xFFA0...0xFFA0, 0xFFF0...0xFFF8, 0x1BCA0...0x1BCA3, 0x1D173...0x1D17A, 0xE0000...0xE0FFF,
    ]

    /// `ConfusablesTable` read once; a malformed item (none in the generated table) is skipped.
    static let confusables: [UInt32: [Unicode.Scalar]] = {
        var table: [UInt32: [Unicode.Scalar]] = [:]
        for item in ConfusablesTable.mappings.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = item.split(separator: "=")
            guard parts.count == 2, let source = UInt32(parts[0], radix: 16) else { continue }
            let targets = parts[1].split(separator: "+").compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }
            table[source] = targets
        }
        return table
    }()
}
