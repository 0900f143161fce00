/// The camt.053 versions read: `urn:iso:std:iso:20022:tech:xsd:camt.053.001.02` through `.13`
/// (.09 to .13 are the versions banks move to with the ISO 20022 migration; the elements vtf
/// reads are the same in all of them). The other camt cash-management messages a bank sends,
/// the intraday account report camt.052 and the debit/credit notification camt.054, are
/// interim information without a booked closing balance: they are refused by name.
enum CamtNamespace {
    static let prefix = "urn:iso:std:iso:20022:tech:xsd:camt.053.001."
    /// What every camt message's namespace starts with (`camt.052`, `camt.053`, `camt.054`).
    static let familyPrefix = "urn:iso:std:iso:20022:tech:xsd:camt.05"
    static let versions = ["02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13"]

    /// The interim camt messages, by their number, with the name a bank gives them.
    static let interim = [
        "052": "a camt.052 account report (intraday, interim information)",
        "054": "a camt.054 debit/credit notification (interim information)",
    ]

    /// nil when `uri` is a supported camt.053 namespace, else why not.
    static func problem(_ uri: String?) -> String? {
        if let uri, let kind = interimKind(uri) {
            return "this is \(kind), not an end-of-day camt.053 statement: it has no booked closing balance"
                + " to check and cannot be committed as a reconciliation; reconcile the day's camt.053 (or MT940) statement instead"
        }
        guard let uri, uri.hasPrefix(prefix) else {
            return "not a camt.053 document: the namespace is \(quoted(uri ?? "none")), expected \(prefix)02 … 13"
        }
        let version = String(uri.dropFirst(prefix.count))
        guard versions.contains(version) else {
            return "camt.053 version \(quoted(version)) is not supported (versions 02 through 13 are)"
        }
        return nil
    }

    /// The interim message `uri` names (camt.052 or camt.054, any version), if it does.
    static func interimKind(_ uri: String) -> String? {
        for (number, kind) in interim where uri.hasPrefix("urn:iso:std:iso:20022:tech:xsd:camt.\(number).") { return kind }
        return nil
    }
}
