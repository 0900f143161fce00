import AuditBundle
import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog

/// The attacks, applied to a copy of the golden bundle.
enum Tampering {
    static func apply(_ attack: String, to bundle: String) throws {
        var lines = try journalLines(bundle)
        switch attack {
        case "flipped-byte":
            // Entry 7 is `account.open 5100 "Account 5100"`: one letter of its name changes.
            lines[7] = lines[7].replacingOccurrences(of: "Account 5100", with: "Account 5101")
        case "dropped-entry":
            lines.remove(at: 9)
        case "reordered-entries":
            lines.swapAt(10, 11)
        case "forged-signature":
            let raw = try RawEntry(exportLine: Array(lines[12].utf8), lineNumber: 13)
            lines[12] = try withSignature(lines[12], try AuditFixtures.intruder.signature(for: raw.bodyBytes))
        case "key-used-after-revocation":
            // Bruno's key was revoked at entry 15; a valid entry signed by it is appended.
            let last = try body(lines[lines.count - 1])
            var entry = last
            entry.seq = last.seq + 1
            entry.prev = MerkleHash.leaf(try RawEntry(exportLine: Array(lines[lines.count - 1].utf8), lineNumber: 1).bodyBytes)
            entry.signer = AuditFixtures.bruno.publicKey.keyID
            entry.ref = "PAY-3"
            entry.memo = "Paid after the key was revoked"
            lines.append(try signed(entry, by: AuditFixtures.bruno))
        case "history-rewritten":
            // Entry 10's EUR contribution is halved; entries 10… are re-signed by their own
            // signers into a new valid chain. The old checkpoints stay.
            lines = try rewrite(lines, from: 10) { body in
                body.postings = body.postings.map { posting in
                    Posting(
                        account: posting.account,
                        amount: Amount(minorUnits: posting.amount.minorUnits / 2, currency: posting.amount.currency),
                        value: Amount(minorUnits: posting.value.minorUnits / 2, currency: posting.value.currency))
                }
            }
        case "checkpoint-signed-by-wrong-key":
            let path = bundle + "/" + BundleLayout.checkpointPath(size: 16)
            let note = try SignedNote.parse(try String(contentsOfFile: path, encoding: .utf8))
            let forged = try SignedNote.sign(text: note.text, with: [try NoteSigner(name: AuditFixtures.origin, key: AuditFixtures.intruder)])
            try forged.serialized.write(toFile: path, atomically: true, encoding: .utf8)
        default:
            preconditionFailure("unknown attack \(attack)")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: bundle + "/" + BundleLayout.journal, atomically: true, encoding: .utf8)
    }

    static func journalLines(_ bundle: String) throws -> [String] {
        try String(contentsOfFile: bundle + "/" + BundleLayout.journal, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func body(_ line: String) throws -> EntryBody {
        let raw = try RawEntry(exportLine: Array(line.utf8), lineNumber: 1)
        let json = try JSONParser.parse(raw.bodyBytes)
        let seq = json.objectValue?["seq"]?.integerValue ?? 0
        return try EntryBody(json: json, fundCurrency: seq == 0 ? nil : .usd)
    }

    static func signed(_ body: EntryBody, by key: Ed25519PrivateKey) throws -> String {
        let bytes = body.canonicalBytes()
        let entry = SignedEntry(body: body, bodyBytes: bytes, signature: try key.signature(for: bytes))
        return String(decoding: entry.exportLine(), as: UTF8.self)
    }

    static func withSignature(_ line: String, _ signature: [UInt8]) throws -> String {
        guard case .object(var object) = try JSONParser.parse(line) else { preconditionFailure("an entry is an object") }
        object["sig"] = .string(Base64.encode(signature))
        return try JSONCanonicalizer.canonicalString(.object(object))
    }

    /// Changes entry `start` with `change`, then re-chains and re-signs it and every later entry
    /// with the key of its own signer: a new chain that verifies on its own.
    static func rewrite(_ lines: [String], from start: Int, _ change: (inout EntryBody) throws -> Void) throws -> [String] {
        let keys = [AuditFixtures.admin, AuditFixtures.alice, AuditFixtures.bruno, AuditFixtures.auditor]
        var result = Array(lines[..<start])
        var prev = MerkleHash.leaf(try RawEntry(exportLine: Array(lines[start - 1].utf8), lineNumber: 1).bodyBytes)
        for index in start..<lines.count {
            var entry = try body(lines[index])
            if index == start { try change(&entry) }
            entry.prev = prev
            guard let key = keys.first(where: { $0.publicKey.keyID == entry.signer }) else { preconditionFailure("a test key signed it") }
            let line = try signed(entry, by: key)
            result.append(line)
            prev = MerkleHash.leaf(try RawEntry(exportLine: Array(line.utf8), lineNumber: 1).bodyBytes)
        }
        return result
    }

    /// Recomputes MANIFEST for the bundle's files as they now are.
    static func rewriteManifest(_ bundle: String) throws {
        var lines: [String] = []
        for file in try BundleFiles.list(bundle) where file != BundleLayout.manifest {
            lines.append("\(try BundleFiles.sha256(bundle + "/" + file))  \(file)")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: bundle + "/" + BundleLayout.manifest, atomically: true, encoding: .utf8)
    }
}
