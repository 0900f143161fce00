import Foundation
import GRDB
import Testing

/// `vtf seal`, `vtf prove balance` and `vtf proof check` of balance proofs (issue 17 points 1, 2
/// and 5) on the demo's books: a few lines of Python with hashlib and a hand-written canonical
/// form (no vtf code) check a proof from leaf to seal root to seal entry to the signed
/// checkpoint, and its figures against vtf balance; every tampered part is refused by name.
@Suite struct BalanceProofCommandTests {
    /// A copy of the demo's folder with a seal as of 2025-12-31 (maria, the fund manager).
    static let sealed = Result { () throws -> String in
        let (folder, _) = try DemoThroughServiceTests.onFile.get()
        let dir = TestLedger.newFolder()
        try FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: folder, toPath: dir)
        let sealed = try CLI.vtf(["seal", "--ledger", "unvtf.ledger", "--key", "maria.pem", "--as-of", "2025-12-31", "--memo", "Year-end 2025"], in: dir)
        guard sealed.status == 0, sealed.stdout.contains("sealed") else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: sealed.stderr]) }
        return dir
    }

    static func vkey(_ dir: String) throws -> String {
        try CLI.vtf(["log", "vkey", "--ledger", "unvtf.ledger"], in: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func prove(_ arguments: [String], in dir: String) throws -> String {
        let made = try CLI.vtf(["prove", "balance", "--ledger", "unvtf.ledger", "--as-of", "2025-12-31"] + arguments, in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        return made.stdout
    }

    static func check(_ proof: String, in dir: String, name: String = "proof-\(UUID().uuidString).json") throws -> CLI.Result {
        try proof.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        return try CLI.vtf(["proof", "check", "--proof", name, "--vkey", try vkey(dir)], in: dir)
    }

    /// Python shared by the independent checks (`h` is SHA-256; base64, re and Ed25519PublicKey
    /// imported): RFC 9162 2.1.3.2's root of an audit path, a leaf's RFC 8785 bytes, and a
    /// checkpoint note's origin, size and root once its signature by the vkey is checked.
    static let pythonCommon = #"""
        def root(index, size, leaf_hash, path):  # RFC 9162 2.1.3.2
            fn, sn, r = index, size - 1, leaf_hash
            for p in (bytes.fromhex(x) for x in path):
                assert sn > 0
                if fn & 1 or fn == sn:
                    r = h(b"\x01" + p + r)
                    while fn & 1 == 0 and fn != 0: fn, sn = fn >> 1, sn >> 1
                else:
                    r = h(b"\x01" + r + p)
                fn, sn = fn >> 1, sn >> 1
            assert sn == 0
            return r
        def canonical(leaf):  # RFC 8785 for four members of plain ASCII strings: sorted, no spaces
            assert set(leaf) == {"account", "amount", "currency", "value"}
            assert all(re.fullmatch(r"[A-Za-z0-9._-]+", v) for v in leaf.values())
            return "{" + ",".join('"%s":"%s"' % (k, leaf[k]) for k in sorted(leaf)) + "}"
        def signed_checkpoint(note, vkey):  # (origin, size, root) of a note the vkey signed
            text, _, signatures = note.partition("\n\n")
            origin, size, root64 = text.split("\n")[:3]
            name, keyid, key64 = vkey.split("+", 2)
            key = base64.b64decode(key64)
            assert key[0] == 1 and h(name.encode() + b"\n" + key).hex()[:8] == keyid
            for sigline in signatures.strip("\n").split("\n"):
                who, sig64 = sigline[2:].split(" ")
                sig = base64.b64decode(sig64)
                if who == origin and sig[:4].hex() == keyid:
                    Ed25519PublicKey.from_public_bytes(key[1:]).verify(sig[4:], (text + "\n").encode())
                    return origin, int(size), base64.b64decode(root64)
            raise SystemExit("no signature by the log key")
        """#

    /// Independent: leaf → seal root → seal entry → checkpoint root and its Ed25519 signature by
    /// the vkey, and the leaf's figures equal vtf balance's. Prints "ok ACCOUNT CURRENCY AMOUNT".
    static let python = #"""
        import base64, hashlib, json, re, sys
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        proof, vkey, balances = json.load(open(sys.argv[1])), sys.argv[2], json.load(open(sys.argv[3]))
        h = lambda b: hashlib.sha256(b).digest()
        \#(pythonCommon)
        line = proof["seal"]["entry"]
        seal = json.loads(line)
        assert seal["kind"] == "balances.seal" and seal["data"]["as_of"] == proof["as_of"]
        leaf, balance = proof["balance"]["leaf"], proof["balance"]
        assert root(balance["index"], seal["data"]["leaves"], h(b"\x00" + canonical(leaf).encode()), balance["path"]).hex() == seal["data"]["root"], "leaf -> seal root"
        body = re.sub(r',"sig":"[A-Za-z0-9+/=]*"', "", line).encode()
        origin, size, checkpoint_root = signed_checkpoint(proof["checkpoint"], vkey)
        assert root(seal["seq"], size, h(b"\x00" + body), proof["seal"]["path"]) == checkpoint_root, "seal entry -> checkpoint"
        row = [r for r in balances["rows"] if r["account"] == leaf["account"] and r["currency"] == leaf["currency"]]
        assert row and row[0]["amount"] == leaf["amount"] and row[0]["value"] == leaf["value"], "leaf vs vtf balance"
        print("ok", leaf["account"], leaf["currency"], leaf["amount"])
        """#

    @Test("a balance proof from the demo, checked by vtf and by independent Python, leaf to checkpoint",
          arguments: [["1100", "--currency", "EUR"], ["1100"], ["2100"], ["1200.JPN", "--currency", "JPY"], ["1300.G-2025-06"]])
    func independentCheck(_ arguments: [String]) throws {
        let dir = try Self.sealed.get()
        let proof = try Self.prove(arguments, in: dir)
        let checked = try Self.check(proof, in: dir, name: "p-\(arguments.joined()).json")
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.hasPrefix("ok: the balance of \(arguments[0])"))
        let balances = try CLI.vtf(["balance", "--ledger", "unvtf.ledger", "--as-of", "2025-12-31", "--format", "json"], in: dir).stdout
        try balances.write(toFile: dir + "/balances.json", atomically: true, encoding: .utf8)
        let python = try CLI.run("/usr/bin/python3", ["-c", Self.python, "p-\(arguments.joined()).json", try Self.vkey(dir), "balances.json"], in: dir)
        #expect(python.status == 0, "\(python.stderr)")
        #expect(python.stdout.hasPrefix("ok \(arguments[0]) "), "\(python.stdout)")
        let openssl = try CLI.run(Self.opensslScript, ["p-\(arguments.joined()).json", "--vkey", try Self.vkey(dir)], in: dir)
        #expect(openssl.status == 0, "\(openssl.stdout)\(openssl.stderr)")
        #expect(openssl.stdout.hasPrefix("ok: \(arguments[0]) "), "\(openssl.stdout)")
    }

    /// Audit/verify-balance-proof-with-openssl.sh, in this checkout.
    static let opensslScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Audit/verify-balance-proof-with-openssl.sh").path

    @Test("a tampered proof is refused, naming what is wrong")
    func tampering() throws {
        let dir = try Self.sealed.get()
        let proof = try Self.prove(["1100", "--currency", "EUR"], in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(proof.utf8)) as? [String: Any])
        let balance = try #require(object["balance"] as? [String: Any])
        let leaf = try #require(balance["leaf"] as? [String: String])
        let amount = try #require(leaf["amount"])
        let path = try #require(balance["path"] as? [String])
        let seal = try #require(object["seal"] as? [String: Any])
        let sealPath = try #require(seal["path"] as? [String])
        let note = try #require(object["checkpoint"] as? String)
        let rootLine = note.split(separator: "\n")[2]
        let flipped = { (hex: String) in (hex.first == "0" ? "1" : "0") + hex.dropFirst() }
        let cases: [(String, String, String)] = [
            ("an edited leaf", proof.replacingOccurrences(of: "\"amount\":\"\(amount)\"", with: "\"amount\":\"\(amount.dropLast())9\""), "does not lead to the root of seal"),
            ("a forged leaf path", proof.replacingOccurrences(of: path[0], with: flipped(path[0])), "does not lead to the root of seal"),
            ("a forged seal proof", proof.replacingOccurrences(of: sealPath[0], with: flipped(sealPath[0])), "inclusion proof does not lead to the checkpoint's root"),
            ("another date", proof.replacingOccurrences(of: "\"as_of\":\"2025-12-31\",\"balance\"", with: "\"as_of\":\"2025-11-30\",\"balance\""), "the seal is as of 2025-12-31"),
            ("another account", proof.replacingOccurrences(of: "{\"account\":\"1100\",\"as_of\"", with: "{\"account\":\"1110\",\"as_of\""), "not of 1110"),
            ("an edited checkpoint", proof.replacingOccurrences(of: String(rootLine), with: "AAAA" + rootLine.dropFirst(4)), "checkpoint"),
        ]
        for (name, tampered, reason) in cases {
            #expect(tampered != proof, "\(name): the tampering changed nothing")
            let result = try Self.check(tampered, in: dir)
            #expect(result.status == 1, "\(name): \(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains(reason), "\(name): \(result.stderr)")
            try tampered.write(toFile: dir + "/tampered.json", atomically: true, encoding: .utf8)
            let openssl = try CLI.run(Self.opensslScript, ["tampered.json", "--vkey", try Self.vkey(dir)], in: dir)
            #expect(openssl.status == 1 && openssl.stdout.hasPrefix("FAILED: "), "\(name), openssl: \(openssl.stdout)")
        }
        let otherKey = "example.org/unvtf-demo+00000000+AQ" + String(repeating: "A", count: 41) + "="
        try proof.write(toFile: dir + "/wrong-key.json", atomically: true, encoding: .utf8)
        let wrongKey = try CLI.vtf(["proof", "check", "--proof", "wrong-key.json", "--vkey", otherKey], in: dir)
        #expect(wrongKey.status != 0)
        let garbage = try Self.check("{\"format\":\"vtf-balance-proof/1\"}", in: dir)
        #expect(garbage.status == 2, "\(garbage.stderr)")
    }

    @Test("a zero balance is proven by its adjacent neighbours, and neighbours that are not adjacent are refused")
    func zeroBalances() throws {
        let dir = try Self.sealed.get()
        let zero = try Self.prove(["1999"], in: dir)
        #expect(try Self.check(zero, in: dir).status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(zero.utf8)) as? [String: Any])
        let around = try #require(object["zero"] as? [String: Any])
        let after = try #require(around["after"] as? [String: Any])
        let afterLeaf = try #require(after["leaf"] as? [String: String])
        // The neighbours of a key just after the `after` leaf: that leaf, and the next one.
        let next = try Self.prove([afterLeaf["account"] ?? "", "--currency", "ZMW"], in: dir)
        let nextAround = try #require((try JSONSerialization.jsonObject(with: Data(next.utf8)) as? [String: Any])?["zero"] as? [String: Any])
        var forged = object
        forged["zero"] = ["before": around["before"] ?? NSNull(), "after": nextAround["after"] ?? NSNull()]
        let text = String(decoding: try JSONSerialization.data(withJSONObject: forged), as: UTF8.self)
        let result = try Self.check(text, in: dir)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("not adjacent"), "\(result.stderr)")
        let noSeal = try CLI.vtf(["prove", "balance", "1100", "--ledger", "unvtf.ledger", "--as-of", "2025-04-30"], in: dir)
        #expect(noSeal.status == 2)
        #expect(noSeal.stderr.contains("vtf seal --as-of 2025-04-30"))
    }

    @Test("vtf verify recomputes the seal; a seal as of a later day than its entry, or by a certifying officer, is refused")
    func verifyAndRefusals() throws {
        let dir = try Self.sealed.get()
        let verified = try CLI.vtf(["verify", "--ledger", "unvtf.ledger"], in: dir)
        #expect(verified.status == 0, "\(verified.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/unvtf.ledger"))
        let future = try CLI.vtf(["seal", "--ledger", "unvtf.ledger", "--key", "maria.pem", "--as-of", "2099-01-01"], in: dir)
        #expect(future.status == 2)
        #expect(future.stderr.contains("--as-of 2099-01-01 is after today"), "\(future.stderr)")
        #expect(future.stderr.contains("give --as-of"), "\(future.stderr)")
        let early = try CLI.vtf(["seal", "--ledger", "unvtf.ledger", "--key", "maria.pem", "--as-of", "2025-06-30", "--date", "2025-06-01"], in: dir)
        #expect(early.status == 2)
        #expect(early.stderr.contains("give --date 2025-06-30 or later"), "\(early.stderr)")
        let officer = try CLI.vtf(["seal", "--ledger", "unvtf.ledger", "--key", "chen.pem", "--as-of", "2025-12-31"], in: dir)
        #expect(officer.status == 2)
        #expect(officer.stderr.contains("may not sign balances.seal"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/unvtf.ledger")) == before)
    }

    @Test("a seal's tree edited in the tables gives no proof, and vtf verify names the difference")
    func editedTreeTables() throws {
        let sealed = try Self.sealed.get()
        let dir = TestLedger.newFolder()
        try FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: sealed, toPath: dir)
        let queue = try DatabaseQueue(path: dir + "/unvtf.ledger")
        try queue.write { db in
            try db.execute(sql: """
                UPDATE fund_records SET fields = CAST(replace(CAST(fields AS TEXT), '"amount":"650000.00"', '"amount":"650000.01"') AS BLOB)
                WHERE collection = 'seal.leaves' AND instr(CAST(fields AS TEXT), '"amount":"650000.00"') > 0
                """)
            #expect(db.changesCount > 0)
        }
        try queue.close()
        let proof = try CLI.vtf(["prove", "balance", "1100", "--currency", "EUR", "--ledger", "unvtf.ledger", "--as-of", "2025-12-31"], in: dir)
        #expect(proof.status != 0 && proof.stdout.isEmpty, "\(proof.stdout)")
        let verified = try CLI.vtf(["verify", "--ledger", "unvtf.ledger"], in: dir)
        #expect(verified.status == 1, "\(verified.stdout)\(verified.stderr)")
        #expect((verified.stdout + verified.stderr).contains("seal.leaves"), "\(verified.stdout)\(verified.stderr)")
    }

    @Test("an entry recorded after a seal but dated before it counts in later seals only; the old seal still proves its own")
    func backdatedEntries() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        #expect(try ledger.post(["1100:100.00", "4100:-100.00"], date: "2026-02-01").status == 0)
        let first = try ledger.vtf(["seal", "--as-of", "2026-02-28", "--date", "2026-03-01"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try ledger.post(["1100:7.00", "4100:-7.00"], date: "2026-02-15", memo: "found late").status == 0)
        let second = try ledger.vtf(["seal", "--as-of", "2026-03-01", "--date", "2026-03-02"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try ledger.vtf(["verify"]).status == 0)
        let vkey = try ledger.vtf(["log", "vkey"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // The February seal was written before the late entry: the books now say 107.00 as of that
        // day, so vtf refuses to prove the seal's 100.00 as the balance, and names the fixes.
        let stale = try ledger.vtf(["prove", "balance", "1100", "--as-of", "2026-02-28"])
        #expect(stale.status == 2 && stale.stdout.isEmpty, "\(stale.stdout)")
        #expect(stale.stderr.contains("holds 1100 at 100.00 USD (value 100.00), but the books now hold 107.00 USD"), "\(stale.stderr)")
        let firstSeq = try #require(first.stdout.components(separatedBy: "in entry ").last?.split(separator: ":").first.map(String.init))
        #expect(Int(firstSeq) != nil, "\(first.stdout)")
        #expect(stale.stderr.contains("vtf seal --as-of 2026-02-28") && stale.stderr.contains("--seal \(firstSeq)"), "\(stale.stderr)")
        // Asked for by its seq, the seal proves its own 100.00, from the tree it kept when written.
        let february = try ledger.vtf(["prove", "balance", "1100", "--as-of", "2026-02-28", "--seal", firstSeq]).stdout
        #expect(february.contains(#""leaf":{"account":"1100","amount":"100.00","currency":"USD","value":"100.00"}"#), "\(february)")
        let march = try ledger.vtf(["prove", "balance", "1100", "--as-of", "2026-03-01"]).stdout
        #expect(march.contains(#""amount":"107.00""#), "\(march)")
        for (name, proof) in [("february.json", february), ("march.json", march)] {
            try proof.write(toFile: ledger.dir + "/" + name, atomically: true, encoding: .utf8)
            let checked = try ledger.vtf(["proof", "check", "--proof", name, "--vkey", vkey])
            #expect(checked.status == 0, "\(name): \(checked.stderr)")
        }
    }
}
