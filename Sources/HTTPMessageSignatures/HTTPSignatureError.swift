/// Why a message signature could not be made or was not accepted, with a stable code.
public struct HTTPSignatureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, stable for programs and tests.
    public enum Code: String, Sendable, CaseIterable {
        /// The request has no `Signature-Input` or `Signature` field, or none of the label asked for.
        case missingSignature = "missing-signature"
        /// A `Signature-Input` or `Signature` field is not a valid structured field, or its
        /// members are not what RFC 9421 says.
        case malformed = "malformed"
        /// A covered component is not one this implementation derives, has parameters, or is
        /// named twice.
        case unsupportedComponent = "unsupported-component"
        /// A covered header field is not in the request.
        case missingComponent = "missing-component"
        /// A component the receiver requires is not covered by the signature.
        case notCovered = "not-covered"
        /// The `alg` parameter names an algorithm other than `ed25519`.
        case unsupportedAlgorithm = "unsupported-algorithm"
        /// The key named by `keyid` is unknown to the receiver.
        case unknownKey = "unknown-key"
        /// The signature was made too long ago, or in the future, or has expired.
        case stale = "stale"
        /// The signature does not verify with the key.
        case badSignature = "bad-signature"
        /// The `Content-Digest` field does not match the body, or is missing.
        case badDigest = "bad-digest"
    }

    /// What went wrong.
    public let code: Code
    /// What is wrong, for a person.
    public let message: String

    /// An error of `code` saying `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
