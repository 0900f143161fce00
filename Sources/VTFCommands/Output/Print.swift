import SafeIO

/// Every `print` in this module: the text with control characters escaped (``TerminalText``),
/// so a memo, a name or a bank line holding `ESC[2J` is shown, not obeyed. This shadows
/// `Swift.print` for `String`s; printing anything else means making a `String` first.
func print(_ text: String, terminator: String = "\n") {
    Swift.print(TerminalText.inert(text), terminator: terminator)
}
