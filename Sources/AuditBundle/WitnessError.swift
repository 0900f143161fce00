/// Why a witness (an auditor cosigning the log's checkpoints) did not cosign: a stable ``Code``
/// for programs and tests beside a message naming what is wrong and the fix. A ``Kind/refused``
/// error is the witness's input to fix (exit status 2); a ``Kind/checkFailed`` one means the log
/// showed the witness a history it must not vouch for (exit status 1). Nothing is cosigned and
/// the witness state is left as it was.
public struct WitnessError: Error, Sendable, CustomStringConvertible {
    /// Whether the witness's input was refused or the log failed the witness's checks.
    public enum Kind: Sendable {
        /// The key, the ledger or the state file cannot be used as given (exit status 2).
        case refused
        /// The checkpoint fails a check: another log, another signer, or a history that does not
        /// extend the one cosigned before (exit status 1).
        case checkFailed
    }

    /// What went wrong, as a stable name (published in Audit/ERROR-CODES.md; raw values never
    /// change meaning).
    public enum Code: String, Sendable, CaseIterable, Codable {
        /// The cosigning key is not registered in the ledger with role auditor. Fix: the admin
        /// registers it (`vtf key register --role auditor`). Exit status 2.
        case notAnAuditor = "not-an-auditor"
        /// The cosigning key is an auditor key that was revoked. Fix: cosign with a current
        /// auditor key. Exit status 2.
        case auditorKeyRevoked = "auditor-key-revoked"
        /// The ledger holds no checkpoint to cosign. Fix: cosign after the first write. Exit 2.
        case noCheckpoint = "no-checkpoint"
        /// The witness state file is not one vtf wrote (not JSON of that shape, or a malformed
        /// root). Fix: restore the state file, or name the right one. Exit status 2.
        case malformedState = "malformed-state"
        /// The checkpoint is for another log (another origin) than the one trusted. Fix: cosign
        /// each log with its own state file. Exit status 1.
        case otherOrigin = "other-origin"
        /// The checkpoint does not carry a valid signature by the trusted log key. Fix: none by
        /// the witness; the log's operator must explain. Exit status 1.
        case notSigned = "not-signed"
        /// The log is smaller than the checkpoint cosigned before: history was cut or rolled
        /// back. Exit status 1.
        case rolledBack = "rolled-back"
        /// The log shows another root for the size cosigned before (a split view). Exit status 1.
        case splitView = "split-view"
        /// The new checkpoint's history does not extend the one cosigned before (the
        /// consistency proof fails): history was rewritten. Exit status 1.
        case notConsistent = "not-consistent"
        /// An `add-checkpoint` request is malformed, or a witness's name cannot be used. Fix:
        /// send the request as C2SP tlog-witness describes it. Exit status 2.
        case badRequest = "bad-request"
        /// An `add-checkpoint` request names another old size than the one the witness cosigned
        /// last; the witness answers with its size, and the log sends the proof from there.
        case oldSizeMismatch = "old-size-mismatch"
        /// A witness is given no log key to trust, or one that is not the state's. Fix: give the
        /// fund's `vtf log vkey` with `--log-vkey`, and one state file per log. Exit status 2.
        case otherLogKey = "other-log-key"
        /// The witness could not save its state, so it cosigned nothing. Fix: make the state
        /// file's folder writable. Exit status 2.
        case stateNotSaved = "state-not-saved"
        /// Another witness (`vtf witness serve`, `vtf checkpoint cosign`) is using the state
        /// file. Fix: stop it first; one witness at a time per state file. Exit status 2.
        case stateInUse = "state-in-use"

        /// Refused input (exit status 2) or a failed check (exit status 1).
        public var kind: Kind {
            switch self {
            case .notAnAuditor, .auditorKeyRevoked, .noCheckpoint, .malformedState, .badRequest, .otherLogKey, .stateNotSaved, .stateInUse: .refused
            case .otherOrigin, .notSigned, .rolledBack, .splitView, .notConsistent, .oldSizeMismatch: .checkFailed
            }
        }
    }

    /// What went wrong, stable for programs and tests.
    public let code: Code
    /// What is wrong and the fix, for a person.
    public let message: String

    /// An error with a stable code and a message naming what is wrong and the fix.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Refused input (exit status 2) or a failed check (exit status 1); follows from the code.
    public var kind: Kind { code.kind }

    /// The message.
    public var description: String { message }

    /// The HTTP status a witness answers an `add-checkpoint` request with (C2SP tlog-witness):
    /// 404 another log, 403 not signed by the log, 409 another old size or a split view, 422 a
    /// failed consistency proof, 400 a malformed request, 500 a state not saved.
    public var httpStatus: Int {
        switch code {
        case .otherOrigin: 404
        case .notSigned: 403
        case .oldSizeMismatch, .splitView, .rolledBack: 409
        case .notConsistent: 422
        case .stateNotSaved, .malformedState, .stateInUse: 500
        case .badRequest, .notAnAuditor, .auditorKeyRevoked, .noCheckpoint, .otherLogKey: 400
        }
    }
}
