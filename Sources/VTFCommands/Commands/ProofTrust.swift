import AuditBundle
import SafeIO
import TransparencyLog

/// What the checkpoint a proof leads to must satisfy, from `vtf proof check`'s options: the
/// log's verifier key (--vkey), a C2SP tlog-policy (--policy: the logs accepted and the quorum of
/// witnesses), and auditors' witness keys (--witness), each cosigning.
struct ProofTrust {
    let vkey: String?
    let policy: TLogPolicy?
    let policyFile: String?
    let witnesses: [String]

    /// Reads the policy file, if any; refuses a check with neither a key nor a policy.
    init(vkey: String?, policy path: String?, witnesses: [String]) throws {
        guard vkey != nil || path != nil else {
            throw InputError("give --vkey (the log's verifier key, vtf log vkey) or --policy (a C2SP tlog-policy that names the log)")
        }
        var policy: TLogPolicy?
        if let path {
            do { policy = try TLogPolicy(text: try InputFile.text(path, option: "--policy")) } catch let error as TLogPolicyError {
                throw InputError("\(path): \(error)")
            }
            if policy?.logs.isEmpty == true, vkey == nil { throw InputError("\(path) names no log: give the log's key with --vkey too") }
        }
        self.init(vkey: vkey, policy: policy, witnesses: witnesses, policyFile: path)
    }

    init(vkey: String?, policy: TLogPolicy?, witnesses: [String], policyFile: String?) {
        self.vkey = vkey
        self.policy = policy
        self.witnesses = witnesses
        self.policyFile = policyFile
    }

    /// The checkpoint `note` (read `from` a file), signed by the log; cosigned by every --witness
    /// and, with a policy, by its quorum (unless `quorum` is false: an older checkpoint).
    func checkpoint(note: String, from path: String, quorum: Bool = true) throws -> Checkpoint {
        let checkpoint = try ProofFiles.checkpoint(note: note, from: path, vkey: try logKey(for: note), witnesses: quorum ? witnesses : [])
        if quorum, let policy {
            let log = try vkey.map { try NoteVerifier(verifierKey: $0) }
            do { _ = try policy.check(note: note, log: log) } catch {
                throw CheckFailure("\(path): \(error) (policy \(policyFile ?? ""))")
            }
        }
        return checkpoint
    }

    /// The log's verifier key for `note`: --vkey, or the policy's log of the note's origin.
    func logKey(for note: String) throws -> String {
        if let vkey { return vkey }
        let origin = note.prefix { $0 != "\n" }
        guard let policy, let index = policy.logs.firstIndex(where: { $0.name == origin }) else {
            throw CheckFailure("the checkpoint is of \(origin), a log the policy \(policyFile ?? "") does not list")
        }
        return policy.logVerifierKeys[index]
    }

    /// What the check showed of the policy, for the "ok:" line.
    var summary: String {
        guard let policy else { return "" }
        return policy.quorum == "none" ? "; the policy asks for no cosignature" : "; cosigned by the policy's quorum (\(policy.quorum))"
    }
}
