import Foundation
import LedgerStore
import Synchronization
import Testing

/// `LedgerReading.verify(threads:progress:)`: the same replay as `verify(threads:)`, telling its
/// progress as it goes (what `vtf verify` shows on a terminal).
@Suite("Store conformance: verify with progress")
struct VerifyProgressConformanceTests {
    @Test("verify reports its progress, up to the journal's size, and finds what verify finds", arguments: StoreFactories.all)
    func verifyReportsProgress(factory: any StoreFactory) async throws {
        let made = try await ConformanceLedger.start(factory)
        defer { made.remove() }
        let store = made.store
        _ = try await store.appendBulk(
            { DraftList(drafts: (0..<40).map { ConformanceLedger.voucher(Int64($0 + 1), ref: "P-\($0)") }) },
            keys: ConformanceLedger.aliceKeys, batchSize: 10, threads: 2, progress: nil)
        let seen = Mutex<[UInt64]>([])
        let verified = try await store.verify(threads: 2, progress: { count in seen.withLock { $0.append(count) } })
        let plain = try await store.verify(threads: 2)
        #expect(verified.entryCount == 44 && verified.differences.isEmpty)
        #expect(verified.entryCount == plain.entryCount && verified.root == plain.root)
        let counts = seen.withLock { $0 }
        #expect(!counts.isEmpty)
        #expect(counts.allSatisfy { $0 <= verified.entryCount }, "\(counts)")
        #expect(counts.max() == verified.entryCount, "\(counts)")
    }
}
