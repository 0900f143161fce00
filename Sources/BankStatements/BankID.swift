/// Bank ids that are none: what banks write where a reference is required but they have none.
public enum BankID {
    /// Whether `text` is no id: empty, `NONREF` (MT940, also written `//NONREF`), or
    /// `NOTPROVIDED` (SEPA, also in camt `AcctSvcrRef`), in any case.
    public static func isPlaceholder(_ text: String) -> Bool {
        var key = Substring(text.trimmingSpaces)
        while key.hasPrefix("/") { key = key.dropFirst() }
        switch key.uppercased() {
        case "", "NONREF", "NOTPROVIDED", "NOT PROVIDED": return true
        default: return false
        }
    }
}
