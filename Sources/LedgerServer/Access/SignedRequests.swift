public import HTTPMessageSignatures
public import Hummingbird
import LedgerCrypto
public import LedgerJournal

/// Who may read what the service does not publish: requests signed (RFC 9421, Ed25519) by a key
/// the ledger registered and has not revoked. There are no passwords and no sessions: each
/// request carries its own signature, made on the person's machine with their own key.
public struct SignedRequests: Sendable {
    /// The components every signature must cover: the method, the authority (the `Host` a
    /// proxy passes on), the path and the query, so that a signature made for one request
    /// cannot be used for another.
    public static let required = ["@method", "@authority", "@path", "@query"]

    /// How old a signature may be (seconds), and how far ahead of the service's clock.
    public var verifier = MessageVerifier(required: SignedRequests.required, maxAge: 300, clockSkew: 60)
    /// The scheme clients use to reach the service (`https` behind a TLS proxy).
    public var scheme: String

    /// Requests reaching the service as `scheme`.
    public init(scheme: String = "http") {
        self.scheme = scheme
    }

    /// The registered, unrevoked key that signed `request`, checked at `now` (seconds since 1970).
    ///
    /// - Throws: ``ServiceRefusal`` saying what was wrong with the signature or the key.
    public func signer(of request: Request, now: Int, keys: [KeyState]) throws(ServiceRefusal) -> KeyState {
        let parts = Self.parts(of: request, scheme: scheme)
        var signer: KeyState?
        do {
            _ = try verifier.verify(parts, now: now) { (keyID: String) throws(HTTPSignatureError) -> Ed25519PublicKey? in
                guard let key = keys.first(where: { $0.record.keyID == keyID }) else { return nil }
                guard key.revokedSeq == nil else {
                    throw HTTPSignatureError(.unknownKey, "the key \(keyID) (\(key.record.holder)) was revoked at entry \(key.revokedSeq ?? 0)")
                }
                signer = key
                return key.record.publicKey
            }
        } catch {
            throw ServiceRefusal(error.code == .unknownKey ? .unknownKey : .unauthenticated, error.message)
        }
        guard let signer else { throw ServiceRefusal(.unknownKey, "the request's key is not registered in this ledger") }
        return signer
    }

    /// The registered, unrevoked key that signed `request` and its `body`: the signature must
    /// also cover `content-digest`, and that field must hold the body's SHA-256.
    public func signer(of request: Request, body: [UInt8], now: Int, keys: [KeyState]) throws(ServiceRefusal) -> KeyState {
        let key = try signer(ofBodyOf: request, now: now, keys: keys)
        try checkBody(of: request, body)
        return key
    }

    /// The registered, unrevoked key that signed `request`, its signature covering
    /// `content-digest`, checked BEFORE the body is read: a service reads no body for a request
    /// nobody it knows signed (an unsigned client could otherwise make it hold megabytes per
    /// connection). ``checkBody(of:_:)`` then checks the body against that digest.
    public func signer(ofBodyOf request: Request, now: Int, keys: [KeyState]) throws(ServiceRefusal) -> KeyState {
        var withBody = self
        withBody.verifier.required.append("content-digest")
        return try withBody.signer(of: request, now: now, keys: keys)
    }

    /// Whether `body` is what the `content-digest` of `request` (covered by its signature) holds.
    public func checkBody(of request: Request, _ body: [UInt8]) throws(ServiceRefusal) {
        do {
            try ContentDigest.check(Self.parts(of: request, scheme: scheme), body: body)
        } catch {
            throw ServiceRefusal(.unauthenticated, error.message)
        }
    }

    /// The parts of `request` a signature covers, as received: the request target split at its
    /// first `?`, the `Host` (HTTP/1.1) or `:authority` (HTTP/2), every header field in order.
    public static func parts(of request: Request, scheme: String) -> HTTPRequestParts {
        let target = request.head.path ?? "/"
        let path: Substring
        let query: String?
        if let mark = target.firstIndex(of: "?") {
            path = target[..<mark]
            query = String(target[target.index(after: mark)...])
        } else {
            path = Substring(target)
            query = nil
        }
        let authority = request.head.authority ?? ""
        let headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        return HTTPRequestParts(
            method: request.method.rawValue, scheme: request.head.scheme ?? scheme, authority: authority,
            path: String(path), query: query, headers: headers)
    }
}
