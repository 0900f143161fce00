import Foundation
import Testing
@testable import VTFCommands
import TrustFundRules
import TransparencyLog

/// The write fuzz in the suite: 2,000 seeded cases over every write command's arguments, run in
/// process. Each is refused with exit 2 and the ledger byte-identical, or recorded; the ledger
/// is verified every 100 cases. (Scripts/fuzz-writes runs the same cases by the 100,000.)
@Suite("Write fuzz", .serialized)
struct WriteFuzzTests {
    @Test func everyCaseIsRefusedCleanlyOrVerifies() async throws {
        let folder = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = try await Self.quietly {
            let fuzz = try await WriteFuzz(folder: folder, verifyEvery: 100)
            return try await fuzz.run(0..<2000, seed: 20_261_202)
        }
        #expect(report.cases == 2000)
        #expect(report.refusedButChanged.isEmpty, "\(report.refusedButChanged.prefix(5))")
        #expect(report.unexpected.isEmpty, "\(report.unexpected.prefix(5))")
        #expect(report.verifyFailures.isEmpty, "\(report.verifyFailures.prefix(5))")
        #expect(report.verifyRuns == 20)
        // Both outcomes are common, so the property is tested on both sides.
        #expect(report.accepted > 100 && report.refused > 100, "accepted \(report.accepted), refused \(report.refused)")
    }

    @Test func casesAreTheSameForASeed() async throws {
        let folder = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fuzz = try await Self.quietly { try await WriteFuzz(folder: folder) }
        #expect(fuzz.arguments(case: 17, seed: 5) == fuzz.arguments(case: 17, seed: 5))
        #expect(fuzz.arguments(case: 17, seed: 5) != fuzz.arguments(case: 18, seed: 5))
    }

    /// Runs `body` with standard output and error sent to /dev/null (the commands print a line
    /// per case), then puts them back. Not reentrant: the suite is serialized so that two tests
    /// never swap the descriptors at once.
    static func quietly<T>(_ body: () async throws -> T) async throws -> T {
        fflush(nil)
        let out = dup(STDOUT_FILENO)
        let err = dup(STDERR_FILENO)
        let null = open("/dev/null", O_WRONLY)
        dup2(null, STDOUT_FILENO)
        dup2(null, STDERR_FILENO)
        defer {
            fflush(nil)
            dup2(out, STDOUT_FILENO)
            dup2(err, STDERR_FILENO)
            close(out)
            close(err)
            close(null)
        }
        return try await body()
    }
}
