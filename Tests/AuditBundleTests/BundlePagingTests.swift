import AuditBundle
@testable import AuditFixtures
import Foundation
import SQLiteStore
import Testing
import TransparencyLog

/// The export reads the journal and the checkpoints a page at a time through the store seam: the
/// page size changes nothing in the bundle.
@Suite("Audit export through the store seam")
struct BundlePagingTests {
    @Test func thePageSizeChangesNothing() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-paging-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let ledger = try GoldenLedger.build(at: work + "/golden.ledger")
        var digests: [[String]] = []
        for pageSize: UInt64 in [1, 5, 4096] {
            let folder = work + "/bundle-\(pageSize)"
            let summary = try await BundleExport.export(ledger.store, to: folder, pageSize: pageSize)
            #expect(summary.entryCount == 18)
            let files = try BundleFiles.list(folder)
            digests.append(try files.map { "\($0) \(try BundleFiles.sha256(folder + "/" + $0))" })
            let vkey = NoteVerifier.ed25519VerifierKey(name: AuditFixtures.origin, publicKey: AuditFixtures.log.publicKey)
            #expect(try BundleVerify.verify(folder, vkey: vkey).entryCount == 18)
        }
        #expect(digests[0] == digests[2] && digests[1] == digests[2])
    }
}
