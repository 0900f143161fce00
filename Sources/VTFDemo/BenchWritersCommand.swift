public import ArgumentParser
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore
import TrustFundRules
import VTFCommands

/// `vtf bench-writers`: several writers, each on its own connection to the store, posting single
/// vouchers at once for a while (Scripts/bench; not shown in --help). It measures what a team
/// posting from several machines sees: entries per second in all, and the latency of one post
/// (draft, rules, signature, commit) at the median and the 99th percentile. It then checks that
/// the writers left one chain: the journal grew by exactly the posts acknowledged, and every
/// acknowledged ref is in it once.
public struct BenchWritersCommand: AsyncParsableCommand {
    /// `vtf bench-writers`: its name, help and discussion.
    public static let configuration = CommandConfiguration(
        commandName: "bench-writers",
        abstract: "Time single posts by several writers at once on this ledger (used by Scripts/bench).",
        discussion: """
            Opens --writers connections to the ledger and has each post vouchers of one cent (cash \
            against revenue, accounts --debit and --credit) one at a time for --seconds, then prints \
            entries/s and the p50 and p99 latency of a post, and checks the chain. Writes to the ledger.
            Example:
              vtf bench-writers --ledger bench.ledger --key fm.pem --writers 8 \\
                  --seconds 30
            """,
        shouldDisplay: false)

    @Option(help: ArgumentHelp("The ledger (default: $VTF_LEDGER).", valueName: "location"))
    var ledger: String?

    @Option(help: ArgumentHelp("The fund manager's private key (default: $VTF_KEY).", valueName: "path"))
    var key: String?

    @Option(help: ArgumentHelp("The log's private key (default: $VTF_LOG_KEY).", valueName: "path"))
    var logKey: String?

    @Option(help: "How many writers post at once.")
    var writers: Int = 8

    @Option(help: "For how many seconds they post.")
    var seconds: Double = 30

    @Option(help: ArgumentHelp("The account each voucher debits.", valueName: "code"))
    var debit: String = "1100.USD-1"

    @Option(help: ArgumentHelp("The account each voucher credits.", valueName: "code"))
    var credit: String = "4100.D01"

    @Option(help: ArgumentHelp("The vouchers' date.", valueName: "date"))
    var date: String = "2026-06-30"

    /// The parser makes it and fills the options.
    public init() {}

    /// Runs the command; errors go to VTFCommands' `CommandRunner`, which maps them to exit statuses.
    public func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let location = ledger ?? environment["VTF_LEDGER"], let keyPath = key ?? environment["VTF_KEY"],
            let logPath = logKey ?? environment["VTF_LOG_KEY"]
        else { throw InputError("bench-writers needs --ledger, --key and --log-key (or VTF_LEDGER, VTF_KEY, VTF_LOG_KEY)") }
        guard (1...64).contains(writers), seconds > 0, seconds <= 3600 else {
            throw InputError("--writers is 1 to 64 and --seconds more than 0, at most 3600")
        }
        let keys = WriteKeys(
            author: try KeyFile.readPrivateKey(at: keyPath, passphrase: nil), log: try KeyFile.readPrivateKey(at: logPath, passphrase: nil))
        let place = try StoreLocation(location)
        var stores: [any LedgerWriting] = []
        // Through a service, each writer is a person's vtf with a mirror of its own.
        let mirrors = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-bench-mirrors-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: mirrors) }
        for index in 0..<writers {
            if case .service(let service) = place {
                stores.append(try await ServiceMirror.openForWriting(service, keyPath: keyPath, rules: .unvtf, folder: mirrors + "/w\(index)"))
            } else {
                stores.append(try await place.openWriting(rules: .unvtf))
            }
        }
        let before = try await stores[0].entryCount()
        let template = try Self.voucher(debit: try AccountCode(debit), credit: try AccountCode(credit), date: try LedgerDate(parsing: date))
        let run = UUID().uuidString.prefix(8)
        let deadline = Date().addingTimeInterval(seconds)
        let started = Date()
        let results = try await withThrowingTaskGroup(of: ([Double], [String]).self) { group in
            for (index, store) in stores.enumerated() {
                group.addTask {
                    var latencies: [Double] = []
                    var refs: [String] = []
                    var count = 0
                    while Date() < deadline {
                        var draft = template
                        draft.ref = "BW-\(run)-\(index)-\(count)"
                        let start = DispatchTime.now().uptimeNanoseconds
                        try await store.append([draft], keys: keys, origin: nil)
                        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                        refs.append(draft.ref ?? "")
                        count += 1
                    }
                    return (latencies, refs)
                }
            }
            var all: [([Double], [String])] = []
            for try await result in group { all.append(result) }
            return all
        }
        let elapsed = Date().timeIntervalSince(started)
        let latencies = results.flatMap(\.0).sorted()
        let refs = results.flatMap(\.1)
        let checked: any LedgerReading = if case .service(let service) = place {
            try await ServiceMirror.open(service, rules: .unvtf, keyPath: keyPath, folder: mirrors + "/check")
        } else {
            stores[0]
        }
        try await Self.checkChain(checked, before: before, refs: refs)
        guard !latencies.isEmpty else { throw InputError("no post finished in \(seconds) s") }
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)] }
        print(String(
            format: "%d writers, %.0f s: %d entries, %.0f entries/s, latency p50 %.1f ms, p99 %.1f ms; one chain, no gap, no duplicate",
            writers, elapsed, latencies.count, Double(latencies.count) / elapsed, percentile(0.50), percentile(0.99)))
    }

    /// A voucher of one cent: `debit` against `credit`, in US dollars.
    static func voucher(debit: AccountCode, credit: AccountCode, date: LedgerDate) throws -> EntryDraft {
        let cent = Amount(minorUnits: 1, currency: .usd)
        let minus = Amount(minorUnits: -1, currency: .usd)
        return EntryDraft(kind: .voucher, date: date, ref: nil, memo: "bench-writers", postings: [
            Posting(account: debit, amount: cent, value: cent), Posting(account: credit, amount: minus, value: minus),
        ])
    }

    /// The journal grew by exactly the acknowledged posts, and each acknowledged ref is in it once.
    static func checkChain(_ store: any LedgerReading, before: UInt64, refs: [String]) async throws {
        let after = try await store.entryCount()
        guard after == before + UInt64(refs.count) else {
            throw InputError("the journal grew by \(after - before) entries, but \(refs.count) posts were acknowledged")
        }
        let wanted = Set(refs)
        var seen = Set<String>()
        for body in try await store.entries(ofKinds: [.voucher]) {
            guard let ref = body.ref, wanted.contains(ref) else { continue }
            guard seen.insert(ref).inserted else { throw InputError("ref \(ref) is in the journal twice") }
        }
        guard seen.count == wanted.count else { throw InputError("\(wanted.count - seen.count) acknowledged posts are missing from the journal") }
    }
}
