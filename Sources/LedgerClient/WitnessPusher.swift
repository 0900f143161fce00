import AsyncHTTPClient
import LedgerCrypto
import LedgerJournal
public import LedgerStore
import NIOCore
import TransparencyLog

/// A witness as the ledger service reaches it: `https://HOST[:PORT][/PREFIX]` (plain `http` on
/// this machine only), to which `/add-checkpoint` is added.
public struct WitnessEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The witness's host and port.
    public let location: RemoteLocation
    /// The submission prefix's path, empty or starting with "/", without a trailing "/".
    public let prefix: String

    /// The witness at `url`. Refuses what ``RemoteLocation`` refuses, but a path (the prefix).
    public init(_ url: String) throws(RemoteError) {
        guard url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://") else {
            throw RemoteError(.badURL, "\(url) is not a witness's URL; give https://HOST[:PORT][/PATH]")
        }
        let afterScheme = url.range(of: "://").map { url[$0.upperBound...] } ?? Substring(url)
        let slash = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        var path = String(afterScheme[slash...])
        while path.hasSuffix("/") { path.removeLast() }
        guard !path.contains("?"), !path.contains("#") else {
            throw RemoteError(.badURL, "\(url): a witness's URL has no query; give https://HOST[:PORT][/PATH]")
        }
        location = try RemoteLocation(String(url[..<slash]))
        prefix = path
    }

    /// `scheme://authority/prefix`.
    public var description: String { "\(location)\(prefix)" }
}

/// Sends the ledger's latest checkpoint to its witnesses (C2SP tlog-witness `add-checkpoint`,
/// with the consistency proof from the size each cosigned last) and stores the cosignatures
/// they return, each checked against the ledger's registered auditor keys: what `vtf serve
/// --witness URL` does after every write, and when it starts.
///
/// One push runs at a time; checkpoints recorded meanwhile are covered by the next push, of the
/// latest. A witness that cannot be reached is tried again a while later. A witness that
/// refuses (a split view, a history that does not extend the one it cosigned) cosigns nothing;
/// it is sent each later checkpoint all the same, and every refusal is reported: the fund's
/// operators must find out why.
public actor WitnessPusher {
    /// The witnesses.
    public let witnesses: [WitnessEndpoint]
    /// How long to wait before trying an unreachable witness again.
    public static let retryAfter: Duration = .seconds(30)

    private let store: any LedgerWriting
    private let trustRoots: String?
    private let report: @Sendable (String) -> Void
    /// The size each witness cosigned last, as far as this service knows.
    private var cosigned: [WitnessEndpoint: UInt64] = [:]
    private var pushing = false
    private var again = false

    /// Pushes `store`'s checkpoints to `witnesses`, trusting `trustRoots` (a PEM file) for
    /// https when given, telling `report` what happened (one line each).
    public init(store: any LedgerWriting, witnesses: [WitnessEndpoint], trustRoots: String? = nil, report: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.witnesses = witnesses
        self.trustRoots = trustRoots
        self.report = report
    }

    /// A checkpoint was recorded: pushes the latest to every witness (now, or after the push
    /// under way).
    public func checkpointRecorded() {
        guard !witnesses.isEmpty else { return }
        again = true
        guard !pushing else { return }
        pushing = true
        Task { await drain() }
    }

    /// Pushes until no checkpoint is left unpushed; schedules a retry when a witness was out of reach.
    private func drain() async {
        var unreachable = false
        while again {
            again = false
            unreachable = await pushLatest() || unreachable
        }
        pushing = false
        if unreachable {
            Task {
                try? await Task.sleep(for: Self.retryAfter)
                self.checkpointRecorded()
            }
        }
    }

    /// Pushes the latest checkpoint to every witness; whether one could not be reached.
    private func pushLatest() async -> Bool {
        guard let latest = try? await store.latestNote() else { return false }
        var unreachable = false
        for witness in witnesses where cosigned[witness] != latest.size {
            do {
                try await push(latest, to: witness)
            } catch let error as RemoteError where error.code == .unreachable {
                unreachable = true
                report("witness \(witness): \(error.message)")
            } catch {
                report("witness \(witness): \(error)")
            }
        }
        return unreachable
    }

    /// Sends `checkpoint` to `witness` from the size it cosigned last (learnt from its 409 when
    /// this service does not know it), and stores the cosignatures it returns.
    private func push(_ checkpoint: StoredNote, to witness: WitnessEndpoint) async throws {
        var old = cosigned[witness] ?? 0
        for _ in 0..<2 {
            guard old <= checkpoint.size else {
                throw RemoteError(.badAnswer, "it cosigned size \(old), more than the ledger's \(checkpoint.size): it saw a longer history than this ledger holds")
            }
            let proof = old == 0 || old == checkpoint.size ? [] : try await store.consistencyProof(oldSize: old, newSize: checkpoint.size)
            let request = AddCheckpoint(oldSize: old, proof: proof, note: checkpoint.note)
            let (status, contentType, body) = try await send(request.body, to: witness)
            switch status {
            case 200:
                let stored = try await store(body, of: checkpoint)
                cosigned[witness] = checkpoint.size
                report(stored > 0
                    ? "witness \(witness): cosigned size \(checkpoint.size) (\(stored) stored)"
                    : "witness \(witness): cosigned size \(checkpoint.size), but none of its lines verifies by a registered auditor key, so none was stored; the admin registers the witness's key (vtf key register --role auditor)")
                return
            case 409 where contentType?.hasPrefix("text/x.tlog.size") == true:
                guard let size = UInt64(String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
                    throw RemoteError(.badAnswer, "its 409 answer is not a size")
                }
                old = size
            default:
                throw RemoteError(.refused, "it refused size \(checkpoint.size) (\(status)): \(RemoteLedger.message(of: body))")
            }
        }
        throw RemoteError(.refused, "its cosigned size kept changing; tried again at the next checkpoint")
    }

    /// POSTs `body` to the witness's `add-checkpoint`.
    private func send(_ body: [UInt8], to witness: WitnessEndpoint) async throws -> (status: Int, contentType: String?, body: [UInt8]) {
        var request = HTTPClientRequest(url: "\(witness)/add-checkpoint")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            return try await HTTPExchange.run(request, trustRoots: trustRoots, limit: 64 << 10)
        } catch {
            throw RemoteLedger.unreachable(witness.location, error, runningThere: "the witness")
        }
    }

    /// Stores each cosignature line of `answer` on `checkpoint` that verifies by a registered
    /// auditor key in force; lines by other keys are ignored, as the protocol says. Returns how
    /// many were stored (one already stored counts).
    private func store(_ answer: [UInt8], of checkpoint: StoredNote) async throws -> Int {
        let text = try SignedNote.parse(checkpoint.note).text
        let keys = try await store.keys()
        var stored = 0
        for line in String(decoding: answer, as: UTF8.self).split(separator: "\n") {
            guard let signature = try? NoteSignature(line: String(line)),
                (try? Cosignature.checkAuditor(signature, checkpointText: text, size: checkpoint.size, keys: keys)) != nil
            else { continue }
            do {
                try await store.addCosignature(size: checkpoint.size, signature: signature)
            } catch is RuleViolation {
                // This witness's cosignature of this checkpoint is stored already.
            }
            stored += 1
        }
        return stored
    }
}
