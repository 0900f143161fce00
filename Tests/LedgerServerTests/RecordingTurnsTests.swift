import Testing
@testable import LedgerServer

/// One place per key in the line for a turn to record: an outside trial sent one signed request
/// for a turn 300 times and stopped all recording for about 21 minutes (256 places of 5 s).
@Suite struct RecordingTurnsTests {
    @Test func aKeyHoldsTheTurnOrOnePlaceInTheLine() async throws {
        let turns = RecordingTurns()
        guard case .success(let first) = await turns.take(for: "alice") else {
            Issue.record("the first to ask gets the turn")
            return
        }
        #expect(await turns.take(for: "alice") == .failure(.alreadyQueued))
        let bruno = Task { await turns.take(for: "bruno") }
        // Once bruno waits, a second request of his is refused, not queued.
        var tries = 0
        while await !turns.isWaiting("bruno"), tries < 400 {
            tries += 1
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(await turns.take(for: "bruno") == .failure(.alreadyQueued))
        await turns.end(first)
        guard case .success(let second) = await bruno.value else {
            Issue.record("bruno gets the turn alice ended")
            return
        }
        let (holdsSecond, holdsFirst) = (await turns.holds(second), await turns.holds(first))
        #expect(holdsSecond && !holdsFirst)
        // Alice may ask again once she holds nothing: she waits behind bruno.
        let alice = Task { await turns.take(for: "alice") }
        await turns.end(second)
        guard case .success(let third) = await alice.value else {
            Issue.record("alice's turn comes")
            return
        }
        let holdsThird = await turns.holds(third)
        #expect(holdsThird)
    }

    /// A signed request for a turn is served once: a captured one replayed every 0.2 s took its
    /// key's place, and that key's own commands were refused (an outside trial). A turn is given
    /// back, and its token honoured, only by the key it was given to.
    @Test func aRequestForATurnIsServedOnceAndATurnIsItsKeys() async throws {
        let turns = RecordingTurns()
        #expect(await turns.firstUse(of: "sig-1", until: 1_300, now: 1_000))
        #expect(await !turns.firstUse(of: "sig-1", until: 1_300, now: 1_010))
        #expect(await turns.firstUse(of: "sig-2", until: 1_300, now: 1_010))
        guard case .success(let token) = await turns.take(for: "alice") else {
            Issue.record("alice gets the turn")
            return
        }
        let (bruno, alice) = (await turns.holds(token, key: "bruno"), await turns.holds(token, key: "alice"))
        #expect(!bruno && alice)
        await turns.end(token, by: "bruno")
        #expect(await turns.holds(token))
        await turns.end(token, by: "alice")
        #expect(await !turns.holds(token))
    }
}
