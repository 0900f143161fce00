import BankStatements
import Foundation
import Testing

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator, so every run makes the same
/// mutants and a failure can be replayed.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Byte-level mutations of a valid input: flip, insert, delete, duplicate, truncate, swap lines,
/// replace digits.
struct Mutator {
    var random: SplitMix64

    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...random.below(3) { bytes = once(bytes) }
        return bytes
    }

    private mutating func once(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.isEmpty else { return [UInt8(random.below(256))] }
        var bytes = bytes
        let at = random.below(bytes.count)
        switch random.below(7) {
        case 0: bytes[at] ^= UInt8(1 << random.below(8))
        case 1: bytes.insert(Self.interesting[random.below(Self.interesting.count)], at: at)
        case 2: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(8)))
        case 3: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 1 + random.below(40))], at: at)
        case 4: bytes.removeSubrange(at...)
        case 5: bytes = swapLines(bytes)
        default: bytes = replaceDigit(bytes, from: at)
        }
        return bytes
    }

    /// Bytes that mean something to the parsers.
    static let interesting: [UInt8] = Array(":?/-,.;\"<>&\n\r0129CDRNT{}+ ".utf8) + [0x00, 0xC3, 0xFF]

    private mutating func swapLines(_ bytes: [UInt8]) -> [UInt8] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count > 1 else { return bytes }
        lines.swapAt(random.below(lines.count), random.below(lines.count))
        return Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }

    private mutating func replaceDigit(_ bytes: [UInt8], from start: Int) -> [UInt8] {
        var bytes = bytes
        guard let index = bytes[start...].firstIndex(where: { (0x30...0x39).contains($0) }) else { return bytes }
        bytes[index] = UInt8(ascii: "0") + UInt8(random.below(10))
        return bytes
    }
}

/// Issue item 6: no input crashes a reader. Every mutant either parses or throws
/// ``StatementError``; a crash would end the test process.
@Suite("Robustness")
struct FuzzTests {
    /// Mutants per input; the 28 KB betterplace file gets fewer so the test stays near 10 s in a
    /// debug build.
    static func mutants(for name: String) -> Int { name.contains("betterplace") ? 500 : 1500 }

    @Test func mutatedSamplesNeverCrash() throws {
        var inputs: [(name: String, bytes: [UInt8], format: StatementFormat, mapping: CSVMapping?)] = []
        for name in Fixtures.samples {
            let bytes = try Fixtures.bytes(name)
            inputs.append((name, bytes, try #require(StatementFormat.detect(bytes)), nil))
        }
        let mapping = try CSVMapping.parse(json: Array(CSVTests.germanMapping.utf8), fileName: "map.json")
        inputs.append(("bank.csv", Array(CSVTests.germanCSV.utf8), .csv, mapping))
        var mutator = Mutator(random: SplitMix64(seed: 0x5654_4620_4655_5A5A))
        var outcomes = (parsed: 0, refused: 0)
        for input in inputs {
            for _ in 0..<Self.mutants(for: input.name) {
                let mutant = mutator.mutate(input.bytes)
                _ = StatementFormat.detect(mutant)
                do {
                    let file = try StatementReader.read(bytes: mutant, format: input.format, mapping: input.mapping, fileName: input.name)
                    _ = Continuity.check(file)
                    outcomes.parsed += 1
                } catch {
                    #expect(!error.message.isEmpty)
                    outcomes.refused += 1
                }
            }
        }
        let total = inputs.reduce(0) { $0 + Self.mutants(for: $1.name) }
        #expect(outcomes.parsed + outcomes.refused == total)
        print("fuzz: \(total) mutants, \(outcomes.parsed) parsed, \(outcomes.refused) refused")
    }
}
