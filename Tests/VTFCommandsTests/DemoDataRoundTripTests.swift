import CanonicalJSON
import Foundation
import LedgerCore
import LedgerJournal
import Testing
import TrustFundRules

/// Issue 13 point 2: every fund kind's data has a `Codable` type. The demo year's journal is
/// exported, and every fund entry's data is read through its kind's type and written back: the
/// canonical bytes must be the very bytes signed, so typing the data changed nothing in the
/// journal (and an old ledger still reads).
@Suite("The demo journal's data round-trips through the kinds' data types")
struct DemoDataRoundTripTests {
    /// An `approval.request`'s data decoded with its action's parameter type and encoded again.
    private func roundTripRequest<P: Codable & Sendable & Equatable>(_ type: P.Type, _ data: JSONObject, currency: Currency, seq: Int64) throws -> String {
        try roundTrip(ActionRequest<P>.self, data, currency: currency, seq: seq)
    }

    /// The data decoded as `type` and encoded again, as canonical text.
    private func roundTrip<T: Codable>(_ type: T.Type, _ data: JSONObject, currency: Currency, seq: Int64) throws -> String {
        let value = try EntryData.decode(type, from: .object(data), context: "entry \(seq) data", userInfo: [.amountCurrency: currency])
        return try JSONCanonicalizer.canonicalString(EntryData.value(value))
    }

    @Test func everyFundEntryOfTheDemoReadsAndWritesBackItsBytes() throws {
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let demo = try CLI.vtf(["demo", "--dir", "demo"], in: dir)
        #expect(demo.status == 0, "\(demo.stderr)")
        let export = try CLI.vtf(["journal", "export", "--ledger", "demo/unvtf.ledger"], in: dir)
        #expect(export.status == 0, "\(export.stderr)")
        let fundCurrency = try Currency(code: "USD")
        var agreementCurrencies: [String: Currency] = [:]
        var kinds: Set<FundKind> = []
        var actions: Set<RequestAction> = []
        var entries = 0
        for line in export.stdout.split(separator: "\n") {
            let entry = try #require(try JSONParser.parse(String(line)).objectValue)
            let seq = entry["seq"]?.integerValue ?? -1
            guard let name = entry["kind"]?.stringValue, let kind = FundKind(rawValue: name) else { continue }
            var data = try #require(entry["data"]?.objectValue, "entry \(seq)")
            data[FundRules.unoreMember] = nil
            if kind == .agreementSign, let ref = entry["ref"]?.stringValue, let code = data["currency"]?.stringValue {
                agreementCurrencies[ref] = try Currency(code: code)
            }
            // A recognition's, a write-off's and an impairment's amounts are in their agreement's
            // currency; every other amount without a currency member is in the fund currency.
            let agreement = data["agreement"]?.stringValue.flatMap { agreementCurrencies[$0] }
            let currency = kind == .agreementRecognise || kind == .approvalRequest ? agreement ?? fundCurrency : fundCurrency
            let written: String
            if let type = kind.dataType {
                written = try roundTrip(type, data, currency: currency, seq: seq)
            } else {
                let action = try #require(data["action"]?.stringValue.flatMap(RequestAction.init(rawValue:)), "entry \(seq)")
                written = try roundTripRequest(action.paramsType, data, currency: currency, seq: seq)
                actions.insert(action)
            }
            #expect(written == (try JSONCanonicalizer.canonicalString(.object(data))), "entry \(seq) (\(name))")
            kinds.insert(kind)
            entries += 1
        }
        // Every fund kind but a cash conversion and a delegation appears in the demo, and ten
        // of the actions a request may ask for.
        let expected = Set(FundKind.allCases).subtracting([.cashConvert, .keyDelegate])
        #expect(kinds == expected, "kinds missing: \(expected.subtracting(kinds).map(\.rawValue).sorted())")
        #expect(actions == [.grantAward, .grantDisburse, .receivableWriteOff, .receivableImpair, .donorRefund, .bankCharges,
                            .secretariatCost, .yearClose, .budgetSet, .ratesSet], "\(actions)")
        #expect(entries > 190)
    }
}
