public import LedgerCore
public import LedgerStore
public import Statements

/// The fund's public transparency site: plain files any web server can host, built from the
/// books read checked (the journal against its signed checkpoint, in one run).
public enum PublicSite {
    /// The site of the ledger `store` as of `asOf` (the latest entry's date when nil), in
    /// `language`: `index.html` (the fund at a glance), `grants.html`, `checkpoint.html` and
    /// `verify.html`.
    ///
    /// Every figure is read in one snapshot after `CheckedJournal` compared the journal with
    /// its signed checkpoint, from the builders `vtf report` and `vtf statement` use.
    /// - Throws: ``SiteError`` when `asOf` is before the ledger's first day or the ledger has no
    ///   checkpoint; the check's `StoreError` (exit status 3) when the journal does not match it.
    public static func build(_ store: any LedgerReading, asOf: LedgerDate?, language: StatementLanguage) async throws -> [SiteFile] {
        let figures = try await store.read { snapshot in
            let checked = try CheckedJournal.check(snapshot, outcome: "published")
            return try SiteFigures(snapshot, checked: checked, asOf: asOf)
        }
        let page = SitePage(figures, SiteText.of(language))
        let checkpoint = figures.checkpoint
        return [
            SiteFile(path: "index.html", text: IndexPage(page: page).html),
            SiteFile(path: "grants.html", text: GrantsPage(page: page).html),
            SiteFile(path: "checkpoint.html", text: CheckpointPage(page: page).html),
            SiteFile(path: "verify.html", text: VerifyPage.html(
                origin: checkpoint.origin, vkey: checkpoint.vkey, language: language, fundCurrency: figures.currency.code)),
        ]
    }
}
