/// The files of an audit bundle (a contract for auditors and for Audit/verify-with-openssl.sh):
///
///     README.md                  for auditors
///     MANIFEST                   "<sha256 hex>  <path>" per other file, sorted by path (`sha256sum -c MANIFEST`)
///     journal.jsonl              the exported journal, one canonical entry per line
///     checkpoints/<size>.note    every stored checkpoint with its cosignatures, size zero-padded to 20 digits
///     keys/log.vkey              the log's verifier key, one line
///     keys/<key id>.pem          SPKI PEM of every key the journal registered
public enum BundleLayout {
    /// The auditors' README at the bundle's root.
    public static let readme = "README.md"
    /// The manifest of SHA-256 digests of every other file.
    public static let manifest = "MANIFEST"
    /// The exported journal, one canonical entry per line.
    public static let journal = "journal.jsonl"
    /// The folder of checkpoint notes, one per stored checkpoint.
    public static let checkpoints = "checkpoints"
    /// The folder of keys: the log's verifier key and every registered key's PEM.
    public static let keys = "keys"
    /// The log's verifier key, one line.
    public static let logVerifierKey = "keys/log.vkey"

    /// `checkpoints/00000000000000000042.note`.
    public static func checkpointPath(size: UInt64) -> String {
        let digits = String(size)
        return "\(checkpoints)/" + String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".note"
    }

    /// The size a checkpoint file name encodes, or nil when the name is not of that form.
    public static func checkpointSize(fileName name: String) -> UInt64? {
        guard name.utf8.count == 25, name.hasSuffix(".note") else { return nil }
        let digits = name.prefix(20)
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(digits)
    }

    /// `keys/<key id>.pem`.
    public static func keyPath(keyID: String) -> String { "\(keys)/\(keyID).pem" }
}
