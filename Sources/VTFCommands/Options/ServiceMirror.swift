import Foundation
public import LedgerClient
public import LedgerJournal
public import LedgerStore
import SQLiteStore
import SafeIO

/// A ledger read through a ledger service (`--ledger https://HOST`): vtf keeps a mirror of it on
/// this machine, brings it up to the service's latest checkpoint with requests signed by the
/// person's key (VTF_KEY), checking every entry and checkpoint as a store copy does, and the
/// command reads the mirror: the same output, statuses and refusals as on a local ledger.
public enum ServiceMirror {
    /// Where mirrors are kept: $VTF_MIRROR_DIR, else $XDG_CACHE_HOME/vtf/mirrors, else
    /// ~/.cache/vtf/mirrors.
    static func folder() -> String {
        let environment = GlobalOptions.environment
        if let dir = environment["VTF_MIRROR_DIR"], !dir.isEmpty { return dir }
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache").path
        return cache + "/vtf/mirrors"
    }

    /// The mirror file of the service at `location`, in `folder` (default ``folder()``).
    static func path(of location: RemoteLocation, in folder: String? = nil) -> String {
        let name = location.authority.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? String($0) : "_" }.joined()
        return (folder ?? Self.folder()) + "/\(location.scheme)_\(name).ledger"
    }

    /// The service at `location` to record through: its mirror for reading, brought up to the
    /// service's checkpoint, and appends drafted and signed here (``ServiceLedger``) by the
    /// mirror's own append path, rolled back (`LedgerFile.signUnrecorded`).
    public static func openForWriting(_ location: RemoteLocation, keyPath: String?, rules: LedgerRules, folder: String? = nil) async throws -> any LedgerWriting {
        let (mirror, remote) = try await synced(location, keyPath: keyPath, rules: rules, folder: folder)
        return ServiceLedger(mirror: mirror, remote: remote, lockPath: path(of: location, in: folder) + ".lock") { drafts, author in
            try await mirror.run { _ in try mirror.file.signUnrecorded(drafts, author: author) }
        }
    }

    /// A donor's statement as the service at `location` signs it (JSON), fetched with VTF_KEY:
    /// the fund's keys read any donor's, a donor's own key (role donor) that donor's alone.
    static func statement(_ location: RemoteLocation, donor: String, from: String?, to: String?) async throws -> [UInt8] {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let query = [("donor", donor), ("from", from), ("to", to)].compactMap { name, value in
            value.map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
        }.joined(separator: "&")
        return try await remote(location, keyPath: nil).get("/v1/statement", query: query)
    }

    /// The mirror of the service at `location`, brought up to its latest checkpoint.
    public static func open(_ location: RemoteLocation, rules: LedgerRules, keyPath: String? = nil, folder: String? = nil) async throws -> any LedgerReading {
        try await synced(location, keyPath: keyPath, rules: rules, folder: folder).mirror
    }

    /// The service at `location`, reached with the person's key (`keyPath`, else $VTF_KEY) and
    /// trusting $VTF_CA_FILE's certificates when set.
    private static func remote(_ location: RemoteLocation, keyPath given: String?) throws -> RemoteLedger {
        guard let keyPath = given ?? GlobalOptions.environment["VTF_KEY"], !keyPath.isEmpty else {
            throw InputError("--ledger \(location): a ledger service answers registered keys only; set VTF_KEY to your private key file")
        }
        let key = try GlobalOptions.readPrivateKey(at: keyPath, passphraseVariable: "VTF_KEY_PASSPHRASE")
        let trustRoots = GlobalOptions.environment["VTF_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if let trustRoots { try InputFile.check(trustRoots, option: "VTF_CA_FILE") }
        return RemoteLedger(location, key: key, trustRoots: trustRoots)
    }

    /// The mirror, synced, and the service.
    private static func synced(
        _ location: RemoteLocation, keyPath: String?, rules: LedgerRules, folder place: String? = nil
    ) async throws -> (mirror: SQLiteLedger, remote: RemoteLedger) {
        let remote = try remote(location, keyPath: keyPath)
        let folder = place ?? folder()
        let path = path(of: location, in: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // One sync at a time per mirror: a second vtf waits here, then finds the entries added.
        let lock = try MirrorLock(path + ".lock")
        defer { lock.release() }
        let exists = FileManager.default.fileExists(atPath: path)
        let mirror = exists
            ? try await SQLiteLedger.open(at: path, mode: .readWrite, rules: rules)
            : try await SQLiteLedger.createEmpty(at: path, rules: rules)
        if !exists { chmod(path, 0o600) }
        _ = try await MirrorSync.sync(remote, into: mirror)
        return (mirror, remote)
    }
}
