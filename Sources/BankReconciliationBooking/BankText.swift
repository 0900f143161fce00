import SafeIO

/// Text from a bank file made safe for a terminal: control characters (C0, DEL, C1, which
/// include ESC and CSI, the start of terminal escape sequences) and bidirectional overrides are
/// shown as `\u001b` (`TerminalText`'s notation), never sent raw; unlike printed text in
/// general, a line feed or tab inside a table cell is escaped too.
public enum BankText {
    /// `text` with control characters and bidirectional overrides escaped.
    public static func escaped(_ text: String) -> String { TerminalText.inertCell(text) }
}
