import CanonicalJSON
public import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore

/// The statement of cash flows (IPSAS 2, direct method) for a period: every posting to 1100
/// (cash, all currencies, at its value in the fund currency) dated in the period, classified by
/// the entry that made it into operating activities, investing activities, or the effect of
/// exchange-rate changes on cash. Opening cash (the day before the period) plus the net change
/// is the closing cash, which is 1100's balance as of the last day.
public struct CashFlowReport {
    /// The sections of the statement, in order.
    public enum Section: String, CaseIterable, Sendable {
        case operating, investing, exchange

        /// The section's heading, e.g. "Cash flows from operating activities".
        public var label: String {
            switch self {
            case .operating: "Cash flows from operating activities"
            case .investing: "Cash flows from investing activities"
            case .exchange: "Effect of exchange-rate changes on cash"
            }
        }

        /// The label of the section's total line.
        public var totalLabel: String {
            switch self {
            case .operating: "Net cash flows from operating activities"
            case .investing: "Net cash flows from investing activities"
            case .exchange: "Effect of exchange-rate changes on cash"
            }
        }
    }

    /// A line of the statement: every cash posting lands in exactly one.
    public enum LineKind: String, CaseIterable, Sendable {
        case contributionsReceived = "contributions_received"
        case refundsToDonors = "refunds_to_donors"
        case grantsPaid = "grants_paid"
        case refundsFromPartners = "refunds_from_partners"
        case pscPaid = "psc_paid"
        case bankCharges = "bank_charges"
        case fundManagement = "fund_management"
        case otherOperating = "other_operating"
        case interestReceived = "interest_received"
        case cashPoolCosts = "cash_pool_costs"
        case exchangeDifferences = "exchange_differences"

        /// The section the line belongs to.
        public var section: Section {
            switch self {
            case .interestReceived, .cashPoolCosts: .investing
            case .exchangeDifferences: .exchange
            default: .operating
            }
        }

        /// The line's label as printed.
        public var label: String {
            switch self {
            case .contributionsReceived: "Contributions received from donors (incl. unidentified receipts)"
            case .refundsToDonors: "Refunds paid to donors"
            case .grantsPaid: "Grants paid to implementing partners"
            case .refundsFromPartners: "Refunds received from implementing partners"
            case .pscPaid: "Programme support costs paid"
            case .bankCharges: "Bank charges paid"
            case .fundManagement: "Fund management costs paid"
            case .otherOperating: "Other operating cash flows"
            case .interestReceived: "Interest received from the cash pool"
            case .cashPoolCosts: "Cash-pool costs paid"
            case .exchangeDifferences: "Revaluation of cash and gains (losses) on currency conversions"
            }
        }
    }

    /// One line of the statement: its kind and the net cash it moved.
    public struct Line: Sendable, Equatable {
        /// Which line it is.
        public let kind: LineKind
        /// Net cash moved in the period, in the fund currency: inflows positive, outflows negative.
        public let value: Amount
    }

    /// The fund and the period.
    public let heading: ReportHeading
    /// Every line, in ``LineKind`` order (zero lines included).
    public let lines: [Line]
    /// Cash (1100) on ``openingDate``, in the fund currency.
    public let opening: Amount
    /// Cash (1100) on the period's last day, in the fund currency.
    public let closing: Amount
    /// The day before the period: the date of the opening cash.
    public let openingDate: LedgerDate
    /// How many cash postings the period holds (each lands in one line).
    public let postings: Int

    /// Σ lines.
    public var netChange: Amount { (try? Money.sum(lines.map(\.value), heading.currency)) ?? .zero(heading.currency) }

    /// Σ lines of one section.
    public func total(_ section: Section) -> Amount {
        (try? Money.sum(lines.filter { $0.kind.section == section }.map(\.value), heading.currency)) ?? .zero(heading.currency)
    }

    /// Whether opening cash + net change = closing cash (1100's balance on the last day).
    public var reconciles: Bool { (try? opening.adding(netChange)) == closing }

    /// Reads the cash postings of the period and the cash balance at both ends.
    public init(_ basis: ReportBasis) throws {
        heading = basis.heading
        guard let before = basis.from.addingChecked(days: -1) else {
            throw ReportError("the statement of cash flows opens on the day before its first day; \(basis.from) has none: give a later --from")
        }
        openingDate = before
        let cash = FundChart.cash
        let (start, end) = try basis.ledger.trialBalances(asOf: before, basis.asOf)
        opening = try BalanceSet(rows: start, currency: basis.currency).debit(under: cash)
        closing = try BalanceSet(rows: end, currency: basis.currency).debit(under: cash)
        // The store sums the cash postings per shape of entry (a million vouchers make a few
        // hundred shapes), each shape is classified once; reversals are read whole.
        let (sums, count) = try Self.lineSums(try basis.ledger.postingShapes(posting: cash, from: basis.from, through: basis.asOf), zero: basis.zero)
        lines = LineKind.allCases.map { Line(kind: $0, value: sums[$0] ?? basis.zero) }
        postings = count
    }

    /// Σ per line and the number of cash postings, from the store's sums per shape and the
    /// reversing entries (classified as the entry at the bottom of their chain).
    static func lineSums(_ shapes: PostingShapes, zero: Amount) throws -> (sums: [LineKind: Amount], count: Int) {
        var sums = Dictionary(uniqueKeysWithValues: LineKind.allCases.map { ($0, zero) })
        var count = 0
        for total in shapes.totals {
            let kind = classify(total.shape)
            sums[kind] = try (sums[kind] ?? zero).adding(total.value)
            count += total.count
        }
        let (reversed, reversedCount) = try lineSums(shapes.reversing, zero: zero)
        for (kind, value) in reversed { sums[kind] = try (sums[kind] ?? zero).adding(value) }
        return (sums, count + reversedCount)
    }

    /// Σ per line and the number of cash postings, each entry read whole and each of its cash
    /// postings classified on its own.
    static func lineSums(_ moving: [MovingEntry], zero: Amount) throws -> (sums: [LineKind: Amount], count: Int) {
        let cash = FundChart.cash
        var sums = Dictionary(uniqueKeysWithValues: LineKind.allCases.map { ($0, zero) })
        var count = 0
        for item in moving {
            for (index, posting) in item.entry.postings.enumerated() where posting.account.isWithin(cash) {
                let kind = classify(item, line: index)
                sums[kind] = try (sums[kind] ?? zero).adding(posting.value)
                count += 1
            }
        }
        return (sums, count)
    }

    /// The line of the cash postings of one shape: that of the posting at its line of an entry of
    /// its kind and accounts.
    static func classify(_ shape: PostingShape) -> LineKind {
        classify(kind: shape.kind, accounts: shape.accounts, line: shape.line, lineIsNegative: shape.isNegative)
    }

    /// The line of the cash posting at `line` of `moving.entry`: a reversal's cash goes where
    /// the cash it undoes went (its postings are that entry's, negated, in the same order).
    static func classify(_ moving: MovingEntry, line: Int) -> LineKind {
        let origin = moving.origin
        let index = origin.postings.count == moving.entry.postings.count ? line : nil
        return classify(origin, line: index)
    }

    /// The line of a cash posting of `entry` (the posting at `line`, when known), by the
    /// entry's kind; approvals and vouchers by the accounts the entry posts against cash.
    static func classify(_ entry: EntryBody, line: Int?) -> LineKind {
        let negative = line.map { entry.postings.indices.contains($0) && entry.postings[$0].value.isNegative } ?? false
        return classify(kind: entry.kind, accounts: entry.postings.map(\.account), line: line, lineIsNegative: negative)
    }

    /// The line of a cash posting of an entry of `kind` posting to `accounts` (in line order):
    /// the posting at `line` (when known), whose value is below zero when `lineIsNegative`.
    static func classify(kind entryKind: EntryKind, accounts: [AccountCode], line: Int?, lineIsNegative: Bool) -> LineKind {
        guard let kind = FundKind(entryKind) else { return byCounterAccounts(accounts) }
        switch kind {
        case .contributionReceive, .contributionUnidentified, .contributionApply: return .contributionsReceived
        case .cashConvert, .fxRevalue: return .exchangeDifferences
        case .grantReport: return .pscPaid
        case .grantRefund: return .refundsFromPartners
        case .interestAllocate:
            guard let line, accounts.indices.contains(line) else { return .interestReceived }
            return lineIsNegative ? .cashPoolCosts : .interestReceived
        case .fundSetup, .donorAdd, .pledgeRecord, .ratesSet, .agreementSign, .agreementRecognise, .approvalRequest,
            .approvalCertify, .approvalApprove, .approvalReject, .grantRecommend, .grantClose, .reserveAdjust, .yearClose,
            .keyDelegate, .grantAccrue, .grantAccrueReverse:
            return byCounterAccounts(accounts, line: line)
        }
    }

    /// The line of an entry the rules do not classify by kind (an approval, a voucher): by the
    /// accounts it posts besides cash, the first of these that it holds.
    static func byCounterAccounts(_ accounts: [AccountCode], line: Int? = nil) -> LineKind {
        // The rules post a secretariat cost as two pairs, 5300/1100 then 5200/1100: the cash line
        // right after the 5300 line pays the cost (the other pays its PSC).
        if let line, line > 0, accounts.indices.contains(line), accounts[line - 1].isWithin(FundChart.secretariat) {
            return .fundManagement
        }
        let others = accounts.filter { !$0.isWithin(FundChart.cash) }
        func has(_ codes: String...) -> Bool {
            codes.contains { code in others.contains { account in (try? AccountCode(code)).map { account.isWithin($0) } ?? false } }
        }
        if has("1300", "5100") { return .grantsPaid }
        if has("1200", "2400") { return .contributionsReceived }
        if has("2300", "4100", "4110", "4120") { return .refundsToDonors }
        if has("4300") { return .refundsFromPartners }
        if has("5200") { return .pscPaid }
        if has("5400") { return .bankCharges }
        if has("5300") { return .fundManagement }
        if has("4200", "1400") { return .interestReceived }
        if has("5500") { return .cashPoolCosts }
        if others.allSatisfy({ $0.isWithin(FundChart.fxGains) || $0.isWithin(FundChart.fxLosses) || $0.isWithin(FundChart.conversion) }) {
            return .exchangeDifferences
        }
        return .otherOperating
    }

    /// The report in the three output formats.
    public var document: ReportDocument {
        let code = heading.currency.code
        let columns = [ReportColumn("SECTION"), ReportColumn("LINE"), ReportColumn(code, amount: true)]
        var table = ReportTable(columns)
        var csv = ReportTable(columns)
        let openingLabel = "Cash at the beginning of the period (\(openingDate))"
        table.add(["", openingLabel, opening.decimalString])
        csv.add(["Cash", openingLabel, opening.decimalString])
        for section in Section.allCases {
            let sectionLines = lines.filter { $0.kind.section == section }
            if section != .exchange {
                for (index, line) in sectionLines.enumerated() {
                    table.add([index == 0 ? section.label : "", line.kind.label, line.value.decimalString])
                    csv.add([section.label, line.kind.label, line.value.decimalString])
                }
            }
            table.add([section == .exchange ? section.label : "", section.totalLabel, total(section).decimalString])
            csv.add([section.label, section.totalLabel, total(section).decimalString])
        }
        let closingLabel = "Cash at the end of the period (\(heading.asOf))"
        table.add(["", "Net increase (decrease) in cash", netChange.decimalString])
        csv.add(["Cash", "Net increase (decrease) in cash", netChange.decimalString])
        table.add(["", closingLabel, closing.decimalString])
        csv.add(["Cash", closingLabel, closing.decimalString])
        let sum = (try? opening.adding(netChange))?.decimalString ?? "overflow"
        let check = reconciles
            ? "Opening cash (\(opening.decimalString)) plus the net change (\(netChange.decimalString)) equals the closing cash (\(closing.decimalString)), 1100's balance as of \(heading.asOf)."
            : "Opening cash plus the net change (\(sum)) DOES NOT equal 1100's balance as of \(heading.asOf) (\(closing.decimalString)): run vtf verify."
        return heading.document("Statement of cash flows", tables: [table], notes: [
            "Direct method: every posting to 1100 and its sub-accounts (\(postings) in the period, all currencies at their \(code) value) is in one line, by the entry that made it; a reversal's in the line of the entry it undoes.",
            check,
        ], csv: csv, json: [
            ("opening_date", .string(openingDate.description)),
            ("opening", .amount(opening)),
            ("sections", .array(Section.allCases.map { section in
                .object(JSONObject([
                    ("key", .string(section.rawValue)), ("label", .string(section.label)),
                    ("lines", .array(lines.filter { $0.kind.section == section }.map { line in
                        .object(JSONObject([("key", .string(line.kind.rawValue)), ("label", .string(line.kind.label)), ("value", .amount(line.value))]))
                    })),
                    ("total", .amount(total(section))),
                ]))
            })),
            ("net_change", .amount(netChange)),
            ("closing", .amount(closing)),
            ("postings", .integer(Int64(postings))),
            ("reconciles", .bool(reconciles)),
        ])
    }
}
