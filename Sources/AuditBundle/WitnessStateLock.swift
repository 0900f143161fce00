import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One witness at a time on a state file: an exclusive lock (flock, without waiting) on a file
/// beside it (`STATE.lock`, 0600), held by `vtf witness serve` for as long as it runs and by
/// `vtf checkpoint cosign` while it cosigns. Two witnesses on one state would each remember
/// their own last checkpoint, and the one behind could cosign a fork of what the other had
/// cosigned. Released when the holder ends.
public final class WitnessStateLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock of the state at `statePath`, or refuses
    /// (``WitnessError/Code/stateInUse``) when another witness holds it.
    public init(statePath: String) throws {
        let path = statePath + ".lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw WitnessError(.stateNotSaved, "cannot open \(path) to lock the witness state: \(String(cString: strerror(errno))); make its folder writable")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw busy
                ? WitnessError(.stateInUse, "another witness is using \(statePath) (vtf witness serve, or vtf checkpoint cosign): one at a time per state file; stop it first")
                : WitnessError(.stateNotSaved, "cannot lock \(path): \(reason)")
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
