/// Helpers that repeat rejected input inside error messages safely.
enum EchoedText {
    /// `text` as a Swift-style quoted literal (control characters escaped, so a message stays on
    /// one line), cut after ``Limits/echoedTextLengthMax`` Unicode scalars.
    static func quoted(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > Limits.echoedTextLengthMax else {
            return text.debugDescription
        }
        let head = String(String.UnicodeScalarView(scalars.prefix(Limits.echoedTextLengthMax)))
        return (head + "…").debugDescription
    }
}
