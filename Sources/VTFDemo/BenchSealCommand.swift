public import ArgumentParser
import AuditBundle
import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore
import Statements
import VTFCommands

/// `vtf bench-seal`: the cost of balances seals and balance proofs (issue 17), in process, on a
/// ledger it fills: `--accounts` accounts and `--entries` vouchers, then one seal, then proofs.
public struct BenchSealCommand: AsyncParsableCommand {
    /// `vtf bench-seal`: its name, help and discussion.
    public static let configuration = CommandConfiguration(
        commandName: "bench-seal",
        abstract: "Time a balances seal and balance proofs on a ledger it fills (used by Scripts/bench-seals).",
        discussion: """
            Opens --accounts accounts (1100, 4100 and sub-accounts of 1200) and appends --entries vouchers of \
            one cent spread over them, in batches; then times one balances seal as of --date, and the \
            making and the offline check of a balance proof of 200 accounts. Writes to the ledger given.
            Example:
              vtf bench-seal --ledger bench.ledger --key alice.pem --log-key log.pem \\
                  --accounts 10000 --entries 100000
            """,
        shouldDisplay: false)

    @Option(help: "The ledger (a fresh one: accounts and vouchers are added).") var ledger: String
    @Option(help: "A fund manager's key.") var key: String
    @Option(help: "The log key.") var logKey: String
    @Option(help: "How many accounts to open.") var accounts: Int = 10_000
    @Option(help: "How many vouchers to append.") var entries: Int = 100_000
    @Option(help: "The date of every entry and of the seal.") var date: String = "2026-01-31"

    /// The parser makes it and fills the options.
    public init() {}

    /// Fills the ledger, seals it, proves balances, and prints the figures.
    public func run() async throws {
        guard (3...1_000_000).contains(accounts), (0...10_000_000).contains(entries) else {
            throw InputError("--accounts is 3 to 1000000, --entries 0 to 10000000")
        }
        let day = try LedgerDate(parsing: date)
        let keys = WriteKeys(author: try KeyFile.readPrivateKey(at: key, passphrase: nil), log: try KeyFile.readPrivateKey(at: logKey, passphrase: nil))
        let store = try await StoreLocation(ledger).openWriting(rules: .core)
        let codes = try (0..<(accounts - 2)).map { try AccountCode(String(format: "1200.P%06d", $0)) }
        var opened = 0
        for batch in stride(from: 0, to: codes.count + 2, by: 2_000) {
            let drafts = (batch..<min(batch + 2_000, codes.count + 2)).map { index in
                let (code, type) = index == 0 ? ("1100", "asset") : index == 1 ? ("4100", "revenue") : (codes[index - 2].rawValue, "asset")
                return EntryDraft(kind: .accountOpen, date: day, data: JSONObject([("code", .string(code)), ("name", .string(code)), ("type", .string(type))]))
            }
            opened += try await store.append(drafts, keys: keys, origin: nil).count
        }
        let revenue = try AccountCode("4100")
        var started = Date()
        for batch in stride(from: 0, to: entries, by: 4_000) {
            let drafts = (batch..<min(batch + 4_000, entries)).map { index in
                let cent = Amount(minorUnits: Int64(1 + index % 97), currency: .usd)
                return EntryDraft(kind: .voucher, date: day, memo: "bench-seal \(index)", postings: [
                    Posting(account: codes[index % codes.count], amount: cent, value: cent),
                    Posting(account: revenue, amount: Amount(minorUnits: -cent.minorUnits, currency: .usd), value: Amount(minorUnits: -cent.minorUnits, currency: .usd)),
                ])
            }
            _ = try await store.append(drafts, keys: keys, origin: nil)
        }
        let filled = Date().timeIntervalSince(started)
        started = Date()
        let seal = try await store.append([.balancesSeal(asOf: day, date: day, memo: "bench")], keys: keys, origin: nil)[0]
        let sealSeconds = Date().timeIntervalSince(started)
        let vkey = try await store.logVerifierKey()
        var makeSeconds: [Double] = []
        var checkSeconds: [Double] = []
        var size = 0
        for index in stride(from: 0, to: codes.count, by: max(1, codes.count / 200)).prefix(200) {
            started = Date()
            let proof = try await BalanceProof.make(store, account: codes[index], currency: .usd, asOf: day)
            makeSeconds.append(Date().timeIntervalSince(started))
            started = Date()
            _ = try proof.check(vkey: vkey)
            checkSeconds.append(Date().timeIntervalSince(started))
            size = try JSONCanonicalizer.canonicalBytes(proof.json).count
        }
        let total = try await store.entryCount()
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] * 1000 }
        let (statementBytes, statementMs) = try await statementProofs(store, seal: seal.body.seq, donor: String(codes[codes.count / 2].rawValue.dropFirst(5)), day: day)
        print(String(
            format: "%d accounts, %d vouchers (filled in %.1f s), %llu entries: seal of %lld balances %.0f ms (the write, signed); balance proof: made in %.2f ms, checked offline in %.2f ms (medians of %d), %d bytes",
            opened, entries, filled, total, seal.body.data["leaves"]?.integerValue ?? 0, sealSeconds * 1000, median(makeSeconds), median(checkSeconds),
            makeSeconds.count, size))
        print(String(format: "a donor statement's proofs by this seal (its balances' runs and the seal entry's proof): %d bytes, made in %.2f ms", statementBytes, statementMs))
    }

    /// What a donor statement as of `day` carries to prove its balances by seal `seal`: every
    /// term's run of leaves (``StatementFigureRules``) and the seal entry's inclusion proof,
    /// as canonical JSON; and the time to read them. Its flows add as much again by the seal
    /// of the day before the period.
    func statementProofs(_ store: any LedgerWriting, seal: UInt64, donor: String, day: LedgerDate) async throws -> (Int, Double) {
        let started = Date()
        let bytes = try await store.read { snapshot in
            guard let sealed = try SealedBalances(snapshot, seq: seal), let note = try snapshot.storedNote(size: nil) else { return 0 }
            let definitions = StatementFigureRules.definitions(from: day, to: day, donor: donor, fund: .usd, outstanding: [.usd])
            var parts = try definitions.flatMap(\.terms).filter { $0.asOf == day }.map { try sealed.proof(of: $0.scope).json }
            parts.append(try sealed.entryProof(snapshot, size: note.size).json)
            return try JSONCanonicalizer.canonicalBytes(.array(parts)).count
        }
        return (bytes, Date().timeIntervalSince(started) * 1000)
    }
}
