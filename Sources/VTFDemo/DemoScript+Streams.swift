import Foundation
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import VTFCommands

/// Standard output is for results (issue 12 items 10 and 12): the checkpoint saved with `>` is
/// the note alone, which a donor then checks a proof against; a mistyped command says which one
/// was meant.
extension DemoScript {
    func resultsOnStandardOutput(vkey: String) async throws {
        say("25a. A command's results go to standard output and its notes to standard error, so a result saved with > is checked as it is: the cosigned checkpoint and an inclusion proof of entry 1, checked offline with the auditor's witness key. A mistyped command says which one was meant.")
        let note = "\(folder)/checkpoint.note"
        let proof = "\(folder)/proof-1.json"
        try await vtf(["checkpoint", "show"] + l, into: note)
        try await vtf(["prove", "inclusion", "1"] + l, into: proof)
        let witness = Cosignature.verifierKey(
            name: "example.org/board-of-auditors", publicKey: try KeyFile.readPublicKey(at: key("auditor") + ".pub"))
        try await vtf(["proof", "check", "--checkpoint", note, "--vkey", vkey, "--proof", proof, "--witness", witness])
        say("25b. The year-end close sealed every balance as of 31 December (a balances.seal entry: the root of a Merkle tree of them, which vtf verify recomputes). Any one balance is then proven to the signed checkpoint, and checked offline with the log's key alone (Audit/BALANCE-PROOFS.md).")
        let balance = "\(folder)/balance-1100-EUR.json"
        try await vtf(["prove", "balance", "1100", "--currency", "EUR", "--as-of", "2025-12-31"] + l, into: balance)
        try await vtf(["proof", "check", "--proof", balance, "--vkey", vkey, "--witness", witness])
        try await vtf(["verfy"] + l, expect: 2)
    }

    /// `vtf ARGS > file`: the step's standard output written to `file`, its notes still shown.
    func vtf(_ arguments: [String], into file: String) async throws {
        print("$ vtf \(arguments.joined(separator: " ")) > \(file)")
        fflush(nil)
        guard FileManager.default.createFile(atPath: file, contents: nil) else { throw InputError("demo: cannot create \(file)") }
        let target = open(file, O_WRONLY | O_TRUNC)
        guard target >= 0 else { throw InputError("demo: cannot open \(file)") }
        let saved = dup(STDOUT_FILENO)
        dup2(target, STDOUT_FILENO)
        close(target)
        let status = await CommandRunner.execute(arguments: arguments)
        fflush(nil)
        dup2(saved, STDOUT_FILENO)
        close(saved)
        guard status == 0 else { throw InputError("demo step `vtf \(arguments.joined(separator: " ")) > \(file)` exited \(status), expected 0") }
    }
}
