import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a mirror (flock on a file beside it), so that one `vtf` at a time
/// brings it up to date: two commands started together would otherwise take the same next
/// entries, and the later one's append would be refused as if the service were at fault.
/// Held until released, or until the process ends.
public final class MirrorLock {
    private let descriptor: Int32

    /// Waits for the lock on `path` (created 0600 when missing).
    ///
    /// - Throws: ``RemoteError`` when the file cannot be opened or locked.
    public init(_ path: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw RemoteError(.notSupported, "cannot open \(path) to lock the mirror: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw RemoteError(.notSupported, "cannot lock \(path): \(reason)")
        }
    }

    /// Lets the next `vtf` in.
    public func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
