import LedgerCrypto
import RawStructuredFieldValues

/// The `Content-Digest` field of RFC 9530 with SHA-256: what a signature covers in place of
/// the body.
public enum ContentDigest {
    /// The field value for `body`: `sha-256=:BASE64:`.
    public static func field(for body: [UInt8]) -> String {
        "sha-256=:\(Base64.encode(SHA256.hash(body).bytes)):"
    }

    /// Checks that `request`'s `Content-Digest` holds the SHA-256 of `body`.
    ///
    /// - Throws: `HTTPSignatureError` (`bad-digest`) when it is missing, malformed, without
    ///   `sha-256`, or another digest.
    public static func check(_ request: HTTPRequestParts, body: [UInt8]) throws(HTTPSignatureError) {
        let values = request.values(of: "content-digest")
        guard !values.isEmpty else { throw HTTPSignatureError(.badDigest, "the request has no Content-Digest field (sha-256 of its body)") }
        let members: OrderedMap<String, ItemOrInnerList>
        do { members = try SignatureBase.parseDictionary(values.joined(separator: ", "), named: "Content-Digest") } catch {
            throw HTTPSignatureError(.badDigest, "the Content-Digest field is not a structured-field dictionary (RFC 9530)")
        }
        guard case .item(let item)? = members["sha-256"], case .undecodedByteSequence(let text) = item.rfc9651BareItem,
            let digest = Base64.decode(text)
        else {
            throw HTTPSignatureError(.badDigest, "the Content-Digest field has no sha-256 byte sequence")
        }
        guard digest == SHA256.hash(body).bytes else {
            throw HTTPSignatureError(.badDigest, "the body does not match its Content-Digest: it was changed on the way")
        }
    }
}
