import LedgerJournal
import Testing

/// The texts an entry may carry. An outside trial recorded "R1" beside "R\u{200B}1" and "R1 ",
/// a bank reference with a trailing space as a new receipt, and "A\u{202E}B" that displays
/// reversed: refs must look like what they are, and no text may reorder its own display.
@Suite("Entry texts and refs")
struct EntryTextTests {
    @Test(arguments: ["R\u{200B}1", "R\u{200D}1", "\u{FEFF}R1", "R\u{00AD}1", "R\u{2060}1", "R\u{FE0F}1", "R\u{E0041}1"])
    func aRefWithAnInvisibleCharacterIsRefused(ref: String) {
        #expect(EntryText.refProblem(ref, max: 64)?.contains("invisible character") == true, "\(ref.unicodeScalars.map(\.value))")
        // In a memo, zero-width joiners are how some scripts and emoji are written.
        if ref.unicodeScalars.contains(where: { $0.value == 0x200D }) { #expect(EntryText.problem(ref, max: 64) == nil) }
    }

    @Test(arguments: ["R1 ", " R1", "R1\u{00A0}", "\u{3000}R1"])
    func aRefWithWhiteSpaceAtAnEndIsRefused(ref: String) {
        #expect(EntryText.refProblem(ref, max: 64)?.contains("white space") == true)
    }

    @Test(arguments: ["A\u{202E}B", "A\u{2066}B\u{2069}", "A\u{200F}B", "A\u{061C}B"])
    func noTextMayCarryABidirectionalControl(text: String) {
        #expect(EntryText.problem(text, max: 64)?.contains("bidirectional control") == true)
        #expect(EntryText.refProblem(text, max: 64) != nil)
    }

    @Test(arguments: ["CITI-250205-01", "PAY-2025-01-1", "Réf. 12 b", "振込-1", "R 1"])
    func plainRefsPass(ref: String) {
        #expect(EntryText.refProblem(ref, max: 64) == nil)
    }
}
