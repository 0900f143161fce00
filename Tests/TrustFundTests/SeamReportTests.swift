import CanonicalJSON
import LedgerCore
import LedgerStore
import SQLiteStore
import Testing
import TrustFund

/// Issue 13 point 3: the reports read any `StoreSnapshot`. Through the store seam (one
/// `store.read` snapshot) they give the very documents they give over the ledger file itself, for
/// every report, as of the year's end and mid-year, with and without the prior year.
@Suite("Reports through the store seam")
struct SeamReportTests {
    /// A report's canonical JSON, or the refusal it gives.
    static func outcome(_ make: () throws -> JSONValue) -> String {
        do { return try JSONCanonicalizer.canonicalString(try make()) } catch { return "refused: \(error)" }
    }

    /// Every report's outcome over `ledger`.
    static func outcomes(_ ledger: any StoreSnapshot) -> [String] {
        var found: [String] = []
        for asOf in ["2026-06-30", "2026-12-31"].map(TestFund.date) {
            for report in FundReportName.allCases where report != .budget {
                found.append(outcome { try FundReports.document(report, ledger: ledger, asOf: asOf, from: nil).json })
                found.append(outcome { try FundReports.comparative(report, ledger: ledger, asOf: asOf, from: nil).json })
            }
            found.append(outcome { try FundReports.budget(ledger: ledger, year: 2026, asOf: asOf).json })
        }
        found.append(outcome { try AnnualReport(ledger, year: 2026, made: TestFund.date("2027-02-01")).json })
        return found
    }

    @Test func everyReportReadsTheSameThroughTheSeam() async throws {
        let fund = try ReportTests.scenario(close: true)
        let direct = Self.outcomes(fund.file)
        let seam = try await fund.file.store.read { Self.outcomes($0) }
        #expect(seam == direct)
        // Real documents, not refusals that happen to agree.
        let documents = direct.filter { !$0.hasPrefix("refused") }
        #expect(documents.count >= FundReportName.allCases.count * 2)
        #expect(documents.contains { $0.contains("170756.37") } || documents.contains { $0.contains("\"2026-12-31\"") })
    }
}
