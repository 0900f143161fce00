import LedgerCore
import Statements
import TrustFundRules
import TransparencyLog
import Testing

@Suite("Statement formatting in English and French")
struct StatementFormatTests {
    let en = StatementFormat(.en)
    let fr = StatementFormat(.fr)
    /// U+202F, between thousands in French.
    let thin = "\u{202F}"
    /// U+00A0, between a figure and its currency.
    let nbsp = "\u{00A0}"

    @Test func dollarsInBothLanguages() {
        let amount = SampleStatement.usd(123_456_789)
        #expect(fr.amount(amount) == "1\(thin)234\(thin)567,89\(nbsp)$\(nbsp)US")
        #expect(en.amount(amount) == "USD\(nbsp)1,234,567.89")
    }

    @Test func eurosYenAndDinars() throws {
        #expect(fr.amount(SampleStatement.eur(123_400)) == "1\(thin)234,00\(nbsp)€")
        #expect(en.amount(SampleStatement.eur(123_400)) == "EUR\(nbsp)1,234.00")
        let yen = Amount(minorUnits: 1_500_000, currency: try Currency(code: "JPY"))
        #expect(fr.amount(yen) == "1\(thin)500\(thin)000\(nbsp)JPY")
        #expect(en.amount(yen) == "JPY\(nbsp)1,500,000")
        let dinars = Amount(minorUnits: 1_234_567, currency: try Currency(code: "KWD"))
        #expect(fr.amount(dinars) == "1\(thin)234,567\(nbsp)KWD")
    }

    @Test func negativesAndSmallAmounts() {
        #expect(fr.amount(SampleStatement.eur(-123_400)) == "-1\(thin)234,00\(nbsp)€")
        #expect(en.amount(SampleStatement.usd(-5)) == "USD\(nbsp)-0.05")
        #expect(fr.amount(SampleStatement.usd(0)) == "0,00\(nbsp)$\(nbsp)US")
        #expect(en.number(minorUnits: 100_000, exponent: 2) == "1,000.00")
        #expect(fr.number(minorUnits: 99_999, exponent: 2) == "999,99")
        #expect(en.number(minorUnits: .min, exponent: 2) == "-92,233,720,368,547,758.08")
    }

    @Test func dates() {
        let first = SampleStatement.date("2026-03-01")
        let july = SampleStatement.date("2026-07-30")
        #expect(fr.date(first) == "1er mars 2026")
        #expect(en.date(first) == "1 March 2026")
        #expect(fr.date(july) == "30 juillet 2026")
        #expect(en.date(july) == "30 July 2026")
        #expect(fr.date(SampleStatement.date("2026-08-15")) == "15 août 2026")
        #expect(fr.date(SampleStatement.date("2026-02-02")) == "2 février 2026")
        #expect(fr.shortDate(july) == "30 juil.")
        #expect(en.shortDate(first) == "1 Mar")
    }

    @Test func ratesKeepEveryDigit() {
        #expect(fr.decimal("0.9215") == "0,9215")
        #expect(en.decimal("1234.5") == "1,234.5")
        #expect(fr.decimal("155") == "155")
        #expect(fr.decimal("-2.50") == "-2,50")
        #expect(fr.decimal("1e3") == nil)
        #expect(fr.decimal("1.") == nil)
        #expect(fr.decimal("") == nil)
    }

    @Test func counts() {
        #expect(fr.count(12_500) == "12\(thin)500")
        #expect(en.count(3) == "3")
    }
}
