import Foundation
public import LedgerCrypto
public import TransparencyLog

/// A witness reached over the network (C2SP tlog-witness, `vtf witness serve`). It holds no copy
/// of the ledger: it trusts one log key, and cosigns a checkpoint that key signed when the
/// consistency proof sent with it shows that it extends the checkpoint cosigned before. A
/// rewritten history, a split view or a rollback is never cosigned.
///
/// It keeps the same state file as `vtf checkpoint cosign` (``WitnessState``), so an auditor can
/// move between cosigning at the ledger and running a witness. Requests are handled one at a
/// time (an actor): the old size is checked and the new state saved before the next is read, so
/// two requests can never roll the state back (the race the protocol warns of).
public actor NetworkWitness {
    /// The witness's name, e.g. `un.org/board-of-auditors/witness`.
    public nonisolated let name: String
    /// The log verifier key (`origin+keyid+base64`) the witness trusts.
    public nonisolated let logVerifierKey: String
    /// Where the state is kept.
    public nonisolated let statePath: String
    private let key: Ed25519PrivateKey
    private let verifier: NoteVerifier
    private let lock: WitnessStateLock
    private var state: WitnessState?

    /// The witness `name` signing with `key`, remembering in `statePath`. The log key trusted is
    /// the state's; `logVerifierKey` names it when there is no state yet (and must then be
    /// given: a witness reached by anyone never trusts on first use), and must be the state's
    /// when both are given. It holds the state's lock (``WitnessStateLock``) for as long as it
    /// lives: a second witness on the same state is refused.
    public init(key: Ed25519PrivateKey, name: String, statePath: String, logVerifierKey given: String?) throws {
        lock = try WitnessStateLock(statePath: statePath)
        state = try WitnessState.load(statePath)
        if let state, let given, given != state.logVerifierKey {
            throw WitnessError(.otherLogKey, "\(statePath) trusts the log key \(state.logVerifierKey), not \(given): one state file serves one log; give another --state for another log")
        }
        guard let vkey = state?.logVerifierKey ?? given else {
            throw WitnessError(.otherLogKey, "name the log key to trust with --log-vkey (the fund's vtf log vkey, got through a channel you trust); a witness on the network never trusts on first use")
        }
        do { verifier = try NoteVerifier(verifierKey: vkey) } catch {
            throw WitnessError(.otherLogKey, "--log-vkey \(vkey) is not a log verifier key (NAME+KEYID+BASE64, as vtf log vkey prints it): \(error)")
        }
        guard Cosignature.isValidName(name) else {
            throw WitnessError(.badRequest, "--name \(name) cannot name a witness: no spaces or '+', e.g. un.org/board-of-auditors/witness")
        }
        self.name = name
        self.key = key
        self.statePath = statePath
        self.logVerifierKey = vkey
    }

    /// The size of the checkpoint cosigned last (0: none yet).
    public var cosignedSize: UInt64 { state?.size ?? 0 }

    /// The witness's verifier key (`name+keyid+base64`), which checks its cosignatures.
    public var verifierKey: String { Cosignature.verifierKey(name: name, publicKey: key.publicKey) }

    /// Answers an `add-checkpoint` request (its `body`, TransparencyLog's `AddCheckpoint`) at `timestamp`: its cosignature of the checkpoint, the
    /// new state saved first. Refuses, saving nothing, with the code the protocol's status
    /// follows from (``WitnessError/httpStatus``): a checkpoint of another log (404), one
    /// without the trusted log's signature (403), an old size above the checkpoint's (400), an
    /// old size that is not the one cosigned last (409; ``cosignedSize`` is the answer), another
    /// root at the size cosigned last (409, a split view), and a consistency proof that fails
    /// (422: history was rewritten).
    public func add(_ body: [UInt8], timestamp: UInt64) throws -> NoteSignature {
        let request: AddCheckpoint
        do { request = try AddCheckpoint(body: body) } catch { throw WitnessError(.badRequest, error.description) }
        let checkpoint = try check(request)
        let signature: NoteSignature
        do { signature = try Cosignature.sign(checkpointText: checkpoint.noteText, name: name, key: key, timestamp: timestamp) } catch {
            throw WitnessError(.badRequest, "the checkpoint cannot be cosigned: \(error)")
        }
        let next = WitnessState(
            origin: checkpoint.origin, logVerifierKey: logVerifierKey, size: checkpoint.size, rootBase64: Base64.encode(checkpoint.rootHash.bytes))
        do { try next.save(statePath) } catch {
            throw WitnessError(.stateNotSaved, "the witness state could not be saved to \(statePath), so nothing was cosigned: \(error)")
        }
        state = next
        return signature
    }

    /// The checkpoint of `request`, when the witness may cosign it.
    private func check(_ request: AddCheckpoint) throws -> Checkpoint {
        let claimed: Checkpoint
        do { claimed = try Checkpoint(noteText: try SignedNote.parse(request.note).text) } catch {
            throw WitnessError(.badRequest, "the checkpoint is not a signed checkpoint note: \(error)")
        }
        guard claimed.origin == verifier.name else {
            throw WitnessError(.otherOrigin, "this witness watches \(verifier.name), not \(claimed.origin)")
        }
        let checkpoint = try Witness.logCheckpoint(request.note, verifierKey: logVerifierKey)
        guard request.oldSize <= checkpoint.size else {
            throw WitnessError(.badRequest, "old size \(request.oldSize) is above the checkpoint's size \(checkpoint.size)")
        }
        guard request.oldSize == cosignedSize else {
            let why = checkpoint.size < cosignedSize ? " (the checkpoint has fewer entries than that: history was cut or rolled back)" : ""
            throw WitnessError(.oldSizeMismatch, "this witness last cosigned size \(cosignedSize), not \(request.oldSize)\(why)")
        }
        guard let state, state.size > 0 else {
            guard request.proof.isEmpty else { throw WitnessError(.notConsistent, "the proof from size 0 is empty") }
            return checkpoint
        }
        guard let oldRoot = Base64.decode(state.rootBase64) else {
            throw WitnessError(.malformedState, "\(statePath) holds a malformed root")
        }
        if checkpoint.size == state.size, checkpoint.rootHash.bytes != oldRoot {
            throw WitnessError(.splitView, "split view: the checkpoint of size \(checkpoint.size) has another root than the one this witness cosigned")
        }
        do {
            try MerkleVerifier.verifyConsistency(
                oldSize: state.size, newSize: checkpoint.size, oldRoot: oldRoot, newRoot: checkpoint.rootHash.bytes, proof: request.proof.map(\.bytes))
        } catch {
            throw WitnessError(.notConsistent, "the checkpoint of size \(checkpoint.size) is not consistent with the one of size \(state.size) this witness cosigned: history was rewritten (\(error))")
        }
        return checkpoint
    }
}
