/// A ledger service's address, as `--ledger https://HOST[:PORT]` names it: `https`, or `http`
/// on this machine only (a signature is no secret, but the entries it fetches name grantees).
public struct RemoteLocation: Hashable, Sendable, CustomStringConvertible {
    /// `https` or `http`.
    public let scheme: String
    /// The host, lower case (an IPv6 address without its brackets).
    public let host: String
    /// The port, or nil for the scheme's own.
    public let port: Int?

    /// The hosts plain `http` may reach.
    public static let loopback: Set<String> = ["localhost", "127.0.0.1", "::1"]

    /// The service `url` names. Refuses a path, a query, a user name or password, and plain
    /// `http` to another machine.
    public init(_ url: String) throws(RemoteError) {
        guard let separator = url.range(of: "://") else {
            throw RemoteError(.badURL, "\(url) is not a URL; give https://HOST[:PORT]")
        }
        scheme = url[..<separator.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else {
            throw RemoteError(.badURL, "\(scheme):// is not a ledger service's scheme; give https://HOST[:PORT]")
        }
        var rest = Substring(url[separator.upperBound...])
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.contains("/"), !rest.contains("?"), !rest.contains("#") else {
            throw RemoteError(.badURL, "\(url): a ledger service is named by its host and port only; leave out the path")
        }
        guard !rest.contains("@") else {
            throw RemoteError(.badURL, "\(url): no user name or password in the URL; a ledger service knows you by your key (VTF_KEY)")
        }
        var hostPart = rest
        var portPart: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw RemoteError(.badURL, "\(url): an IPv6 address ends with ]") }
            hostPart = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() } else if !after.isEmpty {
                throw RemoteError(.badURL, "\(url): give https://[ADDRESS]:PORT")
            }
        } else if let colon = rest.lastIndex(of: ":") {
            hostPart = rest[..<colon]
            portPart = rest[rest.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { throw RemoteError(.badURL, "\(url) names no host") }
        host = hostPart.lowercased()
        if let portPart {
            guard let number = Int(portPart), (1...65_535).contains(number), String(number) == portPart else {
                throw RemoteError(.badURL, "\(url): the port \(portPart) is not a number from 1 to 65535")
            }
            port = number
        } else {
            port = nil
        }
        guard scheme == "https" || Self.loopback.contains(host) else {
            throw RemoteError(.badURL, "\(url): plain http reaches this machine only (localhost, 127.0.0.1, [::1]); use https:// for \(host)")
        }
    }

    /// The authority as a request names it: host, and the port unless it is the scheme's own.
    public var authority: String {
        let name = host.contains(":") ? "[\(host)]" : host
        guard let port, port != (scheme == "https" ? 443 : 80) else { return name }
        return "\(name):\(port)"
    }

    /// `scheme://authority`.
    public var description: String { "\(scheme)://\(authority)" }
}
