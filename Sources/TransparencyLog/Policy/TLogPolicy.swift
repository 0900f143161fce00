/// A C2SP transparency log policy (c2sp.org/tlog-policy): the logs whose checkpoints are
/// accepted, the known witnesses, and the quorum of witnesses that must have cosigned a
/// checkpoint for it to count. With it, "audited" means "cosigned by a quorum the reader chose".
public struct TLogPolicy: Sendable {
    /// A witness group: at least `threshold` of its members (witnesses or groups) witnessed.
    struct Group: Sendable {
        let threshold: Int
        let members: [String]
    }

    /// The logs whose signature a checkpoint may carry (empty: the log is known from context).
    public let logs: [NoteVerifier]
    /// The logs' verifier keys as the policy writes them, in the order of ``logs``.
    public let logVerifierKeys: [String]
    /// The witnesses, by name.
    let witnesses: [String: NoteVerifier]
    /// The groups, by name.
    let groups: [String: Group]
    /// The name the quorum refers to; `none` when no cosignature is required.
    public let quorum: String

    /// The most bytes a policy may hold, and the most logs, witnesses and groups (the spec asks
    /// for at least 32 of each).
    public static let maxBytes = 64 << 10
    /// See ``maxBytes``.
    public static let maxEntities = 256

    /// Parses a policy; throws a ``TLogPolicyError`` naming the line that is wrong.
    public init(text: String) throws(TLogPolicyError) {
        let bytes = Array(text.utf8)
        guard bytes.count <= Self.maxBytes else { throw TLogPolicyError(line: 0, "the policy is larger than \(Self.maxBytes) bytes") }
        if let bad = bytes.firstIndex(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A || $0 == 0x7F }) {
            let line = bytes[..<bad].count { $0 == 0x0A } + 1
            throw TLogPolicyError(line: line, "control character 0x\(String(bytes[bad], radix: 16)) (only tab and newline are allowed)")
        }
        var parser = Parser()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            try parser.read(line, number: index + 1)
        }
        guard let quorum = parser.quorum else { throw TLogPolicyError(line: 0, "the policy has no quorum line (quorum NAME, or quorum none)") }
        logs = parser.logs
        logVerifierKeys = parser.logKeys
        witnesses = parser.witnesses
        groups = parser.groups
        self.quorum = quorum
    }

    /// The names of the witnesses whose cosignature on `note` verifies.
    public func witnessesWhoCosigned(_ note: SignedNote) -> Set<String> {
        Set(witnesses.compactMap { name, verifier in
            note.signatures.contains {
                $0.name == verifier.name && $0.keyID == verifier.keyID && Cosignature.verify($0, checkpointText: note.text, verifier: verifier).ok
            } ? name : nil
        })
    }

    /// Whether `name` (a witness or a group, or `none`) witnessed, given who cosigned. Each group
    /// is decided once: groups that share members (a group listing two groups that each list the
    /// same two groups, and so on) would otherwise be decided again on every path to them, 2^n
    /// times for n such levels (a 2.7 KB policy ran for hours).
    func witnessed(_ name: String, by cosigned: Set<String>) -> Bool {
        var decided: [String: Bool] = [:]
        return witnessed(name, by: cosigned, decided: &decided)
    }

    private func witnessed(_ name: String, by cosigned: Set<String>, decided: inout [String: Bool]) -> Bool {
        if name == "none" { return true }
        if witnesses[name] != nil { return cosigned.contains(name) }
        if let known = decided[name] { return known }
        guard let group = groups[name] else { return false }
        var count = 0
        for member in group.members where witnessed(member, by: cosigned, decided: &decided) { count += 1 }
        decided[name] = count >= group.threshold
        return count >= group.threshold
    }

    /// Checks the checkpoint `note`: signed by one of the policy's logs (by `log` when the policy
    /// lists none), and cosigned by its quorum. Returns the checkpoint and who cosigned it.
    public func check(note text: String, log: NoteVerifier?) throws(TLogPolicyError) -> (checkpoint: Checkpoint, cosigned: Set<String>) {
        let candidates = logs.isEmpty ? (log.map { [$0] } ?? []) : logs
        guard !candidates.isEmpty else { throw TLogPolicyError(line: 0, "the policy names no log and no log key was given") }
        var checked: LogCheckpoint?
        for verifier in candidates where checked == nil {
            checked = try? LogCheckpoint(note: text, verifier: verifier)
        }
        guard let checked else {
            throw TLogPolicyError(line: 0, "the checkpoint is not signed by a log the policy accepts (\(candidates.map(\.name).joined(separator: ", ")))")
        }
        let cosigned = witnessesWhoCosigned(checked.note)
        guard witnessed(quorum, by: cosigned) else {
            let who = cosigned.isEmpty ? "no witness of the policy" : "only " + cosigned.sorted().joined(separator: ", ")
            throw TLogPolicyError(line: 0, "the checkpoint is not cosigned by the policy's quorum (\(quorum)): \(who) cosigned it")
        }
        return (checked.checkpoint, cosigned)
    }
}

extension TLogPolicy {
    /// Reads a policy line by line, in order: names are defined before they are used.
    struct Parser {
        var logs: [NoteVerifier] = []
        var logKeys: [String] = []
        var witnesses: [String: NoteVerifier] = [:]
        var groups: [String: Group] = [:]
        var quorum: String?
        var keys: Set<[UInt8]> = []

        mutating func read(_ line: Substring, number: Int) throws(TLogPolicyError) {
            let items = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let keyword = items.first, !keyword.hasPrefix("#") else { return }
            guard logs.count + witnesses.count + groups.count < TLogPolicy.maxEntities else {
                throw TLogPolicyError(line: number, "more than \(TLogPolicy.maxEntities) logs, witnesses and groups")
            }
            switch keyword {
            case "log":
                guard (2...3).contains(items.count) else { throw TLogPolicyError(line: number, "log VKEY [URL]") }
                logs.append(try key(items[1], type: NoteKeyID.ed25519, line: number))
                logKeys.append(items[1])
            case "witness":
                guard (3...4).contains(items.count) else { throw TLogPolicyError(line: number, "witness NAME VKEY [URL]") }
                try checkNew(items[1], line: number)
                witnesses[items[1]] = try key(items[2], type: NoteKeyID.cosignature, line: number)
            case "group":
                try group(items, line: number)
            case "quorum":
                guard items.count == 2 else { throw TLogPolicyError(line: number, "quorum NAME") }
                guard quorum == nil else { throw TLogPolicyError(line: number, "a second quorum line (a policy has exactly one)") }
                guard items[1] == "none" || witnesses[items[1]] != nil || groups[items[1]] != nil else {
                    throw TLogPolicyError(line: number, "the quorum names \(items[1]), which no earlier line defines")
                }
                quorum = items[1]
            default:
                throw TLogPolicyError(line: number, "unknown line \"\(keyword)\" (log, witness, group or quorum)")
            }
        }

        mutating func group(_ items: [String], line: Int) throws(TLogPolicyError) {
            guard items.count >= 4 else { throw TLogPolicyError(line: line, "group NAME all|any|K MEMBER…") }
            try checkNew(items[1], line: line)
            let members = Array(items[3...])
            guard Set(members).count == members.count else { throw TLogPolicyError(line: line, "a member is listed twice") }
            for member in members where witnesses[member] == nil && groups[member] == nil {
                throw TLogPolicyError(line: line, "member \(member) is not a witness or group defined on an earlier line")
            }
            let threshold: Int
            switch items[2] {
            case "all": threshold = members.count
            case "any": threshold = 1
            default:
                guard let k = Int(items[2]), String(k) == items[2], (1...members.count).contains(k) else {
                    throw TLogPolicyError(line: line, "the threshold \(items[2]) is not all, any or a number from 1 to \(members.count)")
                }
                threshold = k
            }
            groups[items[1]] = Group(threshold: threshold, members: members)
        }

        func checkNew(_ name: String, line: Int) throws(TLogPolicyError) {
            guard name != "none" else { throw TLogPolicyError(line: line, "the name none is reserved") }
            guard witnesses[name] == nil, groups[name] == nil else { throw TLogPolicyError(line: line, "\(name) is defined twice") }
        }

        mutating func key(_ text: String, type: UInt8, line: Int) throws(TLogPolicyError) -> NoteVerifier {
            let verifier: NoteVerifier
            do { verifier = try NoteVerifier(verifierKey: text) } catch { throw TLogPolicyError(line: line, "\(text): \(error)") }
            guard verifier.type == type else {
                throw TLogPolicyError(line: line, "\(verifier.name): a \(type == NoteKeyID.ed25519 ? "log" : "witness") key must be of type 0x0\(type)")
            }
            guard keys.insert(verifier.publicKey.rawRepresentation).inserted else {
                throw TLogPolicyError(line: line, "the key of \(verifier.name) is listed twice")
            }
            return verifier
        }
    }
}

/// A policy that does not parse or a checkpoint it does not accept; says why, with the line.
public struct TLogPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The policy's line (1-based); 0 when the error is not about one line.
    public let line: Int
    /// What is wrong.
    public let message: String

    init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    /// "policy line N: …", or the message alone.
    public var description: String { line > 0 ? "policy line \(line): \(message)" : message }
}
