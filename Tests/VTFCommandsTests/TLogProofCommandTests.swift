import Foundation
import LedgerCrypto
import Testing
import TransparencyLog

/// C2SP tlog-proof (`vtf prove inclusion --format tlog-proof`) and tlog-policy (`--policy` in
/// `vtf proof check` and `vtf statement verify`) on the demo's books (issue 17 point 4).
@Suite struct TLogProofCommandTests {
    static func demo() throws -> (folder: String, vkey: String, witness: String) {
        let (folder, _) = try DemoThroughServiceTests.onFile.get()
        let vkey = try CLI.vtf(["log", "vkey", "--ledger", folder + "/unvtf.ledger"], in: folder).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let statement = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/BEL-2025.json"))) as? [String: Any])
        let audits = try #require(statement["audited_by"] as? [[String: Any]])
        return (folder, vkey, try #require(audits.first?["vkey"] as? String))
    }

    /// A witness key nobody holds, for a quorum that cannot be met.
    static let stranger = Cosignature.verifierKey(
        name: "example.org/stranger", publicKey: try! Ed25519PrivateKey(seed: [UInt8](repeating: 9, count: 32)).publicKey)

    static func write(_ text: String, _ name: String, in dir: String) throws -> String {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        return name
    }

    @Test("a tlog-proof carries the entry, its proof and the signed checkpoint, and is checked alone")
    func tlogProof() throws {
        let (folder, vkey, _) = try Self.demo()
        let dir = TestLedger.newFolder()
        let made = try CLI.vtf(["prove", "inclusion", "73", "--format", "tlog-proof", "--ledger", folder + "/unvtf.ledger"], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        let lines = made.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "c2sp.org/tlog-proof@v1")
        #expect(lines[1].hasPrefix("extra "))
        #expect(lines[2] == "index 73")
        let blank = try #require(lines.firstIndex(of: ""))
        #expect(lines[3..<blank].allSatisfy { Data(base64Encoded: String($0))?.count == 32 })
        #expect(lines[blank + 1] == Substring(vkey.prefix { $0 != "+" }), "the checkpoint follows the empty line")
        let proof = try Self.write(made.stdout, "entry.tlog-proof", in: dir)
        let checked = try CLI.vtf(["proof", "check", "--proof", proof, "--vkey", vkey], in: dir)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.hasPrefix("ok: entry 73 (contribution.receive) is in "), "\(checked.stdout)")
        // The entry in extra, edited (its amount); a proof hash changed; the checkpoint's root changed.
        let extra = String(lines[1].dropFirst(6))
        let line = String(decoding: try #require(Data(base64Encoded: extra)), as: UTF8.self)
        let edited = Data(line.replacingOccurrences(of: "\"250000.00\"", with: "\"250000.01\"").utf8).base64EncodedString()
        #expect(edited != extra)
        let hash = String(lines[3])
        let otherHash = Data(repeating: 7, count: 32).base64EncodedString()
        for (name, tampered) in [("the entry", made.stdout.replacingOccurrences(of: extra, with: edited)),
                                 ("a proof hash", made.stdout.replacingOccurrences(of: hash, with: otherHash))] {
            let result = try CLI.vtf(["proof", "check", "--proof", try Self.write(tampered, "t.tlog-proof", in: dir), "--vkey", vkey], in: dir)
            #expect(result.status == 1, "\(name): \(result.stdout)")
            #expect(result.stderr.contains("does not lead to the checkpoint's root"), "\(name): \(result.stderr)")
        }
        let malformed = try CLI.vtf(["proof", "check", "--proof", try Self.write("c2sp.org/tlog-proof@v1\nindex 01\n\nx", "m.tlog-proof", in: dir), "--vkey", vkey], in: dir)
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("no index line"), "\(malformed.stderr)")
    }

    @Test("a tlog-policy decides whose cosignatures count: the auditor's quorum holds, one it cannot meet fails")
    func policies() throws {
        let (folder, vkey, witness) = try Self.demo()
        let dir = TestLedger.newFolder()
        let proof = try Self.write(
            try CLI.vtf(["prove", "inclusion", "5", "--format", "tlog-proof", "--ledger", folder + "/unvtf.ledger"], in: dir).stdout, "p.tlog-proof", in: dir)
        let auditor = try Self.write("# the fund's log and the Board of Auditors\nlog \(vkey)\nwitness boa \(witness)\nquorum boa\n", "boa.policy", in: dir)
        let both = try Self.write("log \(vkey)\nwitness boa \(witness)\nwitness other \(Self.stranger)\ngroup both all boa other\nquorum both\n", "both.policy", in: dir)
        let none = try Self.write("log \(vkey)\nquorum none\n", "none.policy", in: dir)
        let withPolicy = { (policy: String, file: String, extra: [String]) in
            try CLI.vtf(["proof", "check", "--proof", file, "--policy", policy] + extra, in: dir)
        }
        let ok = try withPolicy(auditor, proof, [])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("cosigned by the policy's quorum (boa)"), "\(ok.stdout)")
        #expect(try withPolicy(none, proof, []).status == 0)
        let unmet = try withPolicy(both, proof, [])
        #expect(unmet.status == 1)
        #expect(unmet.stderr.contains("not cosigned by the policy's quorum (both): only boa cosigned it"), "\(unmet.stderr)")
        // Sixty levels of groups, each listing the two groups of the level below (an attacker's
        // policy of 2.7 KB): decided once per group, not once per path (2^60 paths).
        var nested = "log \(vkey)\nwitness boa \(witness)\nwitness other \(Self.stranger)\ngroup a0 any boa other\ngroup b0 any boa other\n"
        for level in 1...60 { nested += "group a\(level) all a\(level - 1) b\(level - 1)\ngroup b\(level) all a\(level - 1) b\(level - 1)\n" }
        let deep = try withPolicy(try Self.write(nested + "quorum a60\n", "deep.policy", in: dir), proof, [])
        #expect(deep.status == 0, "\(deep.stderr)")
        let deepUnmet = try withPolicy(try Self.write(nested.replacingOccurrences(of: "group a0 any", with: "group a0 all") + "quorum a60\n", "deep2.policy", in: dir), proof, [])
        #expect(deepUnmet.status == 1, "\(deepUnmet.stderr)")
        // The same policies on the donor's statement.
        let statement = folder + "/BEL-2025.json"
        let verified = try CLI.vtf(["statement", "verify", statement, "--vkey", vkey, "--policy", auditor], in: dir)
        #expect(verified.status == 0, "\(verified.stderr)")
        let refused = try CLI.vtf(["statement", "verify", statement, "--vkey", vkey, "--policy", both], in: dir)
        #expect(refused.status == 1, "\(refused.stdout)")
        // Policies that are not policies: each refused with its line, exit 2.
        let bad: [(String, String)] = [
            ("log \(vkey)\nwitness boa \(witness)\n", "no quorum line"),
            ("log \(vkey)\nquorum boa\n", "policy line 2: the quorum names boa"),
            ("log \(vkey)\nwitness boa \(witness)\nwitness boa2 \(witness)\nquorum boa\n", "policy line 3: the key of"),
            ("log \(vkey)\nwitness boa \(witness)\ngroup g 2 boa\nquorum g\n", "policy line 3: the threshold 2"),
            ("log \(witness)\nquorum none\n", "policy line 1:"),
            ("log \(vkey)\nquorum none\nquorum none\n", "policy line 3: a second quorum"),
            ("log \(vkey)\r\nquorum none\n", "control character 0xd"),
        ]
        for (text, reason) in bad {
            let result = try withPolicy(try Self.write(text, "bad.policy", in: dir), proof, [])
            #expect(result.status == 2, "\(reason): \(result.stderr)")
            #expect(result.stderr.contains(reason), "\(reason): \(result.stderr)")
        }
    }
}
