import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
@testable import Statements

/// Hand-built statements for the renderer tests: a donor paying in EUR and USD, with two
/// receipts, an instalment outstanding, a refund and the fund's figures.
enum SampleStatement {
    static let usd = Currency.usd
    static let eur = try! Currency(code: "EUR")

    static func date(_ text: String) -> LedgerDate { try! LedgerDate(parsing: text) }
    static func usd(_ minor: Int64) -> Amount { Amount(minorUnits: minor, currency: usd) }
    static func eur(_ minor: Int64) -> Amount { Amount(minorUnits: minor, currency: eur) }

    static let fund = DonorStatement.Fund(
        name: "United Nations Voluntary Trust Fund for Victims of Trafficking in Persons",
        origin: "unodc.org/unvtf", currency: usd
    )

    static let agreements = [
        DonorStatement.Agreement(
            ref: "AGR-2026-001", date: date("2026-03-01"), amount: eur(100_000_000), value: usd(108_695_652),
            conditional: false, earmark: "Sahel, \"West Africa\"", received: eur(60_000_000),
            writtenOff: eur(0), outstanding: eur(40_000_000),
            instalments: [
                .init(due: date("2026-03-15"), amount: eur(60_000_000), outstanding: eur(0)),
                .init(due: date("2026-06-30"), amount: eur(40_000_000), outstanding: eur(40_000_000)),
            ]
        ),
        DonorStatement.Agreement(
            ref: "AGR-2026-002", date: date("2026-04-10"), amount: usd(25_000_000), value: usd(25_000_000),
            conditional: true, earmark: nil, received: usd(25_000_000), writtenOff: usd(0), outstanding: usd(0),
            instalments: [.init(due: date("2026-05-01"), amount: usd(25_000_000), outstanding: usd(0))]
        ),
    ]

    static let receipts = [
        DonorStatement.Money(
            seq: 23, date: date("2026-05-02"), reference: "AGR-2026-002", amount: usd(25_000_000), rate: nil,
            rateFrom: nil, value: usd(25_000_000), bankRef: "FT26122XQ", entry: "{}", proof: []
        ),
        DonorStatement.Money(
            seq: 17, date: date("2026-03-20"), reference: "AGR-2026-001", amount: eur(60_000_000), rate: "0.92",
            rateFrom: date("2026-03-01"), value: usd(65_217_391), bankRef: "EUR/2026/0320-7", entry: "{}", proof: []
        ),
    ]

    static let refunds = [
        DonorStatement.Money(
            seq: 30, date: date("2026-07-30"), reference: "RFD-2026-001", amount: usd(123_456), rate: nil,
            rateFrom: nil, value: usd(123_456), bankRef: nil, entry: "{}", proof: []
        )
    ]

    static let fundUse = DonorStatement.FundUse(
        grantsCommitted: usd(150_000_000), grantsPaid: usd(90_000_000), grantsSpent: usd(45_000_000),
        psc: usd(11_700_000), fundBalance: usd(234_567_890), reserve: usd(20_000_000), grantsPaidCount: 3
    )

    static let checkpoint = "unodc.org/unvtf\n42\nq83vEjsyqRL3Wy5F5LX2bC+Ol8sEGeFc7Gf6WUfpe9o=\n\n— unodc.org/unvtf AAAA\n"

    /// The donor with everything; audited by `auditors` (none: unaudited).
    static func full(auditedBy auditors: [String] = ["OIOS"], name: String = "Kingdom of Examplia") -> DonorStatement {
        DonorStatement(
            fund: fund, donor: .init(id: "DNR-0042", name: name, type: "member-state", country: "XE"),
            from: date("2026-01-01"), to: date("2026-09-30"), issued: date("2026-10-01"), agreements: agreements,
            pledges: [.init(ref: "PLG-2026-003", date: date("2026-07-30"), amount: usd(10_000_000), value: usd(10_000_000), status: "open")],
            receipts: receipts, refunds: refunds, fundUse: fundUse, checkpoint: checkpoint, checkpointSize: 42,
            auditedBy: auditors.map { AuditorCosignature(holder: $0, keyID: "", witness: "— \($0) AAAA", vkey: "\($0)+00000000+BA==", timestamp: 0) }
        )
    }

    /// A donor with nothing on the statement, unaudited.
    static func empty() -> DonorStatement {
        DonorStatement(
            fund: fund, donor: .init(id: "DNR-0099", name: "Fondation Zéro", type: "foundation", country: nil),
            from: date("2026-01-01"), to: date("2026-03-31"), issued: date("2026-04-01"), agreements: [],
            pledges: [], receipts: [], refunds: [], fundUse: fundUse, checkpoint: checkpoint, checkpointSize: 42,
            auditedBy: []
        )
    }
}
