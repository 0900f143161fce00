public import CanonicalJSON
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog

/// The signed JSON form of a statement (format `vtf-donor-statement/1`), the one a donor can
/// check offline. Every amount is an exact decimal string; `value`s are in `fund.currency`.
///
/// `signature` = base64 Ed25519 signature by the ledger's log key over
/// `"vtf-donor-statement/1\n"` followed by the RFC 8785 bytes of the object without `signature`.
public enum StatementJSON {
    /// The value of the statement's `format` field, `vtf-donor-statement/1`.
    public static let format = "vtf-donor-statement/1"
    /// What is signed starts with this line, so a statement signature can never pass for a
    /// checkpoint's or an entry's.
    public static let signingContext = Array("\(format)\n".utf8)

    /// The statement as a JSON object, without `signature`.
    public static func object(_ statement: DonorStatement) throws -> JSONObject {
        let fund = statement.fund.currency
        var object: JSONObject = [
            "format": .string(format),
            "fund": .object(["name": .string(statement.fund.name), "origin": .string(statement.fund.origin), "currency": .string(fund.code)]),
            "donor": .object([
                "id": .string(statement.donor.id), "name": .string(statement.donor.name), "type": .string(statement.donor.type),
                "country": statement.donor.country.map(JSONValue.string) ?? .null,
            ]),
            "from": .string(statement.from.description), "to": .string(statement.to.description),
            "issued": .string(statement.issued.description),
            "audited_by": .array(statement.auditedBy.map(auditor)),
            "agreements": .array(statement.agreements.map(agreement)),
            "pledges": .array(statement.pledges.map { pledge in
                .object([
                    "ref": .string(pledge.ref), "date": .string(pledge.date.description), "amount": .string(pledge.amount.decimalString),
                    "currency": .string(pledge.amount.currency.code), "value": .string(pledge.value.decimalString), "status": .string(pledge.status),
                ])
            }),
            "receipts": .array(statement.receipts.map(money)),
            "refunds": .array(statement.refunds.map(money)),
            "totals": .object(try totals(statement)),
            "fund_use": .object([
                "grants_committed": .string(statement.fundUse.grantsCommitted.decimalString),
                "grants_paid": .string(statement.fundUse.grantsPaid.decimalString),
                "grants_paid_count": .integer(Int64(statement.fundUse.grantsPaidCount)),
                "grants_spent": .string(statement.fundUse.grantsSpent.decimalString),
                "psc": .string(statement.fundUse.psc.decimalString),
                "fund_balance": .string(statement.fundUse.fundBalance.decimalString),
                "reserve": .string(statement.fundUse.reserve.decimalString),
            ]),
            "checkpoint": .object(["size": .integer(Int64(statement.checkpointSize)), "note": .string(statement.checkpoint)]),
        ]
        if let proofs = statement.proofs { object["proofs"] = proofs.json }
        return object
    }

    /// One audit: who holds the auditor key, its ledger key id, the cosignature line and the
    /// witness verifier key that checks it.
    static func auditor(_ audit: AuditorCosignature) -> JSONValue {
        .object([
            "holder": .string(audit.holder), "key_id": .string(audit.keyID), "witness": .string(audit.witness),
            "vkey": .string(audit.vkey),
        ])
    }

    static func agreement(_ agreement: DonorStatement.Agreement) -> JSONValue {
        .object([
            "ref": .string(agreement.ref), "date": .string(agreement.date.description),
            "amount": .string(agreement.amount.decimalString), "currency": .string(agreement.amount.currency.code),
            "value": .string(agreement.value.decimalString), "conditional": .bool(agreement.conditional),
            "earmark": agreement.earmark.map(JSONValue.string) ?? .null,
            "received": .string(agreement.received.decimalString), "written_off": .string(agreement.writtenOff.decimalString),
            "outstanding": .string(agreement.outstanding.decimalString),
            "instalments": .array(agreement.instalments.map { item in
                .object([
                    "due": .string(item.due.description), "amount": .string(item.amount.decimalString),
                    "outstanding": .string(item.outstanding.decimalString),
                ])
            }),
        ])
    }

    static func money(_ money: DonorStatement.Money) -> JSONValue {
        var object: JSONObject = [
            "seq": .integer(Int64(money.seq)), "date": .string(money.date.description), "reference": .string(money.reference),
            "amount": .string(money.amount.decimalString), "currency": .string(money.amount.currency.code),
            "rate": money.rate.map(JSONValue.string) ?? .null,
            "rate_from": money.rateFrom.map { .string($0.description) } ?? .null,
            "value": .string(money.value.decimalString), "bank_ref": money.bankRef.map(JSONValue.string) ?? .null,
            "entry": .string(money.entry), "proof": .array(money.proof.map(JSONValue.string)),
        ]
        if let request = money.request {
            object["request"] = .object([
                "seq": .integer(Int64(request.seq)), "entry": .string(request.entry), "proof": .array(request.proof.map(JSONValue.string)),
            ])
        }
        return .object(object)
    }

    /// Σ received and refunded (in the fund currency), and outstanding per currency.
    static func totals(_ statement: DonorStatement) throws -> JSONObject {
        let fund = statement.fund.currency
        let received = try StatementFigures.sum(statement.receipts.map(\.value), fund)
        let refunded = try StatementFigures.sum(statement.refunds.map(\.value), fund)
        var outstanding: [String: Amount] = [:]
        for agreement in statement.agreements {
            let code = agreement.outstanding.currency.code
            outstanding[code] = try (outstanding[code] ?? .zero(agreement.outstanding.currency)).adding(agreement.outstanding)
        }
        return [
            "received_value": .string(received.decimalString), "refunded_value": .string(refunded.decimalString),
            "outstanding": .array(outstanding.keys.sorted().compactMap { code in
                outstanding[code].map { .object(["currency": .string(code), "amount": .string($0.decimalString)]) }
            }),
        ]
    }

    /// The bytes the log key signs: the context line, then the canonical object.
    public static func signedBytes(_ object: JSONObject) throws -> [UInt8] {
        signingContext + (try JSONCanonicalizer.canonicalBytes(.object(object)))
    }
}
