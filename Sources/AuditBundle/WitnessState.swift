import Foundation
import SafeIO

/// What a witness remembers between cosignatures: the log it watches (its origin and the log
/// verifier key it trusts) and the last checkpoint it cosigned (size and root). Kept in a small
/// JSON file beside the witness's key (`KEY.witness.json`).
public struct WitnessState: Codable, Sendable, Equatable {
    /// The log's origin, e.g. `un.org/unvtf`.
    public let origin: String
    /// The log verifier key (`origin+keyid+base64`) trusted since the first cosignature.
    public let logVerifierKey: String
    /// The size of the last checkpoint cosigned.
    public let size: UInt64
    /// Its Merkle root, base64.
    public let rootBase64: String

    enum CodingKeys: String, CodingKey {
        case origin, size
        case logVerifierKey = "log_vkey"
        case rootBase64 = "root"
    }

    /// A state of the log `origin`, trusting `logVerifierKey`, having cosigned the checkpoint of
    /// `size` entries and root `rootBase64`.
    public init(origin: String, logVerifierKey: String, size: UInt64, rootBase64: String) {
        self.origin = origin
        self.logVerifierKey = logVerifierKey
        self.size = size
        self.rootBase64 = rootBase64
    }

    /// The state in the file at `path`, or nil when there is no file (the first cosignature).
    /// A file that is not a witness state is refused (``WitnessError/Code/malformedState``); one
    /// that cannot be read safely (not a regular file, too large) throws SafeIO's error.
    public static func load(_ path: String) throws -> WitnessState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data = Data(try InputFile.read(path, kind: .jsonDocument))
        do { return try JSONDecoder().decode(WitnessState.self, from: data) } catch {
            throw WitnessError(.malformedState, "\(path) is not a witness state file: \(error)")
        }
    }

    /// Writes the state atomically (a temporary file renamed over the old one).
    public func save(_ path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
