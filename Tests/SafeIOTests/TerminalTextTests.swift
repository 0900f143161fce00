import SafeIO
import Testing

@Suite("TerminalText: control characters shown, not obeyed")
struct TerminalTextTests {
    @Test func escapeSequencesAndControlsAreEscaped() {
        #expect(TerminalText.inert("memo \u{1B}[2J cleared") == "memo \\u001b[2J cleared")
        #expect(TerminalText.inert("bell\u{07} del\u{7F} csi\u{9B}1m nul\u{0}") == "bell\\u0007 del\\u007f csi\\u009b1m nul\\u0000")
        #expect(TerminalText.inert("lone\rCR") == "lone\\u000dCR")
        #expect(TerminalText.inert("abc\u{202E}fed") == "abc\\u202efed")
    }

    @Test func lineBreaksTabsAndOrdinaryTextStay() {
        for text in ["two\nlines\n", "a\tb", "csv\r\nline\r\n", "Genève – 1 234,56 €", "日本", ""] {
            #expect(TerminalText.inert(text) == text, "\(text)")
        }
    }

    @Test func aCellKeepsToItsLine() {
        #expect(TerminalText.inertCell("pay\u{1B}[2J\nme\tnow\r\n") == "pay\\u001b[2J\\u000ame\\u0009now\\u000d\\u000a")
        #expect(TerminalText.inertCell("Genève – 1 234,56 €") == "Genève – 1 234,56 €")
    }
}
