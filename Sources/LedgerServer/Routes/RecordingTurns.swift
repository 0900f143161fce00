import Foundation

/// Whose turn it is to record (`POST /v1/turn`): each entry names the one before it, so only one
/// client at a time can draft the next entry usefully. A client asks for a turn, drafts and signs
/// against the ledger as it then is, and submits within ``duration``; the others wait in order of
/// arrival instead of drafting in vain and retrying. A turn not used in time passes to the next.
/// Submissions without a turn wait for one too.
actor RecordingTurns {
    /// How long a turn lasts.
    static let duration: Duration = .seconds(5)
    /// How many may wait at once; more are told the service is busy.
    static let maxWaiting = 256

    private var current: String?
    private var waiting: [CheckedContinuation<String, Never>] = []

    /// Waits for a turn and returns its token; nil when too many wait already.
    func take() async -> String? {
        if current == nil { return grant() }
        guard waiting.count < Self.maxWaiting else { return nil }
        return await withCheckedContinuation { waiting.append($0) }
    }

    /// Whether `token` is the turn now.
    func holds(_ token: String) -> Bool { current == token }

    /// Ends the turn `token` (if it is still the turn) and gives the next one.
    func end(_ token: String) {
        guard current == token else { return }
        current = nil
        if !waiting.isEmpty { waiting.removeFirst().resume(returning: grant()) }
    }

    private func grant() -> String {
        let token = UUID().uuidString
        current = token
        Task { [token] in
            try? await Task.sleep(for: Self.duration)
            self.end(token)
        }
        return token
    }
}
