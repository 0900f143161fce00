import CanonicalJSON
public import HTTPTypes
public import Hummingbird

/// Why the ledger service refused a request, with a stable code, an HTTP status and a message
/// that names the fix. The body is `{"error": CODE, "message": TEXT}` (JSON); nothing is changed.
public struct ServiceRefusal: Error, HTTPResponseError, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong, stable for programs and tests.
    public enum Code: String, Sendable, CaseIterable {
        /// The request is not signed, or its signature is not accepted (RFC 9421).
        case unauthenticated = "unauthenticated"
        /// The request was signed by a key the ledger does not hold, or holds revoked.
        case unknownKey = "unknown-key"
        /// A parameter or path is malformed or out of range.
        case badRequest = "bad-request"
        /// Nothing is there (a tile beyond the tree, an entry past the end).
        case notFound = "not-found"
        /// The store could not answer (damaged, unreachable).
        case storeFailed = "store-failed"
        /// Another entry was recorded first: draft again against the ledger as it is now.
        case conflict = "conflict"
        /// The ledger's rules refuse the entry (the message is the rule's).
        case ruleRefused = "refused"
        /// This service records nothing (started without the log key).
        case readOnly = "read-only"
        /// The key is registered, but may not read or do this (a donor's key, another donor).
        case forbidden = "forbidden"
        /// The path is served, but not with this method (the answer's `Allow` names those it is).
        case methodNotAllowed = "method-not-allowed"
    }

    /// What was wrong.
    public let code: Code
    /// What was wrong and what to do, in a sentence.
    public let message: String

    /// The methods the path is served with, for a ``Code/methodNotAllowed`` refusal.
    public var allow: [HTTPRequest.Method] = []

    /// A refusal.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The HTTP status of the refusal.
    public var status: HTTPResponse.Status {
        switch code {
        case .unauthenticated, .unknownKey: .unauthorized
        case .badRequest: .badRequest
        case .notFound: .notFound
        case .storeFailed: .serviceUnavailable
        case .conflict: .conflict
        case .ruleRefused: .unprocessableContent
        case .readOnly, .forbidden: .forbidden
        case .methodNotAllowed: .methodNotAllowed
        }
    }

    /// The message.
    public var description: String { message }

    /// The JSON body and status of the refusal.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let text = (try? JSONCanonicalizer.canonicalString(.object(JSONObject([
            ("error", .string(code.rawValue)), ("message", .string(message)),
        ])))) ?? "{\"error\":\"\(code.rawValue)\"}"
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Signature" }
        if !allow.isEmpty { headers[.allow] = allow.map(\.rawValue).joined(separator: ", ") }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
