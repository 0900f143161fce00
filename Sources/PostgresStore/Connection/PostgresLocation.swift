import Foundation
public import LedgerStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a PostgreSQL ledger is kept, as `--ledger` (or `VTF_LEDGER`) names it:
/// `postgresql://USER@HOST[:PORT]/DB[?schema=NAME&sslmode=MODE]` (also `postgres://`).
///
/// - `USER` is optional: `PGUSER`, else the login name, as libpq does.
/// - `HOST` is a host name, an IPv4 address or a bracketed IPv6 address (`[::1]`); one host only.
/// - `PORT` defaults to 5432.
/// - `DB` is required (libpq's fallback to the user name would put a fund's books in a database
///   nobody named).
/// - `schema` is the PostgreSQL schema holding this ledger's tables (one database may hold
///   several ledgers, one schema each): lower-case letters, digits and underscores, at most 63
///   bytes, not starting with a digit or `pg_`; default `vtf`.
/// - `sslmode` is `disable`, `prefer`, `require` or `verify-full`; when the URL has none,
///   `PGSSLMODE`, else `prefer` (libpq's default): see ``SSLMode``.
/// - `sslrootcert` (optional) is a PEM file of the certificate authorities `verify-full` trusts
///   instead of the system's.
///
/// A password in the URL is refused (``PostgresLocationError/Code/passwordInURL``): a command
/// line is visible to every user of the machine (`ps`) and stays in shell history. The password
/// comes from `PGPASSWORD` or the password file (``lookUpPassword()``), as libpq users expect.
/// No message or ``description`` of this type ever contains a password.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection to the server is protected.
    ///
    /// The default is ``prefer``, as in libpq and `psql`, so that a URL that works there works
    /// here: TLS when the server offers it, else an unencrypted connection. `prefer` protects
    /// against a passive listener only when the server has TLS, and never against an active
    /// attacker, who can refuse TLS or present any certificate: across a network a fund should
    /// use `verify-full`.
    public enum SSLMode: String, Sendable, CaseIterable {
        /// No TLS: for a server on loopback or a socket on the same machine.
        case disable = "disable"
        /// TLS if the server offers it, else unencrypted; the certificate is not checked.
        case prefer = "prefer"
        /// TLS or no connection; the certificate is not checked (encryption against passive
        /// listeners only).
        case require = "require"
        /// TLS or no connection; the server's certificate must chain to a trusted authority
        /// (the system's, or ``PostgresLocation/sslRootCertificatePath``) and name the host.
        case verifyFull = "verify-full"
    }

    /// The schema used when the URL names none.
    public static let defaultSchema = "vtf"
    /// The port used when the URL names none.
    public static let defaultPort = 5432
    /// PostgreSQL's longest identifier in bytes (NAMEDATALEN − 1).
    public static let identifierBytesMax = 63

    /// The role to connect as.
    public let user: String
    /// The server's host name or address (an IPv6 address without its brackets).
    public let host: String
    /// The server's TCP port.
    public let port: Int
    /// The database holding the ledger's schema.
    public let database: String
    /// The PostgreSQL schema holding this ledger's tables (a safe identifier, see ``quotedSchema``).
    public let schema: String
    /// How the connection is protected.
    public let sslMode: SSLMode
    /// A PEM file of the certificate authorities to trust instead of the system's, or nil.
    public let sslRootCertificatePath: String?

    /// The location named by `url`, with defaults from this process's environment (`PGUSER`,
    /// `PGSSLMODE`) and login name.
    ///
    /// - Throws: ``PostgresLocationError`` (exit status 2) naming what is wrong and the fix;
    ///   never echoing a password.
    public init(_ url: String) throws(PostgresLocationError) {
        try self.init(url, environment: ProcessInfo.processInfo.environment)
    }

    /// The location named by `url`, with defaults from `environment` (`PGUSER`, `PGSSLMODE`) and,
    /// without `PGUSER`, the login name.
    ///
    /// - Throws: ``PostgresLocationError`` (exit status 2) naming what is wrong and the fix;
    ///   never echoing a password.
    public init(_ url: String, environment: [String: String]) throws(PostgresLocationError) {
        let parts = try PostgresURLParts(url)
        try self.init(parts: parts, environment: environment)
    }

    /// Whether `value` is meant as a PostgreSQL URL (`postgresql://` or `postgres://`, any case),
    /// so a caller can choose this store before parsing.
    public static func isPostgresURL(_ value: String) -> Bool {
        PostgresURLParts.schemeLength(of: value) != nil
    }

    /// The schema name as an SQL identifier, quoted (`"vtf"`), for statements that name it.
    public var quotedSchema: String { Self.quotedIdentifier(schema) }

    /// `name` as a quoted SQL identifier: in double quotes, each double quote doubled. (The
    /// schema name is already restricted to safe characters; this quotes it anyway.)
    public static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The location as a URL with every part spelled out (user, port, schema, sslmode): no
    /// password, since a location never holds one. Parsing it gives this location again.
    public var description: String {
        var url = "postgresql://\(PostgresURLParts.percentEncoded(user))@"
        url += host.contains(":") ? "[\(host)]" : host
        url += ":\(port)/\(PostgresURLParts.percentEncoded(database))?schema=\(schema)&sslmode=\(sslMode.rawValue)"
        if let sslRootCertificatePath {
            url += "&sslrootcert=\(PostgresURLParts.percentEncoded(sslRootCertificatePath))"
        }
        return url
    }

    private init(parts: PostgresURLParts, environment: [String: String]) throws(PostgresLocationError) {
        let user = parts.user ?? environment["PGUSER"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.loginName()
        guard let user else {
            throw PostgresLocationError(.badUser, "the PostgreSQL URL names no user and this process has no login name: write postgresql://USER@HOST/DB or set PGUSER")
        }
        try Self.checkName(user, what: "user", code: .badUser)
        try Self.checkName(parts.database, what: "database", code: .badDatabase)
        try Self.checkSchema(parts.schema ?? Self.defaultSchema)
        let modeName = parts.sslMode ?? environment["PGSSLMODE"].flatMap { $0.isEmpty ? nil : $0 }
        let sslMode = try modeName.map { name throws(PostgresLocationError) in try Self.sslMode(name, fromURL: parts.sslMode != nil) }
        self.user = user
        self.host = parts.host
        self.port = parts.port ?? Self.defaultPort
        self.database = parts.database
        self.schema = parts.schema ?? Self.defaultSchema
        self.sslMode = sslMode ?? .prefer
        self.sslRootCertificatePath = parts.sslRootCertificatePath
        precondition((1...65_535).contains(self.port), "a parsed port is in range")
        precondition(!self.host.isEmpty && !self.database.isEmpty, "a parsed location names a host and a database")
    }

    private static func sslMode(_ name: String, fromURL: Bool) throws(PostgresLocationError) -> SSLMode {
        if let mode = SSLMode(rawValue: name) { return mode }
        let origin = fromURL ? "sslmode=\(name) in the PostgreSQL URL" : "PGSSLMODE=\(name)"
        let hint = name == "allow" || name == "verify-ca"
            ? " (vtf does not offer \(name): use prefer instead of allow, verify-full instead of verify-ca)" : ""
        throw PostgresLocationError(.badSSLMode, "\(origin) is not a TLS mode vtf knows\(hint): give one of disable, prefer, require, verify-full")
    }

    /// A user or database name: 1 to 63 bytes, no control character.
    private static func checkName(_ name: String, what: String, code: PostgresLocationError.Code) throws(PostgresLocationError) {
        guard !name.isEmpty else {
            throw PostgresLocationError(code, "the PostgreSQL URL names an empty \(what): write postgresql://USER@HOST/DB")
        }
        guard name.utf8.count <= identifierBytesMax else {
            throw PostgresLocationError(code, "the \(what) name in the PostgreSQL URL is \(name.utf8.count) bytes long; PostgreSQL names are at most \(identifierBytesMax) bytes")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw PostgresLocationError(code, "the \(what) name in the PostgreSQL URL contains a control character: give the name as PostgreSQL spells it")
        }
    }

    /// A schema name vtf will create and name in SQL: `[a-z_][a-z0-9_]*`, at most 63 bytes, not
    /// `pg_…` (reserved by PostgreSQL). Lower case only: PostgreSQL folds unquoted names to lower
    /// case, so a `Fund` schema would be a different one from what `psql` users type as `Fund`.
    private static func checkSchema(_ name: String) throws(PostgresLocationError) {
        let fix = "give schema=NAME with lower-case letters, digits and underscores, not starting with a digit (default \(defaultSchema))"
        guard !name.isEmpty else { throw PostgresLocationError(.badSchema, "schema= in the PostgreSQL URL is empty: \(fix)") }
        guard name.utf8.count <= identifierBytesMax else {
            throw PostgresLocationError(.badSchema, "the schema name in the PostgreSQL URL is \(name.utf8.count) bytes long; at most \(identifierBytesMax): \(fix)")
        }
        let allowed = name.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") }
        guard allowed, let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            let shown = name.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.generalCategory != .control } ? " '\(name)'" : ""
            throw PostgresLocationError(.badSchema, "the schema name\(shown) in the PostgreSQL URL is not a safe identifier: \(fix)")
        }
        guard !name.hasPrefix("pg_") else {
            throw PostgresLocationError(.badSchema, "the schema name '\(name)' starts with pg_, which PostgreSQL reserves for its own schemas: \(fix)")
        }
    }

    /// The effective user's login name, as libpq's default user, or nil.
    static func loginName() -> String? {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
        let login = String(cString: name)
        return login.isEmpty ? nil : login
    }
}

// MARK: - Errors

/// Why a PostgreSQL URL was refused: a stable ``Code`` beside a message naming what is wrong and
/// the fix. Every one is the user's to fix (exit status 2); no message contains a password.
public struct PostgresLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the URL, stable for programs and tests.
    public enum Code: String, Sendable, CaseIterable {
        /// Not a `postgresql://` or `postgres://` URL.
        case notPostgresURL = "not-postgres-url"
        /// The URL holds a password (`USER:PASSWORD@` or `password=`). Fix: remove it and give it
        /// in `PGPASSWORD` or `~/.pgpass`.
        case passwordInURL = "password-in-url"
        /// The URL's shape is wrong (no host part, a fragment, a bad percent escape).
        case malformed = "malformed"
        /// The user name is empty, too long or has a control character, or there is none.
        case badUser = "bad-user"
        /// The host is missing, or is a list or a socket folder.
        case badHost = "bad-host"
        /// The port is not a number from 1 to 65535.
        case badPort = "bad-port"
        /// The database name is missing, empty, too long or has a control character.
        case badDatabase = "bad-database"
        /// The schema name is not a safe identifier.
        case badSchema = "bad-schema"
        /// The TLS mode is not one vtf knows.
        case badSSLMode = "bad-sslmode"
        /// A query parameter vtf does not know, or one given twice.
        case badParameter = "bad-parameter"
    }

    /// What is wrong, stable for programs and tests.
    public let code: Code
    /// What is wrong and the fix, for a person; never a password.
    public let message: String

    /// An error with a stable code and a message naming what is wrong and the fix.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// The same refusal as vtf's storage error (`StoreError.Code.badInput`, exit status 2), for
    /// callers that report only `StoreError`s.
    public var storeError: StoreError { StoreError(.badInput, message) }
}

// MARK: - The URL's parts

/// A PostgreSQL URL taken apart, before defaults: what the text says, percent escapes decoded.
/// Refuses a password before looking at anything else, so no later message can contain one.
struct PostgresURLParts: Equatable {
    var user: String?
    var host: String
    var port: Int?
    var database: String
    var schema: String?
    var sslMode: String?
    var sslRootCertificatePath: String?

    static let schemes = ["postgresql://", "postgres://"]
    static let parameters = ["schema", "sslmode", "sslrootcert"]
    static let passwordFix = "a password on a command line or in VTF_LEDGER is visible to every user of this machine (ps, /proc) and stays in shell history. Remove it from the URL and give it in PGPASSWORD or ~/.pgpass (or the file PGPASSFILE names)"

    /// The length of the scheme and `//` that `value` starts with, or nil if it is no PostgreSQL URL.
    static func schemeLength(of value: String) -> Int? {
        let lower = value.prefix(16).lowercased()
        return schemes.first { lower.hasPrefix($0) }.map(\.count)
    }

    init(_ url: String) throws(PostgresLocationError) {
        guard let schemeLength = Self.schemeLength(of: url) else {
            throw PostgresLocationError(.notPostgresURL, "not a PostgreSQL URL: write postgresql://USER@HOST[:PORT]/DB[?schema=NAME]")
        }
        let rest = url.dropFirst(schemeLength)
        let (beforeQuery, query) = Self.split(rest, at: "?")
        let (authority, path) = Self.split(beforeQuery, at: "/")
        var userInfo: Substring?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
        }
        // The password first: nothing after this may echo a part of the URL that could hold one.
        if let userInfo, userInfo.contains(":") {
            throw PostgresLocationError(.passwordInURL, "the PostgreSQL URL holds a password (USER:…@): \(Self.passwordFix)")
        }
        let parameters = try Self.parameters(query)
        guard !rest.contains("#") else {
            throw PostgresLocationError(.malformed, "the PostgreSQL URL has a fragment (#…): remove it")
        }
        self.user = try userInfo.map { info throws(PostgresLocationError) in try Self.decoded(info, what: "user name") }
        (self.host, self.port) = try Self.hostAndPort(hostPort)
        guard let path, !path.isEmpty else {
            throw PostgresLocationError(.badDatabase, "the PostgreSQL URL names no database: write postgresql://USER@HOST[:PORT]/DB")
        }
        guard !path.contains("/") else {
            throw PostgresLocationError(.badDatabase, "the PostgreSQL URL's database part has a '/': give one database name after HOST[:PORT]/")
        }
        self.database = try Self.decoded(path, what: "database name")
        self.schema = parameters["schema"]
        self.sslMode = parameters["sslmode"]
        self.sslRootCertificatePath = parameters["sslrootcert"]
    }

    private static func split(_ text: Substring, at separator: Character) -> (Substring, Substring?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (text[..<index], text[text.index(after: index)...])
    }

    /// The query's parameters, decoded; refuses `password=` (without echoing it), unknown names
    /// and repeats.
    private static func parameters(_ query: Substring?) throws(PostgresLocationError) -> [String: String] {
        guard let query, !query.isEmpty else { return [:] }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: true).map { split($0, at: "=") }
        if pairs.contains(where: { $0.0.lowercased() == "password" }) {
            throw PostgresLocationError(.passwordInURL, "the PostgreSQL URL holds a password (password=…): \(passwordFix)")
        }
        var result: [String: String] = [:]
        for (rawName, rawValue) in pairs {
            let name = String(rawName)
            guard parameters.contains(name) else {
                let shown = name.utf8.count <= 40 && name.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.generalCategory != .control } ? " '\(name)'" : ""
                throw PostgresLocationError(.badParameter, "the PostgreSQL URL has a parameter\(shown) vtf does not know: give only schema=, sslmode= and sslrootcert=")
            }
            guard result[name] == nil else {
                throw PostgresLocationError(.badParameter, "the PostgreSQL URL gives \(name)= twice: give it once")
            }
            result[name] = try decoded(rawValue ?? "", what: "\(name)= value")
        }
        return result
    }

    /// `HOST[:PORT]`, `[IPv6][:PORT]`; one host (no list, no socket folder).
    private static func hostAndPort(_ text: Substring) throws(PostgresLocationError) -> (String, Int?) {
        let host: Substring
        let portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw PostgresLocationError(.badHost, "the PostgreSQL URL's IPv6 host has no closing ']': write postgresql://USER@[ADDRESS]:PORT/DB")
            }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else {
                throw PostgresLocationError(.badHost, "the PostgreSQL URL has text after the IPv6 host's ']': write postgresql://USER@[ADDRESS]:PORT/DB")
            }
            portText = after.isEmpty ? nil : after.dropFirst()
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw PostgresLocationError(.badHost, "the PostgreSQL URL's IPv6 host is not an IPv6 address: write postgresql://USER@[ADDRESS]:PORT/DB")
            }
        } else {
            (host, portText) = split(text, at: ":")
            guard !host.isEmpty else {
                throw PostgresLocationError(.badHost, "the PostgreSQL URL names no host: write postgresql://USER@HOST[:PORT]/DB (127.0.0.1 for this machine)")
            }
            guard !host.contains(",") else {
                throw PostgresLocationError(.badHost, "the PostgreSQL URL names several hosts: give one host (a standby is a ledger URL of its own)")
            }
            let hostByte: (UInt8) -> Bool = { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            }
            guard host.utf8.allSatisfy(hostByte), host.utf8.count <= 253 else {
                throw PostgresLocationError(.badHost, "the PostgreSQL URL's host is not a host name or IP address (letters, digits, '-', '.'; a socket folder is not supported): write postgresql://USER@HOST[:PORT]/DB")
            }
        }
        guard let portText else { return (String(host), nil) }
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(portText), (1...65_535).contains(port) else {
            // Not echoed: in `USER:PASSWORD/DB` (the @ forgotten) the "port" is a password.
            throw PostgresLocationError(.badPort, "the PostgreSQL URL's port is not a number from 1 to 65535: write HOST:PORT, or leave :PORT out for 5432")
        }
        return (String(host), port)
    }

    /// Percent escapes decoded (`%2F` → `/`); refuses a bad escape or bytes that are not UTF-8.
    private static func decoded(_ text: Substring, what: String) throws(PostgresLocationError) -> String {
        guard text.contains("%") else { return String(text) }
        guard let decoded = String(text).removingPercentEncoding else {
            throw PostgresLocationError(.malformed, "the PostgreSQL URL's \(what) has a bad percent escape (% must be followed by two hex digits, and the bytes must be UTF-8): write %25 for a %")
        }
        return decoded
    }

    /// `text` with every byte but letters, digits and `-._~` percent-encoded, for a URL.
    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~".unicodeScalars.contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}

// MARK: - The password

/// A password, kept out of every printout: its `description`, `debugDescription` and mirror
/// show only that it is hidden, so neither a log line, a `dump` nor an error can carry it.
public struct PostgresPassword: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The password itself, for the connection's authentication only.
    public let secret: String

    /// A password; never printed.
    public init(_ secret: String) {
        self.secret = secret
    }

    /// `(password hidden)`.
    public var description: String { "(password hidden)" }
    /// `(password hidden)`.
    public var debugDescription: String { description }
    /// A mirror with no children, so `dump` and reflection show no password.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// Where a password was found, and what was noticed on the way, as libpq looks for it.
public struct PostgresPasswordLookup: Sendable, Equatable {
    /// Where the password came from.
    public enum Source: Sendable, Equatable {
        /// The `PGPASSWORD` environment variable.
        case environment
        /// A line of this password file.
        case passwordFile(path: String, line: Int)
    }

    /// The password, or nil when none applies (the server may not ask for one).
    public let password: PostgresPassword?
    /// Where it came from, or nil.
    public let source: Source?
    /// What a person should know: a password file ignored because group or others can read
    /// it, or because it is not a regular file or too long. Never a password.
    public let warnings: [String]
}

extension PostgresLocation {
    /// The largest password file read, in bytes; a longer one is ignored with a warning.
    public static let passwordFileBytesMax = 1 << 20

    /// The password for this location, looked up as libpq does, in this process's environment
    /// and home folder: see ``lookUpPassword(environment:homeDirectory:)``.
    public func lookUpPassword() -> PostgresPasswordLookup {
        lookUpPassword(environment: ProcessInfo.processInfo.environment, homeDirectory: nil)
    }

    /// The password for this location, looked up as libpq does:
    ///
    /// 1. `PGPASSWORD`, when set and not empty;
    /// 2. else the password file: `PGPASSFILE`, else `~/.pgpass` (`HOME`, else `homeDirectory`,
    ///    else the user's home folder from the system). Each line is
    ///    `hostname:port:database:username:password`; `#` starts a comment line; a field `*`
    ///    matches anything; `\:` and `\\` stand for `:` and `\`; the first line whose four
    ///    fields match this location's host, port, database and user gives the password.
    ///
    /// A password file that group or others may read or write is ignored with a warning (libpq's
    /// rule: it should be `chmod 0600`), as is one that is not a regular file; a missing file is
    /// no password, silently.
    public func lookUpPassword(environment: [String: String], homeDirectory: String?) -> PostgresPasswordLookup {
        if let password = environment["PGPASSWORD"], !password.isEmpty {
            return PostgresPasswordLookup(password: PostgresPassword(password), source: .environment, warnings: [])
        }
        let path: String
        if let file = environment["PGPASSFILE"], !file.isEmpty {
            path = file
        } else if let home = environment["HOME"].flatMap({ $0.isEmpty ? nil : $0 }) ?? homeDirectory ?? Self.systemHomeDirectory() {
            path = home.hasSuffix("/") ? home + ".pgpass" : home + "/.pgpass"
        } else {
            return PostgresPasswordLookup(password: nil, source: nil, warnings: [])
        }
        return PostgresPasswordFile.lookUp(path: path, location: self)
    }

    static func systemHomeDirectory() -> String? {
        guard let entry = getpwuid(geteuid()), let directory = entry.pointee.pw_dir else { return nil }
        let home = String(cString: directory)
        return home.isEmpty ? nil : home
    }
}

/// libpq's password file: reading it safely and matching its lines.
enum PostgresPasswordFile {
    static func lookUp(path: String, location: PostgresLocation) -> PostgresPasswordLookup {
        var status = stat()
        guard stat(path, &status) == 0 else {
            return PostgresPasswordLookup(password: nil, source: nil, warnings: [])  // none there: silently none
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            return PostgresPasswordLookup(password: nil, source: nil, warnings: ["password file \(path) is not a plain file; it is ignored"])
        }
        guard status.st_mode & (S_IRWXG | S_IRWXO) == 0 else {
            return PostgresPasswordLookup(password: nil, source: nil, warnings: [
                "password file \(path) has group or world access; it is ignored. Permissions should be u=rw (0600) or less: chmod 0600 \(path)",
            ])
        }
        guard Int(status.st_size) <= PostgresLocation.passwordFileBytesMax else {
            return PostgresPasswordLookup(password: nil, source: nil, warnings: [
                "password file \(path) is longer than \(PostgresLocation.passwordFileBytesMax) bytes; it is ignored",
            ])
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= PostgresLocation.passwordFileBytesMax else {
            return PostgresPasswordLookup(password: nil, source: nil, warnings: [])  // unreadable: as libpq, silently none
        }
        let keys = [location.host, String(location.port), location.database, location.user].map { Array($0.utf8) }
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if let password = match(line: Array(line), keys: keys) {
                return PostgresPasswordLookup(
                    password: password.isEmpty ? nil : PostgresPassword(String(decoding: password, as: UTF8.self)),
                    source: .passwordFile(path: path, line: index + 1), warnings: [])
            }
        }
        return PostgresPasswordLookup(password: nil, source: nil, warnings: [])
    }

    /// The password of `line` if its four fields match `keys` (host, port, database, user), as
    /// libpq's `passwordFromFile` decides; nil for a comment, a blank line or no match.
    static func match(line raw: [UInt8], keys: [[UInt8]]) -> [UInt8]? {
        precondition(keys.count == 4, "host, port, database, user")
        var line = raw[...]
        while let last = line.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: "\n") { line = line.dropLast() }
        guard let first = line.first, first != UInt8(ascii: "#") else { return nil }
        for key in keys {
            guard let rest = fieldMatches(line, key: key) else { return nil }
            line = rest
        }
        // The password: up to the first unescaped ':', each backslash escaping the next byte.
        var password: [UInt8] = []
        var index = line.startIndex
        while index < line.endIndex, line[index] != UInt8(ascii: ":") {
            if line[index] == UInt8(ascii: "\\"), line.index(after: index) < line.endIndex { index = line.index(after: index) }
            password.append(line[index])
            index = line.index(after: index)
        }
        return password
    }

    /// The rest of the line after its first field, if that field is `*` or equals `key` (with
    /// `\` escaping the next byte); else nil. libpq's `pwdfMatchesString`.
    static func fieldMatches(_ line: ArraySlice<UInt8>, key: [UInt8]) -> ArraySlice<UInt8>? {
        let colon = UInt8(ascii: ":"), backslash = UInt8(ascii: "\\")
        if line.count >= 2, line[line.startIndex] == UInt8(ascii: "*"), line[line.startIndex + 1] == colon {
            return line[(line.startIndex + 2)...]
        }
        var index = line.startIndex
        var keyIndex = 0
        while index < line.endIndex {
            var escaped = false
            if line[index] == backslash {
                index += 1
                escaped = true
                guard index < line.endIndex else { return nil }
            }
            if !escaped, line[index] == colon {
                return keyIndex == key.count ? line[(index + 1)...] : nil
            }
            guard keyIndex < key.count, line[index] == key[keyIndex] else { return nil }
            index += 1
            keyIndex += 1
        }
        return nil
    }
}
