import ArgumentParser
import Foundation
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import TrustFund

/// `vtf certify REF`, `vtf approve REF`, `vtf reject REF`: the officers' decisions.
struct DecisionCommand {
    static func run(_ kind: EntryKind, ref: String, reason: String?, global: GlobalOptions) async throws {
        let (ledger, settings) = try await global.openWritingFund()
        guard let request = try await StoreRecords.request(ref, in: ledger) else {
            throw InputError("there is no request \(ref); vtf pending lists the requests that wait")
        }
        let date = request.date
        let action = request.action
        if kind == .approvalApprove, action == "year.close" {
            try await approveClose(request, date: date, ledger: ledger, settings: settings, global: global)
            return
        }
        let entry = try await global.record(FundDrafts.decision(kind, request: ref, date: date, reason: reason), in: ledger)
        switch kind {
        case .approvalCertify:
            let confirmed = switch action {
            case "year.close": "the year has ended, the year before is closed and nothing dated in it waits"
            case BudgetRules.action: "the budget's year is open and no other budget of it takes effect that day"
            case "receivable.impair": "the amount is outstanding, revenue already recognised and not yet covered by the allowance"
            case "receivable.write-off": "the amount is outstanding and within the write-off limit"
            case "setting.change": "the change is well formed and takes effect on or after its request's date (no funds are involved)"
            case "voucher", "reversal": "the cash it takes out is held (less payments certified and not yet approved)"
            case "bank.charges": "the account exists (its cash is checked when the charges post)"
            case "rates.set": "the rates are well formed and not yet recorded; check each against the UN Treasury's table"
            default: "funds are available"
            }
            print("certified \(ref) (\(action)): \(confirmed)\n  entry \(entry.body.seq)")
            Terminal.note("next: an approving officer (another person) runs  vtf approve \(ref)")
        case .approvalApprove:
            let done = switch action {
            case BudgetRules.action: "the budget is recorded (nothing is posted); vtf budget list shows it"
            case "rates.set": "the rates are recorded (nothing is posted); vtf rates list shows them"
            default: "it is posted now"
            }
            FundOutput.recorded(entry, "approved \(ref) (\(action)); \(done)", settings: settings)
        default:
            print("rejected \(ref) (\(action))\n  entry \(entry.body.seq)")
        }
    }
}

extension DecisionCommand {
    /// The approval of a year-end close is the `year.close` entry itself, signed by the approving officer.
    static func approveClose(_ request: RequestRecord, date: LedgerDate, ledger: any LedgerWriting, settings: LedgerSettings, global: GlobalOptions) async throws {
        guard let year = request.params["year"]?.integerValue, let number = Int(exactly: year) else {
            throw InputError("request \(request.ref) names no year to close")
        }
        // The year's balances are sealed as of 31 December twice: before the closing postings
        // move revenue and expenses to net assets (the year's flows: what it earned and spent),
        // and after them (the next year's opening balances), so that both years' figures are proven.
        let yearEnd = try LedgerDate(year: number, month: 12, day: 31)
        let sealDate = max(date, yearEnd)
        let entries = try await global.record([
            .balancesSeal(asOf: yearEnd, date: sealDate, memo: "Balances of \(year), sealed at its close"),
            FundDrafts.yearClose(year: number, request: request.ref, date: date),
            .balancesSeal(asOf: yearEnd, date: sealDate, memo: "Balances of \(year) after its close: the opening balances of \(number + 1)"),
        ], in: ledger)
        guard entries.count == 3 else { preconditionFailure("three drafts append three entries") }
        let entry = entries[1]
        FundOutput.recorded(
            entry, "approved \(request.ref): \(year) is closed (requested by \(request.requester), certified by \(request.certifier ?? "?")); entries dated \(year) or earlier are refused from now on",
            settings: settings)
    }
}

struct CertifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certify",
        abstract: "Certify a request: funds are available (certifying officer, UN FRR rule 105.5).",
        discussion: """
            You may not certify your own request. A grant award is certified only when it fits the \
            available funds: cash + receivables − the operating reserve − open commitments (approved \
            grants not yet paid, and awards already certified). A payment needs the cash.

            Example:  vtf certify G-2026-07 --key chen.pem
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Argument(help: "The request's REF.") var ref: String

    func run() async throws { try await DecisionCommand.run(.approvalCertify, ref: ref, reason: nil, global: global) }
}

struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve a certified request; it posts now (approving officer, UN FRR rule 105.6).",
        discussion: """
            The approving officer must be another person than the requester and the certifier (the \
            keys' holders are compared, not just the keys). The approval carries the request's date.

            Example:  vtf approve G-2026-07 --key amara.pem
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Argument(help: "The request's REF.") var ref: String

    func run() async throws { try await DecisionCommand.run(.approvalApprove, ref: ref, reason: nil, global: global) }
}

struct RejectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Decline a waiting request (certifying or approving officer).",
        discussion: """
            Example:
              vtf reject PAY-2026-0003 --reason "Report not yet accepted" --key chen.pem
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Argument(help: "The request's REF.") var ref: String
    @Option(help: "Why, for the requester and the auditors.") var reason: String

    func run() async throws { try await DecisionCommand.run(.approvalReject, ref: ref, reason: reason, global: global) }
}

struct PendingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pending",
        abstract: "What waits for certification or approval, and for whom.",
        discussion: "Add --all to see decided requests too.")
    @OptionGroup var global: LedgerOptions
    @OptionGroup var output: FormatOption
    @Flag(help: "Also list decided requests: approved, rejected, reversed.") var all = false

    func run() async throws {
        let ledger = try await global.openReading()
        let requests = try await StoreRecords.requests(in: ledger)
        if output.isJSON { return try JSONOutput.document(Self.json(requests, all: all)) }
        var table = TextTable([
            ("REF", .left), ("ACTION", .left), ("DATE", .left), ("WHAT", .left), ("REQUESTED BY", .left), ("STATUS", .left),
            ("WAITS FOR", .left),
        ])
        var waiting = 0
        for request in requests {
            if request.status.isOpen { waiting += 1 }
            guard request.status.isOpen || all else { continue }
            let requester = request.requester
            let waitsFor: String
            switch request.status {
            case .requested: waitsFor = "a certifying officer other than \(requester)"
            case .certified: waitsFor = "an approving officer other than \(requester) and \(request.certifier ?? "")"
            case .approved, .rejected, .reversed: waitsFor = "-"
            }
            table.add([request.ref, request.action, request.date.description, Self.summary(request), requester, request.status.rawValue, waitsFor])
        }
        if table.rows.isEmpty {
            print("nothing waits for certification or approval")
        } else {
            print(table.render(), terminator: "")
            print("\(waiting) waiting")
        }
    }

    static func summary(_ request: RequestRecord) -> String {
        let params = request.params
        let text = { (name: String) in params[name]?.stringValue ?? "" }
        switch request.action {
        case "grant.award": return "USD \(text("amount")) to \(text("grantee_name"))"
        case "year.close": return "close \(params["year"]?.integerValue ?? 0)"
        case BudgetRules.action: return "budget \(params["year"]?.integerValue ?? 0) from \(text("from")): grants \(text("grants")), secretariat \(text("secretariat")), PSC \(text("psc"))"
        case "grant.disburse": return "tranche \(params["tranche"]?.integerValue ?? 0) of \(text("grant")): USD \(text("amount"))"
        case "receivable.write-off": return "write off \(text("amount")) of \(text("agreement"))"
        case "receivable.impair":
            return "impair \(text("amount")) of \(text("agreement")); ageing \(ReceivableCommand.Impair.ageing(request, currency: ""))"
        case "donor.refund": return "\(text("currency")) \(text("amount")) to \(text("donor"))"
        case "setting.change": return "\(text("name")) = \(text("value")) from \(text("from"))"
        case "voucher": return "\(params["postings"]?.arrayValue?.count ?? 0) postings"
        case "bank.charges": return "bank charges \(text("currency")) \(text("amount")) on \(text("account"))"
        case "reversal": return "reverse entry \(params["reverses"]?.integerValue ?? -1)"
        default: return ""
        }
    }
}
