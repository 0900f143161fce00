import Foundation
import SafeIO

/// Every `print` in this module: the text with control characters escaped (``TerminalText``),
/// so a memo, a name or a bank line holding `ESC[2J` is shown, not obeyed. This shadows
/// `Swift.print` for `String`s; printing anything else means making a `String` first.
func print(_ text: String, terminator: String = "\n") {
    // With --format json, stdout carries only JSON (``JSONOutput``); sentences go to stderr.
    if OutputMode.json { return Terminal.standardError(TerminalText.inert(text) + terminator) }
    Swift.print(TerminalText.inert(text), terminator: terminator)
}

/// Printing anything but a `String` would bypass ``TerminalText``: make a `String` first.
@available(*, unavailable, message: "print a String, so that TerminalText escapes it")
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {}
