public import Statements

/// The page on which a donor checks a signed statement, a journal line with its proof, a balance
/// proof or a C2SP tlog-proof, in the browser: one self-contained HTML file (WebCrypto Ed25519 and
/// SHA-256, nothing fetched).
///
/// It checks what `Audit/verify-statement-with-openssl.sh` checks (the key, the statement's
/// signature over its RFC 8785 bytes, the checkpoint, every receipt's and refund's inclusion
/// proof, the witness keys the donor gives) and what `vtf statement verify` adds: that each
/// figure shown for a receipt or refund is its entry's, that the totals received and refunded
/// are their sums and the amounts outstanding the agreements', and the statement's `proofs`
/// (each seal in the checkpoint, each proven figure its definition's sum of complete runs of
/// sealed balances, every other figure listed as not proven), as `StatementProofCheck` checks
/// them. A balance proof (`vtf prove balance`) and a tlog-proof (`vtf prove
/// inclusion --format tlog-proof`) are checked as `vtf proof check` checks them (and
/// `Audit/verify-balance-proof-with-openssl.sh` a balance proof). A content security policy
/// forbids every fetch, so nothing the donor gives leaves the page. Elements the browser tests
/// read: `#result` (its `data-state` is `idle`, `checking`, `accepted` or `rejected`),
/// `#reason`, `#checks`, `#checked-figures`, `#proven-figures`, `#unproven-figures`, `#balance-leaves`.
public enum VerifyPage {
    /// The page for the log `origin` whose verifier key is `vkey`, in `language`; a balance's
    /// value (in the fund currency) is shown without its currency code.
    public static func html(origin: String, vkey: String, language: StatementLanguage) -> String {
        html(origin: origin, vkey: vkey, language: language, fundCurrency: nil)
    }

    /// The page for the log `origin` whose verifier key is `vkey`, in `language`, naming
    /// `fundCurrency` (an ISO 4217 code, the currency of a balance leaf's `value`) beside the
    /// values of the balances it checks.
    public static func html(origin: String, vkey: String, language: StatementLanguage, fundCurrency: String?) -> String {
        let say = { (key: String) in escaped(VerifyPageText.text(key, language)) }
        let named = { (key: String) in escaped(VerifyPageText.text(key, language).replacing("{origin}", with: origin)) }
        let messages = VerifyPageText.scriptKeys.map { key in
            "<span data-key=\"\(escaped(key))\">\(escaped(VerifyPageText.text(key, language)))</span>"
        }
        return """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
            <meta name="referrer" content="no-referrer">
            <title>\(named("page.title"))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <p><a href="index.html">\(say("page.home"))</a></p>
            <h1>\(say("page.heading"))</h1>
            <p>\(named("page.intro"))</p>
            <noscript><p><strong>\(say("page.noscript"))</strong></p></noscript>
            </header>
            <main id="verify-page" data-vkey="\(escaped(vkey))" data-currency="\(escaped(fundCurrency ?? ""))">
            <section id="key-section" aria-labelledby="key-heading">
            <h2 id="key-heading">\(say("page.keyHeading"))</h2>
            <label for="vkey">\(say("page.keyLabel"))</label>
            <input type="text" id="vkey" value="\(escaped(vkey))" spellcheck="false" autocomplete="off" aria-describedby="vkey-help">
            <p class="help" id="vkey-help">\(say("page.keyHelp"))</p>
            <p class="help">\(say("page.keyPublished")) <code id="vkey-published">\(escaped(vkey))</code></p>
            <button type="button" class="secondary" id="vkey-reset">\(say("page.keyReset"))</button>
            <label for="witnesses">\(say("page.witnessLabel"))</label>
            <textarea id="witnesses" rows="2" spellcheck="false" autocomplete="off" aria-describedby="witnesses-help"></textarea>
            <p class="help" id="witnesses-help">\(say("page.witnessHelp"))</p>
            </section>
            <section id="input-section" aria-labelledby="input-heading">
            <h2 id="input-heading">\(say("page.inputHeading"))</h2>
            <div id="drop">
            <p>\(say("page.drop"))</p>
            <label for="file">\(say("page.file"))</label>
            <input type="file" id="file" multiple accept=".json,.jsonl,.txt,.note,.checkpoint,application/json,text/plain">
            </div>
            <label for="paste">\(say("page.paste"))</label>
            <textarea id="paste" rows="6" spellcheck="false" autocomplete="off" aria-describedby="entry-help"></textarea>
            <p class="help" id="entry-help">\(say("page.entryHelp"))</p>
            <button type="button" id="check">\(say("page.check"))</button>
            </section>
            <section id="outcome" aria-labelledby="result-heading">
            <h2 id="result-heading">\(say("page.resultHeading"))</h2>
            <div aria-live="polite">
            <p id="result" data-state="idle">\(say("page.idle"))</p>
            <p id="reason"></p>
            </div>
            <p id="checkpoint-root" class="help" hidden></p>
            <h3 id="checks-heading" hidden>\(say("page.checksHeading"))</h3>
            <ol id="checks" aria-labelledby="checks-heading"></ol>
            <div id="figures" hidden>
            <h3>\(say("page.checkedHeading"))</h3>
            <p class="help">\(say("page.checkedNote"))</p>
            <p id="checked-count"></p>
            <div class="table-scroll"><table id="checked-figures"></table></div>
            <div id="proven" hidden>
            <h3>\(say("page.provenHeading"))</h3>
            <p class="help">\(say("page.provenNote"))</p>
            <div class="table-scroll"><table id="proven-figures"></table></div>
            </div>
            <h3>\(say("page.wordHeading"))</h3>
            <p class="help">\(say("page.wordNote"))</p>
            <div class="table-scroll"><table id="unproven-figures"></table></div>
            </div>
            <div id="entry-figures" hidden>
            <h3>\(say("page.entryHeading"))</h3>
            <p id="entry-summary"></p>
            <div class="table-scroll"><table id="entry-postings"></table></div>
            </div>
            <div id="balance-figures" hidden>
            <h3>\(say("page.balanceHeading"))</h3>
            <p id="balance-summary"></p>
            <div class="table-scroll"><table id="balance-leaves"></table></div>
            </div>
            </section>
            <section id="limits" aria-labelledby="limits-heading">
            <h2 id="limits-heading">\(say("page.limitsHeading"))</h2>
            <p>\(say("page.limitsProven"))</p>
            <p>\(say("page.limitsBalance"))</p>
            <p>\(say("page.limitsOmission"))</p>
            <p>\(say("page.limitsView"))</p>
            </section>
            </main>
            <footer><p>\(say("page.limitsTools"))</p></footer>
            <div id="texts" hidden>\(messages.joined())</div>
            <script>\(script)</script>
            </body>
            </html>

            """
    }

    /// `text` safe in element content and in a quoted attribute value.
    static func escaped(_ text: String) -> String {
        let references: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
        return text.map { references[$0] ?? String($0) }.joined()
    }
}
