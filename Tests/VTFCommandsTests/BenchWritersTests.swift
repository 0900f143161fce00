import Foundation
import Testing

/// `vtf bench-writers` (Scripts/bench's writers on their own connections): it posts, reports
/// what it measured, and the chain it leaves verifies with exactly the posts it counted.
@Suite("bench-writers")
struct BenchWritersTests {
    @Test("three writers for a second: the entries it counts are the journal's growth, and it verifies")
    func writersLeaveOneChain() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let before = try ledger.vtf(["verify"], as: nil)
        let entriesBefore = try #require(Self.entries(before.stdout))
        let result = try ledger.vtf([
            "bench-writers", "--log-key", ledger.key("log"), "--writers", "3", "--seconds", "1", "--debit", "1100", "--credit", "4100",
            "--date", "2026-03-01",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let line = result.stdout
        #expect(line.contains("3 writers") && line.contains("latency p50") && line.contains("one chain, no gap, no duplicate"), "\(line)")
        let counted = try #require(line.firstMatch(of: /: (\d+) entries,/).map { Int($0.1) ?? -1 })
        #expect(counted > 0)
        let after = try ledger.vtf(["verify"], as: nil)
        #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
        #expect(Self.entries(after.stdout) == entriesBefore + counted)
    }

    @Test("a writer count out of range is refused and nothing is written")
    func badCountRefused() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let bytes = try ledger.fileBytes()
        let result = try ledger.vtf(["bench-writers", "--log-key", ledger.key("log"), "--writers", "0", "--debit", "1100", "--credit", "4100"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--writers is 1 to 64"), "\(result.stderr)")
        #expect(try ledger.fileBytes() == bytes)
    }

    static func entries(_ verifyOutput: String) -> Int? {
        verifyOutput.firstMatch(of: /ok: (\d+) entries/).flatMap { Int($0.1) }
    }
}
