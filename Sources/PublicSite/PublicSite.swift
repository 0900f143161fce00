public import LedgerCore
public import LedgerStore
public import Statements

/// The fund's public transparency site: plain files any web server can host, built from the
/// books read checked (the journal against its signed checkpoint, in one run).
public enum PublicSite {
    /// The site of the ledger `store` as of `asOf` (the latest entry when nil), in `language`.
    public static func build(_ store: any LedgerReading, asOf: LedgerDate?, language: StatementLanguage) async throws -> [SiteFile] {
        let vkey = try await store.logVerifierKey()
        let origin = String(vkey.prefix { $0 != "+" })
        return [
            SiteFile(path: "verify.html", text: VerifyPage.html(origin: origin, vkey: vkey, language: language)),
        ]
    }
}
