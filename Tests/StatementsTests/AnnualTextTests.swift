import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import Testing
import TrustFund
@testable import Statements

/// The annual report's French: every label the statements and notes write has a translation,
/// dates in labels are written as dates, and figures keep their exact digits.
@Suite("Annual report texts in French")
struct AnnualTextTests {
    static let labels: [String] = FundChart.accounts.map(\.name)
        + CashFlowReport.LineKind.allCases.map(\.label)
        + CashFlowReport.Section.allCases.flatMap { [$0.label, $0.totalLabel] }
        + [
            "Statement of financial position", "Statement of financial performance", "Statement of changes in net assets",
            "Statement of cash flows", "Current assets", "Liabilities", "Net assets", "Memo", "Cash and cash equivalents",
            "Contributions receivable", "Less allowance for doubtful contributions", "Advances to implementing partners",
            "Accrued interest receivable", "Payables and grant instalments due", "Deferred revenue – conditional contributions",
            "Refunds payable to donors", "Unidentified receipts", "Accumulated surplus – unearmarked", "Accumulated surplus – earmarked",
            "Operating cash reserve", "Surplus (deficit) of the period not yet closed", "Total assets", "Total liabilities",
            "Total net assets", "Pledges not yet binding", "Open grant commitments", "revenue − expenses", "Revenue", "Expenses",
            "Result", "Total revenue", "Total expenses", "Surplus for the period", "Deficit for the period",
            "Opening net assets (2024-12-31)", "Surplus (deficit) for the period", "Transfers to (from) the operating reserve",
            "Other movements", "Closing net assets (2025-12-31)", "TOTAL USD", "Cash", "Cash at the beginning of the period (2024-12-31)",
            "Net increase (decrease) in cash", "Cash at the end of the period (2025-12-31)", "Accounting policies", "Commitments",
            "Contributions receivable: ageing and impairment", "Foreign exchange", "Events after the reporting date",
            "Open grant commitments (9200)", "Total open grant commitments", "Contributions receivable (1200)",
            "Less allowance for doubtful contributions (1210)", "Net contributions receivable", "Ageing by instalment due date",
            "Allowance for doubtful contributions (1210) by donor", "FX gains (4900)", "FX losses (5900)", "Net", "Realised",
            "Unrealised (revaluation)", "Total FX gains", "Total FX losses", "Net FX gain (loss)", "DONOR", "AGREEMENT", "CURRENCY",
            "OUTSTANDING", "NOT DUE", "0-30", ">365", "VALUE USD", "ACCOUNT", "KIND", "ENTRIES", "CASH USD", "1100, 1110", "3100 USD", "3300 Operating cash reserve",
            "Statement of comparison of budget and actual amounts", "Original budget", "Final budget", "Actual amounts (comparable basis)",
            "Difference: final budget less actual", "Assets", "Non-current assets", "Total current assets", "Total non-current assets",
            "Advances to implementing partners – current", "Contributions receivable, net of allowance – current",
            "Contributions receivable, net of allowance – non-current", ForeignExchangeNote.label, "Note: foreign exchange", "Realised",
            "Unrealised", "Transfers to (from) earmarked net assets", "  of which earmarked: Legal aid",
        ]

    @Test func everyLabelHasAFrenchTranslation() {
        let budget = BudgetReport.categories.map { "\($0.name) (\($0.accounts.map(\.rawValue).joined(separator: ", ")))" }
        let missing = (Self.labels + budget).filter { AnnualText.french(AnnualComparative.withoutDates($0)) == nil }
        #expect(missing.isEmpty, "no French for: \(missing)")
    }

    @Test func datesInLabelsAreWrittenAsDates() {
        let format = StatementFormat(.fr)
        #expect(AnnualText.label("Opening net assets (2024-12-31)", .fr, format) == "Actif net d’ouverture (31 décembre 2024)")
        #expect(AnnualText.label("Cash at the end of the period (2025-12-31)", .en, StatementFormat(.en)) == "Cash at the end of the period (31 December 2025)")
        #expect(AnnualText.label("VALUE USD", .fr, format) == "VALEUR USD")
        // A name from the ledger stays as it is; a sub-account's kind is translated.
        #expect(AnnualText.label("Shelter Org", .fr, format) == "Shelter Org")
        #expect(AnnualText.label("Commitment – G-01 Shelter Org", .fr, format) == "Engagement – G-01 Shelter Org")
        #expect(AnnualText.label("  of which earmarked: Legal aid", .fr, format) == "dont préaffecté : Legal aid")
    }

    @Test func everyPhraseIsWrittenInFrench() {
        let format = StatementFormat(.fr)
        let phrases: [AnnualPhrase] = [
            .accrualBasis, .functionalCurrency(currency: "USD"), .revenueRecognition, .pscRate(percent: "7.5"),
            .operatingReserve(percent: "15"), .writeOffs(limit: "10000.00", currency: "USD"), .grantsExpensed,
            .commitmentsIntro(date: "2025-12-31"), .receivablesIntro(date: "2025-12-31"), .fxIntro,
            .eventsIntro(from: "2026-01-01", to: "2026-01-31", count: 1200), .eventsNone(from: "2026-01-01", to: "2026-01-31"),
            .eventsNonAdjusting, .noPriorYear(start: "2025-01-01"), .check(statement: "cash_flow", holds: true), .budgetNotAvailable,
            .budgetNotApproved(year: "2025"), .budgetBasis,
        ]
        for phrase in phrases {
            let french = AnnualText.phrase(phrase, .fr, format)
            #expect(!french.isEmpty && french != phrase.english)
        }
        #expect(AnnualText.phrase(.pscRate(percent: "7.5"), .fr, format).contains("7,5 %"))
        #expect(AnnualText.phrase(.writeOffs(limit: "10000.00", currency: "USD"), .fr, format).contains("10\u{202F}000,00 USD"))
        #expect(AnnualText.phrase(.eventsIntro(from: "2026-01-01", to: "2026-01-31", count: 1200), .fr, format).hasPrefix("1\u{202F}200 écritures"))
        #expect(AnnualText.phrase(.eventsIntro(from: "2026-01-01", to: "2026-01-31", count: 1), .fr, format).hasPrefix("1 écriture est datée"))
        #expect(AnnualPhrase.eventsIntro(from: "2026-01-01", to: "2026-01-31", count: 1).english.hasPrefix("1 entry is dated"))
        #expect(AnnualText.phrase(.commitmentsIntro(date: "2025-12-31"), .en, StatementFormat(.en)).contains("31 December 2025"))
    }
}
