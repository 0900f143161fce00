import Foundation
import GRDB
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import Testing

/// Checkpoints, proofs, witness cosigning and audit bundles, through the command line.
@Suite("Verifiable history")
struct HistoryTests {
    /// A ledger with 16 entries (10 from the template, 6 vouchers).
    func ledger() throws -> TestLedger {
        let ledger = try TestLedger()
        for index in 1...6 { try requireOK(ledger.post(["1100:\(index).00", "4100:-\(index).00"], ref: "H-\(index)")) }
        return ledger
    }

    func write(_ text: String, _ name: String, in ledger: TestLedger) throws -> String {
        let path = ledger.dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func checkpointAndVerifierKey() throws {
        let ledger = try ledger()
        defer { ledger.remove() }
        let note = try ledger.vtf(["checkpoint"]).stdout
        #expect(note.hasPrefix("test.example/vtf\n16\n"))
        #expect(note.contains("\n\n— test.example/vtf "))
        #expect(try ledger.vtf(["checkpoint", "--size", "11"]).stdout.hasPrefix("test.example/vtf\n11\n"))
        #expect(try ledger.vtf(["checkpoint", "--size", "99"]).status == 2)
        let vkey = try ledger.vtf(["log", "vkey"]).stdout
        #expect(vkey.wholeMatch(of: /test\.example\/vtf\+[0-9a-f]{8}\+[A-Za-z0-9+\/]{44}\n/) != nil, "\(vkey)")
    }

    @Test func everyEntryHasAnInclusionProofThatChecksOffline() throws {
        let ledger = try ledger()
        defer { ledger.remove() }
        let vkey = try ledger.vtf(["log", "vkey"]).stdout.trimmingCharacters(in: .newlines)
        let checkpoint = try write(try ledger.vtf(["checkpoint"]).stdout, "cp.note", in: ledger)
        let lines = try ledger.vtf(["journal", "export"]).stdout.split(separator: "\n").map(String.init)
        for seq in 0..<16 {
            let proof = try write(try ledger.vtf(["prove", "inclusion", "\(seq)"]).stdout, "p\(seq).json", in: ledger)
            let check = try CLI.vtf(["proof", "check", "--checkpoint", checkpoint, "--vkey", vkey, "--proof", proof, "--entry", lines[seq]], in: ledger.dir)
            #expect(check.status == 0 && check.stdout.hasPrefix("ok: entry \(seq) is in test.example/vtf"), "entry \(seq): \(check.stdout)\(check.stderr)")
        }
        // Another entry's line, an edited line, a wrong path, another log key: all refused with exit 1.
        let proof = ledger.dir + "/p12.json"
        let edited = lines[12].replacingOccurrences(of: "\"test\"", with: "\"TEST\"")
        for (entry, words) in [(lines[11], "the entry is seq 11"), (edited, "the entry differs from the one in the log")] {
            let check = try CLI.vtf(["proof", "check", "--checkpoint", checkpoint, "--vkey", vkey, "--proof", proof, "--entry", entry], in: ledger.dir)
            #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
            #expect(check.stderr.contains(words), "\(words): \(check.stderr)")
        }
        let badPath = try write(String(contentsOfFile: proof, encoding: .utf8).replacingOccurrences(of: "\"path\":[\"", with: "\"path\":[\"00"), "bad.json", in: ledger)
        #expect(try CLI.vtf(["proof", "check", "--checkpoint", checkpoint, "--vkey", vkey, "--proof", badPath], in: ledger.dir).status != 0)
        let otherKey = try TestLedger()
        defer { otherKey.remove() }
        let otherVkey = vkey.replacingOccurrences(of: "test.example/vtf+", with: "test.example/vtf2+")
        #expect(try CLI.vtf(["proof", "check", "--checkpoint", checkpoint, "--vkey", otherVkey, "--proof", proof], in: ledger.dir).status != 0)
    }

    @Test func consistencyProofsBetweenCheckpoints() throws {
        let ledger = try ledger()
        defer { ledger.remove() }
        let vkey = try ledger.vtf(["log", "vkey"]).stdout.trimmingCharacters(in: .newlines)
        let new = try write(try ledger.vtf(["checkpoint"]).stdout, "new.note", in: ledger)
        for old in [1, 4, 10, 11, 15, 16] {
            let oldNote = try write(try ledger.vtf(["checkpoint", "--size", "\(old)"]).stdout, "old\(old).note", in: ledger)
            let proof = try write(try ledger.vtf(["prove", "consistency", "\(old)", "16"]).stdout, "c\(old).json", in: ledger)
            let check = try CLI.vtf(["proof", "check", "--checkpoint", new, "--old-checkpoint", oldNote, "--vkey", vkey, "--proof", proof], in: ledger.dir)
            #expect(check.status == 0, "\(old): \(check.stdout)\(check.stderr)")
        }
        // A fork from size 13 with other entries: its checkpoint of size 16 does not extend the original's 14.
        let original14 = try write(try ledger.vtf(["checkpoint", "--size", "14"]).stdout, "o14.note", in: ledger)
        let forked = try TestLedgerFork(ledger, at: 13)
        for index in 1...3 { try requireOK(forked.post(["5100:\(index).00", "1100:-\(index).00"])) }
        let forkNote = try write(try forked.vtf(["checkpoint"]).stdout, "fork.note", in: ledger)
        let forkProof = try write(try forked.vtf(["prove", "consistency", "14", "16"]).stdout, "fork.json", in: ledger)
        let check = try CLI.vtf(["proof", "check", "--checkpoint", forkNote, "--old-checkpoint", original14, "--vkey", vkey, "--proof", forkProof], in: ledger.dir)
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        #expect(check.stderr.contains("not consistent"))
    }

    @Test func witnessCosignsOnlyConsistentCheckpoints() throws {
        let ledger = try ledger()
        defer { ledger.remove() }
        let witness = ["checkpoint", "cosign", "--name", "test.example/boa", "--state", ledger.dir + "/boa.json"]
        let first = try ledger.vtf(witness, as: "auditor")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("\n— test.example/boa "))
        try requireOK(ledger.post(["1100:9.00", "4100:-9.00"]))
        let second = try ledger.vtf(witness, as: "auditor")
        #expect(second.status == 0 && second.stdout.hasPrefix("test.example/vtf\n17\n"), "\(second.stderr)")
        // The fund shows the witness other histories, each from a copy of the ledger.
        let cases: [(at: Int, posts: Int, words: String)] = [
            (16, 1, "split view"),                     // same size 17, another last entry
            (15, 3, "not consistent"),                 // size 18, entries 15… rewritten
            (16, 0, "fewer than the 17"),              // rolled back to 16
        ]
        for fork in cases {
            let forked = try TestLedgerFork(ledger, at: fork.at)
            for index in 0..<fork.posts { try requireOK(forked.post(["5400:\(index + 1).00", "1100:-\(index + 1).00"])) }
            let state = try String(contentsOfFile: ledger.dir + "/boa.json", encoding: .utf8)
            let before = try forked.fileBytes()
            let refused = try forked.vtf(witness, as: "auditor")
            #expect(refused.status == 1, "\(fork): \(refused.stdout)\(refused.stderr)")
            #expect(refused.stderr.contains(fork.words), "\(fork): \(refused.stderr)")
            #expect(try String(contentsOfFile: ledger.dir + "/boa.json", encoding: .utf8) == state, "the witness state changed")
            #expect(try forked.fileBytes() == before, "a cosignature was added")
        }
    }

    @Test func auditBundleRoundTrip() throws {
        let ledger = try ledger()
        defer { ledger.remove() }
        try requireOK(ledger.vtf(["checkpoint", "cosign", "--name", "test.example/boa", "--state", ledger.dir + "/boa.json"], as: "auditor"))
        let export = try ledger.vtf(["audit", "export", "bundle"])
        #expect(export.status == 0 && export.stderr.contains("16 entries, 16 checkpoints, 5 keys"), "\(export.stdout)\(export.stderr)")
        let vkey = try ledger.vtf(["log", "vkey"]).stdout.trimmingCharacters(in: .newlines)
        let verify = try CLI.vtf(["audit", "verify", "bundle", "--vkey", vkey], in: ledger.dir)
        #expect(verify.status == 0 && verify.stdout.hasPrefix("ok: 16 entries, 16 checkpoints, 5 keys, root "), "\(verify.stdout)")
        #expect(verify.stdout.contains(try ledger.vtf(["verify"]).stdout.split(separator: " ").last ?? "?"))
        #expect(try String(contentsOfFile: ledger.dir + "/bundle/checkpoints/00000000000000000016.note", encoding: .utf8).contains("— test.example/boa "))
        // The same ledger exports the same bundle, the folder also given as --out as other commands do.
        try requireOK(ledger.vtf(["audit", "export", "--out", "again"]))
        let twice = try ledger.vtf(["audit", "export", "one", "--out", "two"])
        #expect(twice.status == 2 && twice.stderr.contains("give the folder once"), "\(twice.stderr)")
        #expect(!FileManager.default.fileExists(atPath: ledger.dir + "/one") && !FileManager.default.fileExists(atPath: ledger.dir + "/two"))
        for blank in ["", "\t", " "] {
            let refused = try ledger.vtf(["audit", "export", "--out", blank])
            #expect(refused.status == 2 && refused.stderr.contains("the output path"), "\(blank.debugDescription): \(refused.stderr)")
        }
        let none = try ledger.vtf(["audit", "export"])
        #expect(none.status == 2 && none.stderr.contains("vtf audit export DIR (or --out DIR)"), "\(none.stderr)")
        #expect(try String(contentsOfFile: ledger.dir + "/bundle/MANIFEST", encoding: .utf8) == String(contentsOfFile: ledger.dir + "/again/MANIFEST", encoding: .utf8))
        #expect(try ledger.vtf(["audit", "export", "bundle"]).status == 2)
        for attack in ["flipped-byte", "history-rewritten"] {
            let bundle = CLI.packageRoot.appendingPathComponent("Audit/bundles/tampered/\(attack)").path
            let golden = try String(contentsOfFile: CLI.packageRoot.appendingPathComponent("Audit/bundles/golden/keys/log.vkey").path, encoding: .utf8)
            let result = try CLI.vtf(["audit", "verify", bundle, "--vkey", golden.trimmingCharacters(in: .newlines)], in: ledger.dir)
            #expect(result.status == 1 && result.stdout.hasPrefix("FAILED: journal.jsonl line "), "\(attack): \(result.stdout)")
        }
    }

    @Test func changedMerkleNodeIsCaught() throws {
        let ledger = try ledger()
        defer { ledger.remove() }
        let queue = try DatabaseQueue(path: ledger.ledger)
        try queue.write { db in try db.execute(sql: "UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 2 AND idx = 1") }
        try queue.close()
        let result = try ledger.vtf(["verify"])
        #expect(result.status == 1 && result.stdout.contains("merkle_nodes table: node (2, 1)"), "\(result.stdout)")
    }
}

/// A copy of a test ledger cut back to its first `size` entries, as a fork: made by replaying
/// the original's export into a fresh copy of the template is not possible (signatures and times
/// differ), so the copy is the original file with later entries removed behind vtf's back —
/// exactly what a fund showing different histories to different people would do.
struct TestLedgerFork {
    let base: TestLedger
    let path: String

    init(_ original: TestLedger, at size: Int) throws {
        base = original
        path = original.dir + "/fork-\(UUID().uuidString).ledger"
        try FileManager.default.copyItem(atPath: original.ledger, toPath: path)
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            for trigger in ["journal_no_delete", "checkpoints_no_delete", "cosignatures_no_delete"] {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
        }
        try queue.close()
        // Rebuild from the original by removing the later entries and their derived rows.
        let rebuild = try DatabaseQueue(path: path)
        try rebuild.write { db in
            try db.execute(sql: "DELETE FROM cosignatures WHERE size > ?", arguments: [size])
            try db.execute(sql: "DELETE FROM checkpoints WHERE size > ?", arguments: [size])
            try db.execute(sql: "DELETE FROM postings WHERE seq >= ?", arguments: [size])
            try db.execute(sql: "DELETE FROM journal WHERE seq >= ?", arguments: [size])
            try db.execute(sql: "DELETE FROM merkle_nodes WHERE (idx + 1) << level > ?", arguments: [size])
        }
        try rebuild.close()
        try Self.rebuildDerived(path)
    }

    /// Balances and the Merkle frontier are recomputed, so the fork verifies on its own.
    static func rebuildDerived(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            var frontier = MerkleFrontier()
            for leaf in try Data.fetchAll(db, sql: "SELECT leaf_hash FROM journal ORDER BY seq") {
                guard let digest = SHA256Digest(bytes: [UInt8](leaf)) else { preconditionFailure("32-byte leaf hashes") }
                frontier.append(leafHash: digest)
            }
            try db.execute(sql: "UPDATE tree_state SET size = ?, frontier = ?", arguments: [Int64(frontier.size), Data(frontier.serialized)])
            try db.execute(sql: "DELETE FROM balances")
            try db.execute(sql: """
                INSERT INTO balances (account, currency, amount, value)
                SELECT account, currency, SUM(amount), SUM(value) FROM postings GROUP BY account, currency
                """)
        }
        try queue.close()
    }

    func vtf(_ arguments: [String], as signer: String? = "alice") throws -> CLI.Result {
        var env = ["VTF_LEDGER": path]
        if let signer { env["VTF_KEY"] = base.key(signer) }
        return try CLI.vtf(arguments, in: base.dir, environment: env)
    }

    func post(_ lines: [String]) throws -> CLI.Result {
        var arguments = ["post", "--date", "2026-02-02", "--memo", "fork"]
        for line in lines { arguments += ["--posting", line] }
        return try vtf(arguments)
    }

    func fileBytes() throws -> [Data] {
        try ["", "-wal"].map { suffix in
            FileManager.default.fileExists(atPath: path + suffix) ? try Data(contentsOf: URL(fileURLWithPath: path + suffix)) : Data()
        }
    }
}
