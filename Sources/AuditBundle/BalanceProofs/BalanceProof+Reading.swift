public import CanonicalJSON
import LedgerCore
import LedgerCrypto
import LedgerJournal

extension BalanceProof {
    /// Reads a proof document; throws a ``BalanceProofError`` (`.malformed`) naming the member
    /// that is missing or wrong.
    public init(json: JSONValue) throws(BalanceProofError) {
        do {
            let fields = try JSONFields(json, context: "the balance proof")
            try fields.allowOnly(["format", "account", "currency", "as_of", "balance", "zero", "seal", "checkpoint"])
            guard try fields.string("format") == Self.format else {
                throw BalanceProofError(.malformed, "not a \(Self.format) document")
            }
            let account = try fields.accountCode("account")
            let currency = try Self.currency(try fields.string("currency"), at: "currency")
            let evidence: Evidence
            switch (fields.has("balance"), fields.has("zero")) {
            case (true, false):
                evidence = .present(try Self.provenLeaf(.object(try fields.objectValue("balance")), at: "balance"))
            case (false, true):
                let zero = try JSONFields(.object(try fields.objectValue("zero")), context: "zero")
                try zero.allowOnly(["before", "after"])
                let side = { (name: String) throws -> ProvenLeaf? in
                    guard let value = zero.object[name], value != .null else { return nil }
                    return try Self.provenLeaf(value, at: "zero.\(name)")
                }
                evidence = .absent(before: try side("before"), after: try side("after"))
            default:
                throw BalanceProofError(.malformed, "the balance proof needs balance (a leaf) or zero (its neighbours), one of the two")
            }
            let seal = try SealEntryProof(json: .object(try fields.objectValue("seal")), at: "seal")
            self.init(
                account: account, currency: currency, asOf: try fields.date("as_of"), evidence: evidence, sealEntry: seal.entry,
                sealPath: seal.path, checkpoint: try fields.string("checkpoint"))
        } catch let error as BalanceProofError {
            throw error
        } catch {
            throw BalanceProofError(.malformed, "\(error)")
        }
    }

    static func provenLeaf(_ value: JSONValue, at context: String) throws -> ProvenLeaf {
        let fields = try JSONFields(value, context: context)
        try fields.allowOnly(["index", "leaf", "path"])
        let index = try fields.integer("index")
        guard index >= 0 else { throw BalanceProofError(.malformed, "\(context).index is negative") }
        let leaf = try JSONFields(.object(try fields.objectValue("leaf")), context: "\(context).leaf")
        try leaf.allowOnly(["account", "amount", "currency", "value"])
        let parsed = BalanceLeaf(
            account: try leaf.accountCode("account").rawValue, currency: try currency(try leaf.string("currency"), at: "\(context).leaf.currency").code,
            amount: try decimal(try leaf.string("amount"), at: "\(context).leaf.amount"),
            value: try decimal(try leaf.string("value"), at: "\(context).leaf.value"))
        return ProvenLeaf(index: UInt64(index), leaf: parsed, path: try path(fields.array("path"), at: "\(context).path"))
    }

    static func path(_ items: [JSONValue], at context: String) throws(BalanceProofError) -> [SHA256Digest] {
        var path: [SHA256Digest] = []
        for (index, item) in items.enumerated() {
            guard let text = item.stringValue, text.utf8.count == 64, let digest = SHA256Digest(hex: text) else {
                throw BalanceProofError(.malformed, "\(context)[\(index)] is not a SHA-256 hash in hex")
            }
            path.append(digest)
        }
        return path
    }

    static func currency(_ code: String, at context: String) throws(BalanceProofError) -> Currency {
        do { return try Currency(code: code) } catch { throw BalanceProofError(.malformed, "\(context): \(error)") }
    }

    /// A decimal string as a seal writes one: `-?digits[.digits]`, nothing else.
    static func decimal(_ text: String, at context: String) throws(BalanceProofError) -> String {
        var body = Substring(text)
        if body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (48...57).contains($0) } }) else {
            throw BalanceProofError(.malformed, "\(context) is not a decimal string (\(text))")
        }
        return text
    }
}

/// Why a balance proof was refused: malformed (the document is not one), or failed (it is one,
/// and something in it does not hold).
public struct BalanceProofError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The two ways a proof is refused.
    public enum Kind: String, Sendable {
        /// Not a balance proof document (bad input).
        case malformed
        /// A check failed: the proof does not prove what it says.
        case failed
        /// No proof can be made: no seal is as of the date asked, or no checkpoint covers it yet.
        case noSeal = "no-seal"
    }

    /// Which of the two.
    public let kind: Kind
    /// What is wrong, and where.
    public let message: String

    /// An error of `kind` saying `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
