import Foundation

/// Whose turn it is to record (`POST /v1/turn`): each entry names the one before it, so only one
/// client at a time can draft the next entry usefully. A client asks for a turn, drafts and signs
/// against the ledger as it then is, and submits within ``duration``; the others wait in order of
/// arrival instead of drafting in vain and retrying. A turn not used in time passes to the next.
/// Submissions without a turn wait for one too.
///
/// A key has one place: the turn or one place in the line, not both and not two. An outside trial
/// sent one signed request for a turn 300 times (the same bytes, within the signature's five
/// minutes): 256 places of five seconds each stopped all recording for about 21 minutes. Now a
/// key that holds the turn or waits already is told so, and nobody waits longer than
/// ``maxWait``: the line is at most as long as the ledger has recording keys.
actor RecordingTurns {
    /// How long a turn lasts.
    static let duration: Duration = .seconds(5)
    /// How many may wait at once; more are told the service is busy.
    static let maxWaiting = 256
    /// How long a request waits for its turn before it is told the service is busy.
    static let maxWait: Duration = .seconds(30)

    /// Why no turn was given.
    enum Refusal: Error, Equatable {
        /// The line is full, or the wait was longer than ``maxWait``.
        case busy
        /// This key holds the turn or waits for one already.
        case alreadyQueued
    }

    private struct Waiter {
        let id: UUID
        let key: String
        let continuation: CheckedContinuation<Result<String, Refusal>, Never>
    }

    private var current: (token: String, key: String)?
    private var waiting: [Waiter] = []
    /// The signatures of requests for a turn already served, until they expire (seconds since
    /// 1970): a request for a turn is served once. An outside trial replayed one captured signed
    /// request every 0.2 s, and its key's own commands found its place taken.
    private var used: [String: Int] = [:]
    /// The most signatures ``used`` remembers; beyond, the service is busy until some expire.
    static let maxUsed = 100_000

    /// Records `signature` as used until `expiry`; false when it was used already (a replay) or
    /// too many are remembered.
    func firstUse(of signature: String, until expiry: Int, now: Int) -> Bool {
        if used.count >= Self.maxUsed / 2 { used = used.filter { $0.value >= now } }
        guard used[signature] == nil, used.count < Self.maxUsed else { return false }
        used[signature] = expiry
        return true
    }

    /// Waits for a turn for `key` (a key id) and returns its token.
    func take(for key: String) async -> Result<String, Refusal> {
        if current?.key == key || waiting.contains(where: { $0.key == key }) { return .failure(.alreadyQueued) }
        if current == nil { return .success(grant(to: key)) }
        guard waiting.count < Self.maxWaiting else { return .failure(.busy) }
        let id = UUID()
        Task { [id] in
            try? await Task.sleep(for: Self.maxWait)
            self.giveUp(id)
        }
        return await withCheckedContinuation { waiting.append(Waiter(id: id, key: key, continuation: $0)) }
    }

    /// Whether `key` waits in the line.
    func isWaiting(_ key: String) -> Bool { waiting.contains { $0.key == key } }

    /// Whether `token` is the turn now (given to `key`, when one is named).
    func holds(_ token: String, key: String? = nil) -> Bool {
        current?.token == token && (key == nil || current?.key == key)
    }

    /// Ends the turn `token` (if it is still the turn, and `key` is nil or the key it was given
    /// to) and gives the next one.
    func end(_ token: String, by key: String? = nil) {
        guard current?.token == token, key == nil || current?.key == key else { return }
        current = nil
        if !waiting.isEmpty {
            let next = waiting.removeFirst()
            next.continuation.resume(returning: .success(grant(to: next.key)))
        }
    }

    /// Tells the waiter `id`, if it still waits, that the service is busy.
    private func giveUp(_ id: UUID) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).continuation.resume(returning: .failure(.busy))
    }

    private func grant(to key: String) -> String {
        let token = UUID().uuidString
        current = (token, key)
        Task { [token] in
            try? await Task.sleep(for: Self.duration)
            self.end(token)
        }
        return token
    }
}
