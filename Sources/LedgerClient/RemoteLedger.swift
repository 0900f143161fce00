import AsyncHTTPClient
import Foundation
import HTTPMessageSignatures
public import LedgerCrypto
import NIOCore
import NIOHTTP1

/// A ledger service as a person's `vtf` reaches it: every request signed (RFC 9421, Ed25519)
/// with their own key, which never leaves their machine; answers read up to a cap; redirects
/// never followed (a signature is made for one authority and path). Each request has a client
/// of its own, shut down when it is answered, so nothing is left to close.
public final class RemoteLedger: Sendable {
    /// The most bytes one answer may hold (a page of 10,000 entries is a few MB).
    public static let maxAnswerBytes = 64 << 20

    /// Where the service is.
    public let location: RemoteLocation
    private let key: Ed25519PrivateKey
    private let now: @Sendable () -> Int
    /// A PEM file of the certificates to trust for https, instead of the system's (a fund's
    /// own certificate authority); nil: the system's.
    public let trustRoots: String?

    /// A connection to the service at `location`, signing with `key`, trusting the
    /// certificates of `trustRoots` (a PEM file) for https when given.
    public init(
        _ location: RemoteLocation, key: Ed25519PrivateKey, trustRoots: String? = nil, now: @escaping @Sendable () -> Int = RemoteLedger.clock
    ) {
        self.location = location
        self.trustRoots = trustRoots
        self.key = key
        self.now = now
    }

    /// Runs `request` (``HTTPExchange``), reading at most `limit` bytes of the answer.
    private func execute(_ request: HTTPClientRequest, limit: Int) async throws -> (status: Int, body: [UInt8]) {
        let (status, _, body) = try await HTTPExchange.run(request, trustRoots: trustRoots, limit: limit)
        return (status, body)
    }

    /// The system clock, in seconds since 1970.
    public static let clock: @Sendable () -> Int = { Int(Date().timeIntervalSince1970) }

    /// POST `body` to `path` with the `extra` header fields, signed with its `Content-Digest`;
    /// the status and the answer's bytes (refusals included: the caller decides what a status
    /// means).
    ///
    /// - Throws: ``RemoteError`` when the service cannot be reached or answers over the cap.
    public func post(_ path: String, body: [UInt8], contentType: String, headers extra: [(String, String)] = []) async throws -> (status: Int, body: [UInt8]) {
        var request = try signed(.POST, path, query: nil, covering: [("Content-Digest", ContentDigest.field(for: body))])
        request.headers.add(name: "Content-Type", value: contentType)
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            return try await execute(request, limit: 1 << 20)  // the answer to a POST is short
        } catch {
            throw Self.unreachable(location, error, recording: true)
        }
    }

    /// GET `path` with `query` (without its `?`), signed; the answer's bytes.
    ///
    /// - Throws: ``RemoteError``: unreachable, refused (with the service's message), or an
    ///   answer over ``maxAnswerBytes``.
    public func get(_ path: String, query: String? = nil) async throws -> [UInt8] {
        let request = try signed(.GET, path, query: query, covering: [])
        let status: Int
        let bytes: [UInt8]
        do {
            (status, bytes) = try await execute(request, limit: Self.maxAnswerBytes)
        } catch is NIOTooManyBytesError {
            throw RemoteError(.badAnswer, "\(location)\(path): the answer is over \(Self.maxAnswerBytes >> 20) MB; a ledger service sends less")
        } catch {
            throw Self.unreachable(location, error)
        }
        guard status == 200 else {
            throw RemoteError(.refused, "\(location) refused \(path) (\(status)): \(Self.message(of: bytes))")
        }
        return bytes
    }

    /// A request to `path`?`query`, signed (RFC 9421, Ed25519) over what the service requires
    /// (`@method`, `@authority`, `@path`, `@query`) and the header fields `covered`, which it carries.
    private func signed(
        _ method: HTTPMethod, _ path: String, query: String?, covering covered: [(String, String)]
    ) throws -> HTTPClientRequest {
        let parts = HTTPRequestParts(
            method: method.rawValue, scheme: location.scheme, authority: location.authority, path: path, query: query,
            headers: covered.map { ($0.0.lowercased(), $0.1) })
        let fields = try MessageSigner.sign(
            parts, label: "vtf",
            parameters: SignatureParameters(
                components: ["@method", "@authority", "@path", "@query"] + covered.map { $0.0.lowercased() }, created: now(),
                keyID: key.publicKey.keyID, algorithm: "ed25519"),
            key: key)
        var request = HTTPClientRequest(url: "\(location)\(path)\(query.map { "?" + $0 } ?? "")")
        request.method = method
        for (name, value) in covered { request.headers.add(name: name, value: value) }
        request.headers.add(name: "Signature-Input", value: fields.signatureInput)
        request.headers.add(name: "Signature", value: fields.signature)
        return request
    }

    /// Why `location` could not be reached, in words that name the fix; `runningThere` names
    /// what should answer there.
    static func unreachable(
        _ location: RemoteLocation, _ error: any Error, recording: Bool = false, runningThere: String = "vtf serve"
    ) -> RemoteError {
        let text = "\(error)"
        let why: String
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            why = "its certificate is not one this machine trusts; if the fund runs its own certificate authority, set VTF_CA_FILE to that authority's certificate (PEM)"
        } else if text.contains("Connection refused") {
            why = "nothing answers there (connection refused); check the address and port, and that \(runningThere) runs there"
        } else if text.contains("lookup") || text.contains("NXDOMAIN") || text.contains("Name or service not known") {
            why = "the host name is not known; check the address"
        } else if text.lowercased().contains("timeout") || text.lowercased().contains("timed out") {
            why = "it did not answer in time; check the address, the network, and that \(runningThere) runs there"
        } else {
            why = "\(text); check the address and that \(runningThere) runs there"
        }
        return RemoteError(.unreachable, "cannot reach \(location)\(recording ? " to record" : ""): \(why)\(recording ? " (the entry may not have been recorded: run the command again, which finds it if it was)" : "")")
    }

    /// The `message` of a service's `{"error", "message"}`, or the start of the answer.
    static func message(of bytes: [UInt8]) -> String {
        if let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], let message = object["message"] as? String {
            return message
        }
        return String(decoding: bytes.prefix(200), as: UTF8.self)
    }
}
