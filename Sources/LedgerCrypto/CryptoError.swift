/// Why a key, a PEM file or an OpenSSL call was refused. Messages never contain a passphrase or
/// key bytes.
public enum CryptoError: Error, Equatable, CustomStringConvertible {
    /// A raw key or seed had the wrong number of bytes.
    case invalidKeyLength(expected: Int, actual: Int)
    /// The PEM or DER text was not what was expected; the string says what was wrong.
    case invalidPEM(String)
    /// The private key is encrypted and no passphrase was given.
    case passphraseRequired
    /// The passphrase did not decrypt the private key.
    case wrongPassphrase
    /// OpenSSL failed unexpectedly; the string is OpenSSL's own error text.
    case openSSL(String)

    /// A sentence a fund manager can read.
    public var description: String {
        switch self {
        case .invalidKeyLength(let expected, let actual):
            "The key is \(actual) bytes long, but an Ed25519 key must be exactly \(expected) bytes."
        case .invalidPEM(let reason):
            "The key text could not be read: \(reason)."
        case .passphraseRequired:
            "The private key is protected by a passphrase; please supply the passphrase."
        case .wrongPassphrase:
            "The passphrase is not correct for this private key (or the key file is damaged)."
        case .openSSL(let reason):
            "The cryptography library (OpenSSL) reported an unexpected error: \(reason)."
        }
    }
}
