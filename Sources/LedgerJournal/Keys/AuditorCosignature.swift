public import TransparencyLog

/// A witness cosignature that counts as an audit: its signature verifies over the checkpoint, by
/// a key the ledger registered with role `auditor` and had not revoked before that checkpoint.
/// Statements name these, and only these, in `audited_by`.
public struct AuditorCosignature: Sendable, Equatable {
    /// The person holding the auditor key, as the ledger registered it.
    public let holder: String
    /// The ledger's key id (SHA-256 hex of the public key).
    public let keyID: String
    /// The C2SP cosignature line (`— name base64`), without its newline.
    public let witness: String
    /// The witness verifier key (`name+hex8+base64(0x04 ‖ key)`) that checks `witness`.
    public let vkey: String
    /// The cosignature's timestamp (POSIX seconds).
    public let timestamp: UInt64

    /// A cosignature as named in a statement.
    public init(holder: String, keyID: String, witness: String, vkey: String, timestamp: UInt64) {
        self.holder = holder
        self.keyID = keyID
        self.witness = witness
        self.vkey = vkey
        self.timestamp = timestamp
    }
}

/// Why a stored cosignature is not an audit.
public enum CosignatureProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// No key registered in the ledger with role `auditor` has this name and key id: the line
    /// cannot be checked, and a forged one would look the same.
    case notRegisteredAuditor(name: String)
    /// A registered auditor key, but the signature does not verify over the checkpoint.
    case badSignature(name: String, holder: String)
    /// A valid cosignature by an auditor key revoked by entry `revokedSeq`, before the
    /// checkpoint of `size` it cosigns.
    case revoked(name: String, holder: String, revokedSeq: UInt64, size: UInt64)

    /// Whether the line itself is forged or uncheckable (not merely by a since-revoked key).
    public var isForged: Bool {
        if case .revoked = self { return false }
        return true
    }

    /// What is wrong with the cosignature, naming its auditor and, where it helps, the fix.
    public var description: String {
        switch self {
        case .notRegisteredAuditor(let name):
            "the cosignature by \(name) is by no key registered in the ledger as an auditor, so it cannot be checked (the admin registers auditors with vtf key register --role auditor)"
        case .badSignature(let name, let holder):
            "the cosignature by \(name) does not verify with \(holder)'s registered auditor key (the line was forged or changed)"
        case .revoked(let name, let holder, let revokedSeq, let size):
            "the cosignature by \(name) is by \(holder)'s auditor key, revoked by entry \(revokedSeq) before the checkpoint of size \(size)"
        }
    }
}

extension Cosignature {
    /// Checks a cosignature line on the checkpoint `checkpointText` of `size` entries against
    /// the ledger's keys (from a replay of the journal, never from a table alone).
    /// - Returns: the audit it stands for.
    /// - Throws: ``CosignatureProblem`` when it is not an audit.
    public static func checkAuditor(
        _ signature: NoteSignature, checkpointText: String, size: UInt64, keys: some Sequence<KeyState>
    ) throws(CosignatureProblem) -> AuditorCosignature {
        for key in keys where key.record.roles.contains(.auditor) {
            let vkey = verifierKey(name: signature.name, publicKey: key.record.publicKey)
            guard let verifier = try? NoteVerifier(verifierKey: vkey), verifier.keyID == signature.keyID else { continue }
            let result = verify(signature, checkpointText: checkpointText, verifier: verifier)
            guard result.ok else { throw .badSignature(name: signature.name, holder: key.record.holder) }
            if let revoked = key.revokedSeq, revoked < size {
                throw .revoked(name: signature.name, holder: key.record.holder, revokedSeq: revoked, size: size)
            }
            return AuditorCosignature(
                holder: key.record.holder, keyID: key.record.keyID, witness: String(signature.line.dropLast()),
                vkey: vkey, timestamp: result.timestamp)
        }
        throw .notRegisteredAuditor(name: signature.name)
    }

    /// The audits among a checkpoint note's signature lines (the log's own line and any line
    /// that is not an audit are left out), sorted by holder.
    public static func audits(
        of note: SignedNote, size: UInt64, logName: String, keys: some Sequence<KeyState>
    ) -> [AuditorCosignature] {
        let keys = Array(keys)
        return note.signatures.filter { $0.name != logName }
            .compactMap { try? checkAuditor($0, checkpointText: note.text, size: size, keys: keys) }
            .sorted { ($0.holder, $0.witness) < ($1.holder, $1.witness) }
    }
}
