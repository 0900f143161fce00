import CanonicalJSON
public import LedgerCore
import LedgerJournal
public import TrustFundRules
import TransparencyLog
import LedgerStore

/// Every grant awarded on or before the date: grantee, the award (requested, certified and
/// approved, by whom), and from the postings up to the date: paid, spent, programme support
/// costs, refunded (from ``GrantPositions``, reversals netted), the open commitment
/// (9200.GRANT) and the advance outstanding (1300.GRANT).
public struct GrantsReport {
    /// One grant as of the date.
    public struct Line: Sendable, Equatable {
        /// The grant's id.
        public let grant: String
        /// The grantee's id.
        public let grantee: String
        /// The grantee's name.
        public let granteeName: String
        /// The awarded amount, in the fund currency.
        public let amount: Amount
        /// The date of the award request ("" when there is none).
        public let requested: String
        /// Who made the award request ("" when there is none).
        public let requester: String
        /// The date of the certification entry, and the certifying officer ("" when none).
        public let certified: String
        /// Who certified the request ("" when none did).
        public let certifier: String
        /// The date the award was approved.
        public let approved: String
        /// Who approved the award ("" when unknown).
        public let approver: String
        /// Money paid to the grantee up to the date, reversals netted.
        public let paid: Amount
        /// Spending reported (5100) up to the date, refunds of it taken off.
        public let spent: Amount
        /// Programme support costs charged (5200) on the grant up to the date.
        public let psc: Amount
        /// Money the grantee gave back up to the date.
        public let refunded: Amount
        /// The open commitment: 9200.GRANT's debit balance on the date.
        public let commitment: Amount
        /// The advance outstanding: 1300.GRANT's debit balance on the date.
        public let advance: Amount
        /// `open`, or `closed` when it was closed on or before the date.
        public let status: GrantStatus
    }

    /// The fund and the date.
    public let heading: ReportHeading
    /// One line per grant awarded on or before the date, by id.
    public let lines: [Line]
    /// Σ of each amount column: amount, paid, spent, psc, refunded, commitment, advance.
    public let totals: [String: Amount]

    static let amountColumns = ["amount", "paid", "spent", "psc", "refunded", "commitment", "advance"]

    /// Reads the grant and request records and the postings dated up to the basis's date.
    public init(_ basis: ReportBasis) throws {
        heading = basis.heading
        let asOf = basis.asOf
        let balances = BalanceSet(rows: try basis.ledger.trialBalance(asOf: asOf), currency: basis.currency)
        let positions = try GrantPositions(basis.ledger, currency: basis.currency).positions(through: asOf)
        lines = try basis.ledger.grantRecords().filter { $0.awarded <= asOf }.map { record in
            let request = try basis.ledger.requestRecord(record.id)
            let certified = try request?.certifiedSeq.flatMap { try basis.ledger.entry(at: $0)?.body.date.description } ?? ""
            let position = positions[record.id] ?? GrantPosition(basis.currency)
            return Line(
                grant: record.id, grantee: record.grantee, granteeName: record.granteeName,
                amount: try Money.parse(.string(record.amount), basis.currency),
                requested: request?.date.description ?? "", requester: request?.requester ?? "",
                certified: certified <= asOf.description ? certified : "", certifier: request?.certifier ?? "",
                approved: record.awarded.description, approver: request?.approver ?? "",
                paid: position.paid, spent: position.spent, psc: position.psc, refunded: position.refunded,
                commitment: try balances.debit(under: try FundChart.commitments.sub(record.id)),
                advance: try balances.debit(under: try FundChart.advances.sub(record.id)),
                status: record.closed.map { $0 <= asOf } == true ? .closed : .open)
        }
        var totals: [String: Amount] = [:]
        for column in Self.amountColumns {
            totals[column] = try Money.sum(lines.map { $0.value(column) }, basis.currency)
        }
        self.totals = totals
    }

    /// The report in the three output formats.
    public var document: ReportDocument {
        let amounts = ["AMOUNT", "PAID", "SPENT", "PSC", "REFUNDED", "COMMITMENT", "ADVANCE"].map { ReportColumn($0, amount: true) }
        var table = ReportTable(
            [ReportColumn("GRANT"), ReportColumn("GRANTEE"), ReportColumn("CERTIFIED"), ReportColumn("APPROVED")] + amounts + [ReportColumn("STATUS")])
        var csv = ReportTable(
            ["grant", "grantee", "grantee_name", "requested", "requester", "certified", "certifier", "approved", "approver"].map { ReportColumn($0) }
                + Self.amountColumns.map { ReportColumn($0, amount: true) } + [ReportColumn("status")])
        for line in lines {
            let values = Self.amountColumns.map { line.value($0).decimalString }
            table.add([line.grant, line.granteeName, line.certified, line.approved] + values + [line.status.rawValue])
            csv.add([line.grant, line.grantee, line.granteeName, line.requested, line.requester, line.certified, line.certifier,
                     line.approved, line.approver] + values + [line.status.rawValue])
        }
        table.add(["total", lines.count == 1 ? "1 grant" : "\(lines.count) grants", "", ""] + Self.amountColumns.map { totals[$0]?.decimalString ?? "" } + [""])
        let notes = [
            "Paid, spent, PSC and refunded count entries dated on or before \(heading.asOf), less the reversals of them dated so; commitment is the balance of 9200.GRANT, advance of 1300.GRANT.",
        ]
        return heading.document("Grants", tables: [table], notes: notes, csv: csv, json: [
            ("grants", .array(lines.map(Self.json))),
            ("totals", .object(JSONObject(Self.amountColumns.map { ($0, .amount(totals[$0] ?? .zero(heading.currency))) }))),
        ])
    }

    static func json(_ line: Line) -> JSONValue {
        func text(_ value: String) -> JSONValue { value.isEmpty ? .null : .string(value) }
        let members: [(String, JSONValue)] = [
            ("grant", .string(line.grant)), ("grantee", .string(line.grantee)), ("grantee_name", .string(line.granteeName)),
            ("requested", text(line.requested)), ("requester", text(line.requester)),
            ("certified", text(line.certified)), ("certifier", text(line.certifier)),
            ("approved", text(line.approved)), ("approver", text(line.approver)), ("status", .string(line.status.rawValue)),
        ]
        return .object(JSONObject(members + amountColumns.map { ($0, .amount(line.value($0))) }))
    }
}

extension GrantsReport.Line {
    /// The amount column `name` (one of ``GrantsReport/amountColumns``).
    func value(_ name: String) -> Amount {
        switch name {
        case "amount": amount
        case "paid": paid
        case "spent": spent
        case "psc": psc
        case "refunded": refunded
        case "commitment": commitment
        default: advance
        }
    }
}
