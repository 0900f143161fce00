import CanonicalJSON
import LedgerCore
@testable import LedgerJournal
import TransparencyLog
import Testing

/// What the writer accepts, the verifier accepts, and the other way round: for random entry
/// bodies full of hostile text (controls, noncharacters, empty and over-long strings, every
/// plane), the writer's verdict (the rules' text checks, then the read-back of
/// ``JournalVerifier/signableBytes(of:fundCurrency:)``) equals the verifier's verdict on the
/// bytes (its own reader, then the same rules), and both equal an independent statement of the
/// language.
@Suite("Writer and verifier accept the same entries")
struct WriterVerifierPropertyTests {
    static let cases = 20_000

    @Test func writerAndVerifierAgreeOnRandomBodies() throws {
        var random = SeededRandom(seed: 20_261_202)
        var accepted = 0
        for index in 0..<Self.cases {
            let body = try Self.randomBody(&random, seq: UInt64(1 + index % 50))
            let writer = Self.writerAccepts(body)
            let verifier = Self.verifierAccepts(body)
            let oracle = Self.oracle(body)
            if writer != verifier || writer != oracle {
                Issue.record("case \(index): writer \(writer), verifier \(verifier), oracle \(oracle): \(Self.show(body))")
            }
            if writer { accepted += 1 }
        }
        // Both verdicts occur often enough for the comparison to mean something.
        #expect(accepted > Self.cases / 10 && accepted < Self.cases * 9 / 10, "accepted \(accepted) of \(Self.cases)")
    }

    /// The texts of entries the old writer signed and the verifier could never read.
    @Test(arguments: ["a\tb", "line\nbreak", "", "\u{85}", "\u{7F}", "x" + Self.scalar(0xFFFE), String(repeating: "é", count: Limits.memoLengthMax + 1)])
    func theWriterRefusesWhatTheVerifierCannotRead(memo: String) throws {
        let body = try Self.body(memo: memo, ref: nil, data: JSONObject(), seq: 3)
        #expect(!Self.writerAccepts(body))
        #expect(!Self.verifierAccepts(body))
    }

    @Test func encodingANoncharacterThrowsInsteadOfTrapping() throws {
        let body = try Self.body(memo: "ok", ref: nil, data: JSONObject([("note", .string(Self.scalar(0xFDD0)))]), seq: 3)
        #expect(throws: RuleViolation.self) { try body.encoded() }
        #expect(throws: RuleViolation.self) { try JournalVerifier.signableBytes(of: body, fundCurrency: .usd) }
    }

    @Test func lengthIsCountedInUnicodeScalars() throws {
        // 200 "e" + combining acute: 200 characters but 400 scalars.
        let composed = String(repeating: "e\u{301}", count: Limits.refLengthMax)
        #expect(EntryText.problem(composed, max: Limits.refLengthMax) != nil)
        #expect(EntryText.problem(String(repeating: "é", count: Limits.refLengthMax), max: Limits.refLengthMax) == nil)
    }

    /// A string of one scalar (Swift literals may not spell noncharacters).
    static func scalar(_ value: UInt32) -> String {
        Unicode.Scalar(value).map { String(Character($0)) } ?? "?"
    }

    // MARK: - The two sides and the oracle

    static func writerAccepts(_ body: EntryBody) -> Bool {
        do {
            try LedgerRules.checkTexts(body)
            _ = try JournalVerifier.signableBytes(of: body, fundCurrency: .usd)
            return true
        } catch {
            return false
        }
    }

    /// The verifier's side, on bytes written without any check (so a body the writer refuses
    /// still reaches it): the journal reader, then the rules' text checks.
    static func verifierAccepts(_ body: EntryBody) -> Bool {
        guard let bytes = try? body.encoded() else { return false }
        let raw = RawEntry(bodyBytes: bytes, signature: [], position: body.seq)
        guard case .success(let parsed) = JournalVerifier.parseOne(raw, seq: body.seq, fundCurrency: .usd) else { return false }
        return (try? LedgerRules.checkTexts(parsed.body)) != nil
    }

    /// The language, said independently: texts non-empty, within their limit in scalars, free of
    /// C0, DEL, C1 and noncharacters; data strings free of noncharacters.
    static func oracle(_ body: EntryBody) -> Bool {
        func isNoncharacter(_ value: UInt32) -> Bool { (0xFDD0...0xFDEF).contains(value) || value & 0xFFFF >= 0xFFFE }
        func text(_ value: String?, _ max: Int) -> Bool {
            guard let value else { return true }
            let scalars = value.unicodeScalars.map(\.value)
            return !scalars.isEmpty && scalars.count <= max
                && !scalars.contains { $0 < 0x20 || (0x7F...0x9F).contains($0) || isNoncharacter($0) }
                && !value.unicodeScalars.contains { $0.properties.isBidiControl }
        }
        // A ref also shows nothing invisible and no white space at its ends (the platform's
        // Unicode properties, where the rules keep fixed lists).
        func ref(_ value: String?) -> Bool {
            guard let value, let first = value.unicodeScalars.first, let last = value.unicodeScalars.last else { return true }
            return !value.unicodeScalars.contains { $0.properties.isDefaultIgnorableCodePoint }
                && !first.properties.isWhitespace && !last.properties.isWhitespace
        }
        let dataOK = body.data.allSatisfy { member in
            !member.key.unicodeScalars.contains { isNoncharacter($0.value) }
                && !(member.value.stringValue ?? "").unicodeScalars.contains { isNoncharacter($0.value) }
        }
        return text(body.memo, Limits.memoLengthMax) && text(body.ref, Limits.refLengthMax) && ref(body.ref) && dataOK
    }

    // MARK: - Generator

    static func randomBody(_ random: inout SeededRandom, seq: UInt64) throws -> EntryBody {
        let memo = random.next(4) == 0 ? nil : randomText(&random)
        let ref = random.next(3) == 0 ? nil : randomText(&random, limit: Limits.refLengthMax)
        var data = JSONObject()
        if random.next(3) == 0 { data[randomText(&random, limit: 8)] = .string(randomText(&random)) }
        return try body(memo: memo, ref: ref, data: data, seq: seq)
    }

    /// Mostly plain text (so that many bodies pass), sometimes with one hostile scalar, sometimes
    /// empty or around the length limit.
    static func randomText(_ random: inout SeededRandom, limit: Int = Limits.memoLengthMax) -> String {
        switch random.next(10) {
        case 0: return ""
        case 1: return String(repeating: "x", count: limit + Int(random.next(3)) - 1)
        case 2: return String(repeating: "\u{1F600}", count: limit + Int(random.next(3)) - 1)
        default:
            var scalars: [Unicode.Scalar] = []
            for _ in 0..<(1 + random.next(12)) { scalars.append(plainScalar(&random)) }
            if random.next(3) == 0 { scalars.insert(hostileScalar(&random), at: Int(random.next(UInt64(scalars.count + 1)))) }
            return String(String.UnicodeScalarView(scalars))
        }
    }

    static func plainScalar(_ random: inout SeededRandom) -> Unicode.Scalar {
        let pools: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0x2FF, 0x400...0x4FF, 0x4E00...0x4FFF, 0x1F300...0x1F5FF, 0x300...0x36F]
        let pool = pools[Int(random.next(UInt64(pools.count)))]
        return Unicode.Scalar(pool.lowerBound + UInt32(random.next(UInt64(pool.count)))) ?? "x"
    }

    static func hostileScalar(_ random: inout SeededRandom) -> Unicode.Scalar {
        let values: [UInt32] = [0x00, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0x200B, 0x2028, 0x202E,
                                0xFDD0, 0xFDEF, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF, 0xE000, 0x10FFFD]
        return Unicode.Scalar(values[Int(random.next(UInt64(values.count)))]) ?? "x"
    }

    static func body(memo: String?, ref: String?, data: JSONObject, seq: UInt64) throws -> EntryBody {
        EntryBody(
            ledger: "test.example/ledger", seq: seq, prev: EntryBody.zeroHash, time: "2026-02-01T10:00:00Z",
            date: try LedgerDate(parsing: "2026-02-01"), kind: .accountClose, signer: String(repeating: "ab", count: 32),
            ref: ref, memo: memo, postings: [], data: data)
    }

    static func show(_ body: EntryBody) -> String {
        "memo \(body.memo.map { String(reflecting: $0).prefix(80) } ?? "nil") ref \(body.ref.map { String(reflecting: $0).prefix(80) } ?? "nil") data \(body.data.count)"
    }
}

/// SplitMix64: the same numbers on every platform for a seed.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound.
    mutating func next(_ bound: UInt64) -> UInt64 { next() % max(bound, 1) }
}
