/// The bounds every reader keeps to, whatever the file: memory stays flat however big it is.
public enum StatementLimits {
    /// The longest line (MT940, CSV record) read, in bytes; a longer one is refused.
    public static let maxLineBytes = 1 << 16
    /// The most characters kept of a line's free text (longer text is cut).
    public static let maxTextCharacters = 4_096
    /// The most bytes one MT940 field (with its continuation lines) may hold.
    public static let maxFieldBytes = 1 << 16
    /// The most `TxDtls` of one camt entry whose details are kept (more are only counted).
    public static let maxTransactionDetails = 1_000
    /// How many bytes a reader asks its source for at a time.
    static let pieceSize = 1 << 14

    /// `text` cut to ``maxTextCharacters``.
    static func capped(_ text: String) -> String {
        text.utf8.count <= maxTextCharacters ? text : String(text.prefix(maxTextCharacters))
    }
}
