import CanonicalJSON
import LedgerJournal
import TrustFundRules
import TransparencyLog

/// The audits a signed statement names (`audited_by`), checked offline: each one's cosignature
/// line must be on the statement's checkpoint and verify with the witness key it names; and the
/// witness keys the donor got from the auditors themselves (`--witness`) must each have a valid
/// cosignature there. Without `--witness`, an audit shows only that the fund's log key vouches
/// for it.
enum StatementWitnesses {
    /// One member of `audited_by`.
    struct Audit {
        let holder: String
        let keyID: String
        let witness: String
        let vkey: String

        /// The witness's name, from its verifier key (`name+hex8+base64`).
        var witnessName: String { String(vkey.prefix { $0 != "+" }) }
    }

    /// Reads `audited_by`: an array of {holder, key_id, witness, vkey} strings (absent: none).
    static func audits(_ value: JSONValue?) throws -> [Audit] {
        guard let value else { return [] }
        guard let items = value.arrayValue else { throw StatementError("audited_by is not an array") }
        return try items.enumerated().map { index, item in
            guard let object = item.objectValue, let holder = object["holder"]?.stringValue,
                let keyID = object["key_id"]?.stringValue, let witness = object["witness"]?.stringValue,
                let vkey = object["vkey"]?.stringValue
            else { throw StatementError("audited_by item \(index + 1) needs holder, key_id, witness and vkey strings") }
            return Audit(holder: holder, keyID: keyID, witness: witness, vkey: vkey)
        }
    }

    /// The audit's line is one of the checkpoint's signature lines and verifies with its vkey.
    static func checkAudit(_ audit: Audit, on note: SignedNote) throws {
        let at = "audited_by \(audit.holder)"
        guard let signature = try? NoteSignature(line: audit.witness),
            note.signatures.contains(signature)
        else { throw StatementError("\(at): its cosignature line is not on the statement's checkpoint") }
        guard let verifier = try? NoteVerifier(verifierKey: audit.vkey),
            Cosignature.verify(signature, checkpointText: note.text, verifier: verifier).ok
        else { throw StatementError("\(at): its cosignature does not verify with the witness key it names (\(audit.vkey.prefix(60)))") }
    }

    /// Each witness key given must have a valid cosignature on the checkpoint; returns their names.
    static func check(_ witnesses: [String], on note: SignedNote) throws -> [String] {
        try witnesses.map { vkey in
            let verifier: NoteVerifier
            do { verifier = try NoteVerifier(verifierKey: vkey) } catch {
                throw StatementError("--witness \(vkey.prefix(60)): not a witness verifier key (\(error))")
            }
            let cosigned = note.signatures.contains { signature in
                signature.name == verifier.name && signature.keyID == verifier.keyID
                    && Cosignature.verify(signature, checkpointText: note.text, verifier: verifier).ok
            }
            guard cosigned else {
                throw StatementError("--witness \(verifier.name): the statement's checkpoint has no valid cosignature by this witness key, so it was not audited by the auditor you trust")
            }
            return verifier.name
        }
    }
}
