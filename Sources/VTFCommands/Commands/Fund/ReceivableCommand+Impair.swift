import ArgumentParser
import CanonicalJSON
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import TrustFund

extension ReceivableCommand {
    struct Impair: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "impair",
            abstract: "Request an allowance for a doubtful receivable (two-person approval): Dr 5600, Cr 1210.DONOR.",
            discussion: """
                The receivable stays owed; the allowance (1210.DONOR) is posted at approval, in the agreement's \
                currency, at the carrying value of that part of 1200.DONOR. A later write-off takes the allowance \
                first; an approved reversal (vtf reverse) undoes it. Refused for what a conditional agreement still \
                holds as deferred revenue (2200: no revenue to impair; write it off instead) and above what is \
                outstanding less the allowance already held for the agreement. The request keeps the agreement's \
                ageing on its date (not due, 0-90, 91-180, 181-365, over 365 days past due), which the certifying \
                officer sees in vtf pending.
                Example:  vtf receivable impair AGR-XYZ-2024 --amount 2500.00 --date 2026-12-31
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The agreement.") var agreement: String
        @Option(help: "The amount, in the agreement's currency.") var amount: String
        @Option(help: "The accounting date (default: today).") var date: String?
        @Option(help: "The request's REF (default: a new IMP-YEAR-NNNN).") var ref: String?
        @Option(help: "Why.") var memo: String?

        func run() async throws {
            let (ledger, settings) = try await global.openWritingFund()
            let day = try parseDate(date)
            let money = try FundInput.positive(amount, currency: try await StoreRecords.agreementCurrency(agreement, in: ledger))
            let draft = FundDrafts.impairmentRequest(agreement: agreement, amount: money, date: day, ref: ref, memo: memo)
            let entry = try await global.recordRequest(draft, in: ledger, settings: settings, "an impairment of \(money) of agreement \(agreement)")
            if let recorded = entry.body.ref, let request = try await StoreRecords.request(recorded, in: ledger) {
                print("ageing basis: \(Self.ageing(request, currency: money.currency.code))")
            }
        }

        /// `as of D: not due X, 0-90 X, 91-180 X, 181-365 X, >365 X CUR` from a request record.
        static func ageing(_ request: RequestRecord, currency: String) -> String {
            let ageing = request.ageing ?? [:]
            let titles = ["not due", "0-90", "91-180", "181-365", ">365"]
            let parts = zip(titles, ReceivableAgeing.buckets).map { "\($0) \(ageing[$1]?.stringValue ?? "?")" }
            return "as of \(ageing["as_of"]?.stringValue ?? "?"): " + parts.joined(separator: ", ") + " \(currency)"
        }
    }
}
