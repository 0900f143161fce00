import Foundation
import LedgerCrypto

/// A seeded property fuzz over the arguments of every write command, run in process: each case
/// must either be refused with exit 2 and leave the ledger byte-identical, or record entries that
/// `vtf verify` accepts. The ledger is verified every ``verifyEvery`` cases, then put back to its
/// starting state so it stays small.
public final class WriteFuzz {
    /// What a run found.
    public struct Report: Sendable {
        /// Cases run.
        public var cases = 0
        /// Recorded (exit 0); the next verification checks them.
        public var accepted = 0
        /// Refused with exit 2 and the ledger byte-identical.
        public var refused = 0
        /// Refused, but the ledger changed (must stay empty).
        public var refusedButChanged: [String] = []
        /// Exit statuses other than 0 and 2 (must stay empty).
        public var unexpected: [String] = []
        /// Times `vtf verify` ran on the ledger.
        public var verifyRuns = 0
        /// Verifications that failed (must stay empty).
        public var verifyFailures: [String] = []
        /// Wall-clock time of the run, in seconds (for the report only; nothing is timed against it).
        public var seconds = 0.0

        /// Whether every case held the property.
        public var passed: Bool { refusedButChanged.isEmpty && unexpected.isEmpty && verifyFailures.isEmpty }
    }

    /// How many cases run between two verifications (and resets).
    public let verifyEvery: Int
    let folder: String
    var ledger: String { folder + "/work/fund.ledger" }

    /// Builds a fund ledger in `folder` (emptied first) with the CLI, in process.
    public init(folder: String, verifyEvery: Int = 100) async throws {
        self.folder = folder
        self.verifyEvery = max(1, verifyEvery)
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder + "/template", withIntermediateDirectories: true)
        try await WriteFuzzLedger.build(in: folder + "/template")
        try reset()
    }

    func key(_ name: String) -> String { folder + "/template/\(name).pem" }

    /// The key id of the template's auditor key (nadia), which `key revoke` may revoke.
    lazy var revocableKeyID: String = (try? KeyFile.readPublicKey(at: key("nadia") + ".pub").keyID) ?? ""

    /// Puts the working ledger back to the template.
    func reset() throws {
        let work = folder + "/work"
        try? FileManager.default.removeItem(atPath: work)
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: folder + "/template/fund.ledger" + suffix) {
            try FileManager.default.copyItem(atPath: folder + "/template/fund.ledger" + suffix, toPath: ledger + suffix)
        }
    }

    /// The arguments of case `number` of the run seeded `seed` (the same on every run).
    public func arguments(case number: Int, seed: UInt64) -> [String] {
        var random = FuzzRandom(seed: seed, case: number)
        let command = random.pick(FuzzCommand.all)
        let hostile = random.chance(50)
        let keys = folder + "/template"
        let keyID = revocableKeyID
        func value(_ kind: FuzzValue) -> String {
            FuzzValues.value(kind, &random, number: number, hostile: hostile, keys: keys, keyID: keyID)
        }
        var arguments = command.words
        for kind in command.positional where !random.chance(hostile ? 5 : 1) {
            arguments.append(value(kind))
        }
        for (flag, kind) in command.options {
            if random.chance(hostile ? 12 : 1) { continue }
            if kind == .flag {
                if random.chance(30) { arguments.append(flag) }
                continue
            }
            if flag == "--posting" {
                let amount = value(.amount)
                arguments += ["--posting", "1100:\(amount)", "--posting", "5400:-\(amount)"]
                continue
            }
            let text = value(kind)
            arguments += random.chance(10) ? ["\(flag)=\(text)"] : [flag, text]
        }
        if hostile, random.chance(6) { arguments.append(random.pick(["--bogus", "-x", "--memo", "--", "--amount"])) }
        let signer = hostile && random.chance(10) ? random.pick(["admin", "maria", "chen", "amara", "peter"]) : command.signer
        return arguments + ["--ledger", ledger, "--key", key(signer)]
    }

    /// Runs cases `range` of the run seeded `seed`. `starting(number, arguments)` is called before
    /// each case and `finished(number, outcome)` after it (for logs that survive a crash).
    public func run(
        _ range: Range<Int>, seed: UInt64, starting: (Int, [String]) -> Void = { _, _ in },
        finished: (Int, String) -> Void = { _, _ in }
    ) async throws -> Report {
        var report = Report()
        let started = Date()
        for number in range {
            let arguments = arguments(case: number, seed: seed)
            starting(number, arguments)
            let before = try fingerprint()
            let status = await CommandRunner.execute(arguments: arguments)
            let outcome: String
            switch status {
            case 0:
                report.accepted += 1
                outcome = "accepted"
            case 2:
                if try fingerprint() == before {
                    report.refused += 1
                    outcome = "refused"
                } else {
                    report.refusedButChanged.append("case \(number): \(arguments)")
                    outcome = "refused-but-changed"
                }
            default:
                report.unexpected.append("case \(number): exit \(status): \(arguments)")
                outcome = "exit-\(status)"
            }
            report.cases += 1
            finished(number, outcome)
            if report.cases % verifyEvery == 0 || number == range.upperBound - 1 {
                finished(number, try await verify(&report, after: number) ? "verified" : "verify-failed")
            }
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// `vtf verify` on the working ledger, then a reset.
    func verify(_ report: inout Report, after number: Int) async throws -> Bool {
        report.verifyRuns += 1
        let status = await CommandRunner.execute(arguments: ["verify", "--ledger", ledger])
        if status != 0 { report.verifyFailures.append("after case \(number): verify exit \(status)") }
        try reset()
        return status == 0
    }

    /// SHA-256 of the ledger file and its WAL.
    func fingerprint() throws -> String {
        var bytes: [UInt8] = []
        for suffix in ["", "-wal"] {
            if let data = FileManager.default.contents(atPath: ledger + suffix) { bytes += [UInt8](data) }
            bytes += Array("|".utf8)
        }
        return SHA256.hash(bytes).hex
    }
}

/// The fund ledger every case starts from: made like the CLI tests' fund ledger, plus a grant
/// awarded, certified and approved, and a key (peter) not yet registered.
enum WriteFuzzLedger {
    static func build(in folder: String) async throws {
        let ledger = folder + "/fund.ledger"
        func key(_ name: String) -> String { folder + "/\(name).pem" }
        func run(_ arguments: [String], as signer: String = "maria") async throws {
            let status = await CommandRunner.execute(arguments: arguments + ["--ledger", ledger, "--key", key(signer)])
            guard status == 0 else { throw InputError("fuzz setup failed (exit \(status)): vtf \(arguments.joined(separator: " "))") }
        }
        for name in ["admin", "log", "maria", "chen", "amara", "peter", "nadia"] {
            guard await CommandRunner.execute(arguments: ["key", "generate", "--out", key(name), "--name", name]) == 0 else {
                throw InputError("fuzz setup: cannot generate key \(name)")
            }
        }
        guard await CommandRunner.execute(arguments: [
            "init", "--ledger", ledger, "--origin", "fuzz.example/unvtf", "--fund-name", "Fuzz Fund", "--template", "unvtf",
            "--planned-expenditure", "100000.00", "--admin-key", key("admin"), "--log-key", key("log"), "--date", "2026-01-01",
        ]) == 0 else { throw InputError("fuzz setup: vtf init failed") }
        for (name, role) in [("maria", "fund-manager"), ("chen", "certifying-officer"), ("amara", "approving-officer")] {
            try await run(["key", "register", "--public-key", key(name) + ".pub", "--holder", name, "--role", role, "--date", "2026-01-01"], as: "admin")
        }
        // A currency's first rate is confirmed by two people.
        try await run(["rates", "set", "--month", "2026-01", "EUR=0.8000", "--request", "--ref", "FX-FIRST"])
        try await run(["certify", "FX-FIRST"], as: "chen")
        try await run(["approve", "FX-FIRST"], as: "amara")
        try await run(["donor", "add", "BEL", "--name", "Belgium", "--type", "member-state", "--country", "BE", "--date", "2026-01-05"])
        try await run(["agreement", "sign", "--donor", "BEL", "--amount", "100000.00", "--currency", "EUR", "--date", "2026-01-10", "--ref", "AGR-BEL-1"])
        try await run(["receive", "--agreement", "AGR-BEL-1", "--amount", "50000.00", "--currency", "EUR", "--date", "2026-01-20", "--bank-ref", "B-1"])
        try await run(["cash", "convert", "--amount", "30000.00", "--currency", "EUR", "--date", "2026-01-25", "--ref", "TRY-1"])
        try await run(["pledge", "--donor", "BEL", "--amount", "20000.00", "--currency", "EUR", "--date", "2026-01-21", "--ref", "PL-1"])
        try await run(["grant", "award", "--grantee", "SHELTER", "--grantee-name", "Shelter", "--amount", "20000.00", "--date", "2026-02-01",
                 "--ref", "G-1", "--tranches", "12000.00,8000.00"])
        try await run(["certify", "G-1"], as: "chen")
        try await run(["approve", "G-1"], as: "amara")
        try await run(["grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-02-02", "--ref", "PAY-1"])
        try await run(["certify", "PAY-1"], as: "chen")
        try await run(["approve", "PAY-1"], as: "amara")
        // Something for every command to act on: requests waiting at each step, a conditional
        // agreement, a receipt in suspense, a key that may be revoked.
        try await run(["agreement", "sign", "--donor", "BEL", "--amount", "1000.00", "--currency", "EUR", "--date", "2026-01-26",
                 "--ref", "AGR-C", "--conditional"])
        try await run(["receive", "--unidentified", "--amount", "100.00", "--currency", "EUR", "--date", "2026-01-27", "--bank-ref", "U-1"])
        try await run(["donor", "refund", "BEL", "--amount", "10.00", "--currency", "EUR", "--date", "2026-01-28", "--ref", "RFD-W"])
        try await run(["receivable", "write-off", "--agreement", "AGR-BEL-1", "--amount", "10.00", "--date", "2026-01-28", "--ref", "WO-W"])
        try await run(["certify", "WO-W"], as: "chen")
        try await run(["key", "register", "--public-key", key("nadia") + ".pub", "--holder", "nadia", "--role", "auditor", "--date", "2026-01-01"],
                as: "admin")
    }
}
