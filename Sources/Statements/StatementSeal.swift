public import AuditBundle
import CanonicalJSON
import LedgerCore
public import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog

/// Signs a statement with the ledger's log key, and checks a signed statement offline with
/// nothing but the log's verifier key: the signature, the checkpoint, and for every receipt and
/// refund its inclusion proof and that its figures are those of the signed journal entry.
public enum StatementSeal {
    /// The statement's JSON text (RFC 8785, one line) with its `signature`.
    public static func sign(_ statement: DonorStatement, logKey: Ed25519PrivateKey) throws -> [UInt8] {
        var object = try StatementJSON.object(statement)
        let signature = try logKey.signature(for: try StatementJSON.signedBytes(object))
        object["signature"] = .string(Base64.encode(signature))
        return try JSONCanonicalizer.canonicalBytes(.object(object))
    }

    /// What a verified statement says, for the verifier's report.
    public struct Verified: Sendable, Equatable {
        /// The donor's id.
        public let donor: String
        /// The period's first day, `YYYY-MM-DD`.
        public let from: String
        /// The period's last day, `YYYY-MM-DD`.
        public let to: String
        /// How many receipts were checked against their journal entries.
        public let receipts: Int
        /// How many refunds were checked against their journal entries.
        public let refunds: Int
        /// The sum of the receipts' values (exact decimal, in ``currency``), checked against
        /// `totals.received_value`.
        public let receivedValue: String
        /// The fund currency's ISO 4217 code.
        public let currency: String
        /// The tree size of the statement's checkpoint.
        public let checkpointSize: UInt64
        /// The audits the statement names, as "holder (witness name)"; each one's cosignature
        /// line is on the checkpoint and verifies with the witness key the statement gives.
        public let auditedBy: [String]
        /// Which figures sealed balances prove, and which the statement says are not proven.
        public let figures: CheckedFigures
        /// The witness keys the donor gave (`--witness`) whose valid cosignature the checkpoint
        /// carries, by name; empty when none was given (the audits are then not checked against
        /// keys the donor trusts).
        public let witnessesChecked: [String]
    }

    /// Checks `bytes` (a signed statement) against the log's verifier key `vkey`, and its
    /// checkpoint's cosignatures against the witness keys `witnesses` the donor got from the
    /// auditors (each must have a valid cosignature on it).
    /// - Throws: ``StatementError`` saying what does not hold, naming the receipt or witness.
    public static func verify(_ bytes: [UInt8], vkey: String, witnesses: [String] = []) throws -> Verified {
        let verifier: NoteVerifier
        do { verifier = try NoteVerifier(verifierKey: vkey) } catch { throw StatementError("--vkey: \(error)") }
        guard let parsed = try? JSONParser.parse(bytes), var object = parsed.objectValue else {
            throw StatementError("the statement is not a JSON object")
        }
        // One form, the one vtf writes: the openssl check (Audit/verify-statement-with-openssl.sh)
        // verifies the file's bytes as they are, so a statement re-encoded with the same meaning
        // (`"Belg\u0069um"`, `12.0` for `12`, spaces) passed here and failed there.
        let line = bytes.last == 0x0A ? Array(bytes.dropLast()) : bytes
        guard (try? JSONCanonicalizer.canonicalBytes(parsed)) == line else {
            throw StatementError("""
                the statement is not in the form the fund issued it (canonical JSON, RFC 8785, on one line): it was re-encoded or \
                edited; ask the fund for the file it issued
                """)
        }
        guard let signatureText = object["signature"]?.stringValue, let signature = Base64.decode(signatureText) else {
            throw StatementError("the statement has no signature")
        }
        object["signature"] = nil
        guard verifier.publicKey.isValidSignature(signature, for: try StatementJSON.signedBytes(object)) else {
            throw StatementError("the signature does not verify with the log key \(verifier.name): the statement was changed, or was not issued by this fund")
        }
        let fields = try StatementFields(object)
        guard fields.origin == verifier.name else {
            throw StatementError("the statement is for \(fields.origin), the key is \(verifier.name)")
        }
        let (checkpoint, signed) = try self.checkpoint(fields, verifier: verifier)
        let witnessesChecked = try StatementWitnesses.check(witnesses, on: signed)
        let receipts = try fields.items("receipts")
        let refunds = try fields.items("refunds")
        var listed: Set<Int64> = []
        for (index, item) in receipts.enumerated() {
            let body = try check(item, at: "receipt \(index + 1)", refund: false, fields: fields, checkpoint: checkpoint)
            try checkListing(body, at: "receipt \(index + 1)", fields: fields, listed: &listed)
            try checkDonor(body, at: "receipt \(index + 1)", fields: fields)
        }
        for (index, item) in refunds.enumerated() {
            let body = try check(item, at: "refund \(index + 1)", refund: true, fields: fields, checkpoint: checkpoint)
            try checkListing(body, at: "refund \(index + 1)", fields: fields, listed: &listed)
        }
        let received = try fields.total(receipts)
        guard received.decimalString == fields.totals["received_value"]?.stringValue else {
            throw StatementError("totals.received_value is not the sum of the receipts (\(received.decimalString))")
        }
        let refunded = try fields.total(refunds)
        guard refunded.decimalString == fields.totals["refunded_value"]?.stringValue else {
            throw StatementError("totals.refunded_value is not the sum of the refunds (\(refunded.decimalString))")
        }
        try checkOutstanding(fields)
        let figures = try StatementProofs.check(fields, checkpoint: checkpoint)
        return Verified(
            donor: fields.donor, from: fields.from, to: fields.to, receipts: receipts.count, refunds: refunds.count,
            receivedValue: received.decimalString, currency: fields.currency.code, checkpointSize: checkpoint.size,
            auditedBy: fields.auditedBy.map { "\($0.holder) (\($0.witnessName))" }, figures: figures, witnessesChecked: witnessesChecked)
    }

    /// `totals.outstanding` is, currency by currency, the sum of the agreements' `outstanding`.
    static func checkOutstanding(_ fields: StatementFields) throws {
        var sums: [String: Amount] = [:]
        for agreement in try fields.items("agreements") {
            guard let code = agreement["currency"]?.stringValue, let currency = try? Currency(code: code),
                let text = agreement["outstanding"]?.stringValue, let amount = try? Amount(parsing: text, currency: currency, mode: .exact)
            else { throw StatementError("an agreement's currency or outstanding amount cannot be read") }
            sums[code] = try (sums[code] ?? .zero(currency)).adding(amount)
            try checkSettled(agreement, currency: currency, outstanding: amount)
        }
        let stated = (fields.totals["outstanding"]?.arrayValue ?? []).compactMap(\.objectValue)
        let shown = Dictionary(stated.compactMap { item in item["currency"]?.stringValue.map { ($0, item["amount"]?.stringValue ?? "") } }, uniquingKeysWith: { first, _ in first })
        guard shown.count == stated.count, shown == sums.mapValues(\.decimalString) else {
            throw StatementError("totals.outstanding is not, currency by currency, the sum of the agreements' outstanding amounts")
        }
    }

    /// An agreement's amount is what was received, written off and is outstanding (statements
    /// made before written_off was shown leave it out, and are not checked so).
    static func checkSettled(_ agreement: JSONObject, currency: Currency, outstanding: Amount) throws {
        guard let text = agreement["written_off"]?.stringValue else { return }
        let ref = agreement["ref"]?.stringValue ?? "?"
        guard let amount = agreement["amount"]?.stringValue.flatMap({ try? Amount(parsing: $0, currency: currency, mode: .exact) }),
            let received = agreement["received"]?.stringValue.flatMap({ try? Amount(parsing: $0, currency: currency, mode: .exact) }),
            let writtenOff = try? Amount(parsing: text, currency: currency, mode: .exact)
        else { throw StatementError("agreement \(ref): its amount, received or written_off cannot be read") }
        guard try received.adding(writtenOff).adding(outstanding) == amount else {
            throw StatementError("agreement \(ref): received \(received.decimalString), written off \(writtenOff.decimalString) and outstanding \(outstanding.decimalString) do not make its amount \(amount.decimalString)")
        }
    }

    /// The statement's checkpoint, signed by the log key, of the size it states; each audit it
    /// names must be a cosignature line on it that verifies with the audit's witness key.
    static func checkpoint(_ fields: StatementFields, verifier: NoteVerifier) throws -> (Checkpoint, SignedNote) {
        let signed: SignedNote
        let checkpoint: Checkpoint
        do throws(LogCheckpoint.Problem) {
            let checked = try LogCheckpoint(note: fields.note, verifier: verifier)
            (signed, checkpoint) = (checked.note, checked.checkpoint)
        } catch {
            switch error {
            case .notSigned(let reason): throw StatementError("the statement's checkpoint: \(reason)")
            case .otherOrigin(let found, let expected): throw StatementError("the statement's checkpoint is of \(found), not \(expected)")
            }
        }
        guard checkpoint.size == fields.size else {
            throw StatementError("the statement's checkpoint is of \(checkpoint.origin), size \(checkpoint.size); the statement says size \(fields.size)")
        }
        for audit in fields.auditedBy {
            try StatementWitnesses.checkAudit(audit, on: signed)
        }
        return (checkpoint, signed)
    }

    /// An entry is listed once, and is dated within the statement's period.
    static func checkListing(_ body: EntryBody, at: String, fields: StatementFields, listed: inout Set<Int64>) throws {
        guard listed.insert(Int64(body.seq)).inserted else {
            throw StatementError("\(at) (entry \(body.seq)): the entry is listed twice")
        }
        guard fields.period.contains(body.date) else {
            throw StatementError("\(at) (entry \(body.seq)): dated \(body.date), outside the statement's period \(fields.from) to \(fields.to)")
        }
    }

    /// A receipt is the donor's: its entry credits the donor's receivable (1200.DONOR) or, for
    /// what the donor paid beyond its agreement, its refunds payable (2300.DONOR).
    static func checkDonor(_ body: EntryBody, at: String, fields: StatementFields) throws {
        let accounts = [FundChart.receivables, FundChart.refundsPayable].map { $0.rawValue + "." + fields.donor }
        guard body.postings.contains(where: { accounts.contains($0.account.rawValue) && $0.amount.isNegative }) else {
            throw StatementError(
                "\(at) (entry \(body.seq)): the entry credits neither \(accounts[0]) nor \(accounts[1]): it is not a receipt from donor \(fields.donor)")
        }
    }

    /// One receipt or refund: its entry is in the tree, and says what the statement says; a
    /// refund's request is in the tree too, and is a refund request of this donor.
    /// Returns the entry's body.
    @discardableResult
    static func check(_ item: JSONObject, at: String, refund: Bool, fields: StatementFields, checkpoint: Checkpoint) throws -> EntryBody {
        let (body, line, proof) = try included(item, at: at, fields: fields, checkpoint: checkpoint)
        let reference = item["reference"]?.stringValue ?? ""
        let figures = refund
            ? try StatementFigures.refund(body, request: reference, fundCurrency: fields.currency)
            : try StatementFigures.receipt(body, fundCurrency: fields.currency)
        guard var expected = figures else { throw StatementError("\(at): entry \(body.seq) is not a \(refund ? "refund" : "receipt")") }
        expected.entry = line
        expected.proof = proof
        if refund {
            expected.request = try checkRequest(item, of: expected, approval: body, at: at, fields: fields, checkpoint: checkpoint)
        }
        guard StatementJSON.money(expected) == .object(item) else {
            throw StatementError("\(at) (entry \(body.seq)): the statement's figures differ from the signed journal entry's")
        }
        return body
    }

    /// The entry `item` lists (`seq`, `entry`, `proof`): read, of this ledger, and in the tree
    /// the checkpoint signs. Returns its body, its line and its proof (hex).
    static func included(
        _ item: JSONObject, at: String, fields: StatementFields, checkpoint: Checkpoint
    ) throws -> (EntryBody, String, [String]) {
        guard let line = item["entry"]?.stringValue, let seq = item["seq"]?.integerValue, seq >= 0 else {
            throw StatementError("\(at): entry or seq is missing")
        }
        let raw: RawEntry
        let body: EntryBody
        do {
            raw = try RawEntry(exportLine: Array(line.utf8), lineNumber: UInt64(seq))
            body = try EntryBody(json: try JSONParser.parse(raw.bodyBytes), fundCurrency: fields.currency)
        } catch { throw StatementError("\(at): its journal entry cannot be read: \(error)") }
        guard body.seq == UInt64(seq), body.ledger == fields.origin else {
            throw StatementError("\(at): its journal entry is entry \(body.seq) of \(body.ledger), not entry \(seq) of \(fields.origin)")
        }
        let proof = try (item["proof"]?.arrayValue ?? []).map { hash -> SHA256Digest in
            guard let text = hash.stringValue, text.utf8.count == 64, let digest = SHA256Digest(hex: text) else {
                throw StatementError("\(at): proof holds something that is not a 64-digit hex hash")
            }
            return digest
        }
        do {
            try MerkleVerifier.verifyInclusion(
                leafIndex: body.seq, treeSize: checkpoint.size, leafHash: MerkleHash.leaf(raw.bodyBytes), proof: proof,
                root: checkpoint.rootHash)
        } catch { throw StatementError("\(at) (entry \(seq)): it is not in the books the checkpoint signs: \(error)") }
        return (body, line, proof.map(\.hex))
    }

    /// A refund's approval names only its request's ref, and its postings (cash, revenue) name
    /// no donor: the statement shows the request entry too. It must be in the tree, before the
    /// approval, the `approval.request` of that ref, a `donor.refund` of this statement's donor,
    /// for the amount shown (an outside trial listed another donor's refund, and a grant
    /// payment, as Belgium's refunds).
    static func checkRequest(
        _ item: JSONObject, of refund: DonorStatement.Money, approval: EntryBody, at: String, fields: StatementFields,
        checkpoint: Checkpoint
    ) throws -> DonorStatement.ListedEntry {
        guard let shown = item["request"]?.objectValue else {
            throw StatementError("\(at) (entry \(approval.seq)): the refund's request entry is not shown, so nothing shows it is donor \(fields.donor)'s refund")
        }
        let (request, line, proof) = try included(shown, at: "\(at) request", fields: fields, checkpoint: checkpoint)
        let data = request.data
        guard request.kind == .approvalRequest, request.seq < approval.seq, request.ref == refund.reference,
            data["action"]?.stringValue == RequestAction.donorRefund.rawValue, data["donor"]?.stringValue == fields.donor
        else {
            throw StatementError("\(at) (entry \(approval.seq)): entry \(request.seq) is not the request of a refund to donor \(fields.donor) that entry \(approval.seq) approves")
        }
        guard data["amount"]?.stringValue == refund.amount.decimalString, data["currency"]?.stringValue == refund.amount.currency.code else {
            throw StatementError("\(at) (entry \(approval.seq)): the refund paid \(refund.amount.decimalString) \(refund.amount.currency.code), its request \(request.ref ?? "") asked for another amount")
        }
        return DonorStatement.ListedEntry(seq: request.seq, entry: line, proof: proof)
    }
}

/// The members of a statement the verifier reads.
struct StatementFields {
    let object: JSONObject
    let origin: String
    let currency: Currency
    let note: String
    let size: UInt64
    let donor: String
    let from: String
    let to: String
    /// The period's first and last days: a statement whose `from` or `to` is not a date, or runs
    /// backwards, is refused before anything is read against them.
    let period: ClosedRange<LedgerDate>
    let totals: JSONObject
    let auditedBy: [StatementWitnesses.Audit]

    init(_ object: JSONObject) throws {
        self.object = object
        guard object["format"]?.stringValue == StatementJSON.format else { throw StatementError("not a \(StatementJSON.format) statement") }
        let fund = object["fund"]?.objectValue ?? [:]
        let checkpoint = object["checkpoint"]?.objectValue ?? [:]
        guard let origin = fund["origin"]?.stringValue, let code = fund["currency"]?.stringValue,
            let currency = try? Currency(code: code), let note = checkpoint["note"]?.stringValue,
            let size = checkpoint["size"]?.integerValue, size > 0
        else { throw StatementError("the statement's fund or checkpoint is incomplete") }
        self.origin = origin
        self.currency = currency
        self.note = note
        self.size = UInt64(size)
        donor = object["donor"]?.objectValue?["id"]?.stringValue ?? ""
        from = object["from"]?.stringValue ?? ""
        to = object["to"]?.stringValue ?? ""
        guard let first = try? LedgerDate(parsing: from), let last = try? LedgerDate(parsing: to), first <= last else {
            throw StatementError("the statement's from (\(from)) and to (\(to)) are not the dates of a period")
        }
        period = first...last
        totals = object["totals"]?.objectValue ?? [:]
        auditedBy = try StatementWitnesses.audits(object["audited_by"])
    }

    func items(_ name: String) throws -> [JSONObject] {
        guard let items = object[name]?.arrayValue else { throw StatementError("\(name) is missing") }
        return try items.map { item in
            guard let object = item.objectValue else { throw StatementError("\(name) holds something that is not an object") }
            return object
        }
    }

    func total(_ items: [JSONObject]) throws -> Amount {
        try items.reduce(Amount.zero(currency)) { total, item in
            guard let text = item["value"]?.stringValue, let value = try? Amount(parsing: text, currency: currency, mode: .exact) else {
                throw StatementError("a value is not an amount in \(currency.code)")
            }
            return try total.adding(value)
        }
    }
}
