@testable import PublicSite
import Statements
import Testing

/// The verification page's text; what it does in a browser is tested by Tests/Browser
/// (Scripts/check-browser), in headless Chromium.
@Suite struct VerifyPageTests {
    static let vkey = "example.org/fund+1a2b3c4d+AXOkHw8cFOh1tjlAqIeV3a7FPDmOuCwAS8bkd0kbAD8l"

    @Test func thePageNamesItsLanguage() {
        for language in StatementLanguage.allCases {
            #expect(VerifyPage.html(origin: "example.org/fund", vkey: "k", language: language).contains("lang=\"\(language.rawValue)\""))
        }
    }

    @Test func theFundsKeyIsShownAndGivenToTheScript() {
        let page = VerifyPage.html(origin: "example.org/fund", vkey: Self.vkey, language: .en)
        #expect(page.contains("<input type=\"text\" id=\"vkey\" value=\"\(Self.vkey)\""))
        #expect(page.contains("<code id=\"vkey-published\">\(Self.vkey)</code>"))
        #expect(page.contains("data-vkey=\"\(Self.vkey)\""))
        #expect(page.contains("<title>Check a statement of example.org/fund</title>"))
    }

    @Test func whatTheFundGivesIsEscaped() {
        let page = VerifyPage.html(origin: "x.org/<script>\"'&", vkey: "a\"><img src=x>", language: .en)
        #expect(!page.contains("<script>\""))
        #expect(!page.contains("<img"))
        #expect(page.contains("x.org/&lt;script&gt;&quot;&#39;&amp;"))
    }

    /// One file, nothing fetched: no external script, style, font or image, and a policy that
    /// forbids any fetch the script might try.
    @Test func thePageIsSelfContained() {
        for language in StatementLanguage.allCases {
            let page = VerifyPage.html(origin: "example.org/fund", vkey: Self.vkey, language: language)
            for outside in ["src=", "<link", "url(", "@import", "http://", "https://", "fetch(", "XMLHttpRequest", "WebSocket"] {
                #expect(!page.contains(outside), "\(language): \(outside)")
            }
            #expect(page.contains("Content-Security-Policy\" content=\"default-src 'none'"))
            #expect(page.components(separatedBy: "<script>").count == 2)
            #expect(page.components(separatedBy: "</script>").count == 2)
        }
    }

    /// Every message the script asks for by name is in the table, in both languages; a key made
    /// at run time (`'type.' + type`, `'word.' + name`) is listed here with its possible values.
    @Test func everyMessageOfTheScriptHasBothLanguages() throws {
        let asked = Set(VerifyPage.script.matches(of: /(?:say|refuse|step|counted)\('([a-zA-Z.|_]+)'/).map { String($0.1) }.filter { !$0.hasSuffix(".") })
        let built = ["string", "integer", "object", "array", "string|null"].map { "type.\($0)" }
            + ["grants_committed", "grants_paid", "grants_spent", "psc", "fund_balance", "reserve"].map { "word.\($0)" }
            + ["item.receipt", "item.refund", "check.receipt", "check.refund", "key.notLog", "key.notWitness", "totals.received", "totals.refunded",
               "entry.notRefund", "entry.notReceipt", "input.unknown", "check.passed", "check.failed", "what.proof", "what.entry", "what.checkpoint",
               "role.balance", "role.before", "role.after", "zero.start", "zero.end"]
        let known = Set(VerifyPageText.scriptKeys)
        #expect(asked.count > 40)
        #expect(asked.union(built).subtracting(known).isEmpty, "no text for \(asked.union(built).subtracting(known).sorted())")
        for row in VerifyPageText.rows {
            #expect(!row.english.isEmpty && !row.french.isEmpty, "\(row.key)")
            #expect(row.english != row.french || row.key == "col.date", "\(row.key) is not translated")
        }
        #expect(Set(VerifyPageText.rows.map(\.key)).count == VerifyPageText.rows.count, "a key is given twice")
    }

    /// The placeholders of each message are the same in both languages.
    @Test func translationsKeepTheirPlaceholders() {
        for row in VerifyPageText.rows {
            let english = Set(row.english.matches(of: /\{(\w+)\}/).map { String($0.1) })
            let french = Set(row.french.matches(of: /\{(\w+)\}/).map { String($0.1) })
            #expect(english == french, "\(row.key): \(english.sorted()) against \(french.sorted())")
        }
    }

    /// The fund currency, when the site gives it, is the page's to name beside a balance's value;
    /// the page without it names none.
    @Test func theFundCurrencyIsGivenToTheScript() {
        #expect(VerifyPage.html(origin: "example.org/fund", vkey: Self.vkey, language: .en, fundCurrency: "USD").contains("data-currency=\"USD\""))
        #expect(VerifyPage.html(origin: "example.org/fund", vkey: Self.vkey, language: .en).contains("data-currency=\"\""))
    }

    @Test func frenchPutsANoBreakSpaceBeforeAColon() {
        #expect(VerifyPageText.text("signature.bad", .fr).hasPrefix("signature\u{00A0}: ne se vérifie pas"))
        #expect(!VerifyPageText.text("signature.bad", .en).contains("\u{00A0}"))
        let page = VerifyPage.html(origin: "example.org/fund", vkey: Self.vkey, language: .fr)
        #expect(page.contains("ACCEPTÉ") && page.contains("REJETÉ") && page.contains("Vérifier un relevé de example.org/fund"))
    }
}
