/// Why an output was refused or could not be written: the path, a stable code and the fix.
public struct OutputFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Stable codes for scripts and tests.
    public enum Code: String, Sendable {
        /// The path is a ledger, a copy of one, or one of its -wal/-shm/-journal files.
        case wouldOverwriteLedger = "output.ledger"
        /// The path is empty, a name in it is only blanks, or it holds a control character: no
        /// one means to write there.
        case badName = "output.bad_name"
        /// The file exists and `--force` was not given.
        case exists = "output.exists"
        /// The path is a folder, a FIFO, a device or a socket.
        case notRegular = "output.not_regular"
        /// The temporary file could not be created: the folder is missing or not writable.
        case cannotCreate = "output.cannot_create"
        /// The file could not be written, synced or renamed (a storage failure).
        case unwritable = "output.unwritable"
    }

    /// What went wrong, for scripts.
    public let code: Code
    /// The output path as given.
    public let path: String
    /// The whole sentence, naming the path.
    public let message: String

    /// An error about `path`; `message` is the whole sentence.
    public init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
