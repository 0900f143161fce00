public import CanonicalJSON
import LedgerCore

/// The sums inside an IPSAS statement's JSON that tie its figures together, checked by
/// `vtf proof check` beside the proofs: a report is not signed, so a figure that is not a
/// balance (a cash-flow line, an earmark, the FX split) is the report's word, but it must still
/// add up to the figures that are proven. Each line total is the sum of its lines; the cash-flow
/// sections add up to the proven net change; the assets are the liabilities and net assets when
/// the report says it balances; the earmarks add up to 3200; the FX net is realised plus
/// unrealised; the surplus is revenue less expenses; each net-assets component moves from its
/// opening to its closing by the rows between.
public enum ReportArithmetic {
    /// What does not add up in `report`, one sentence each (empty when every sum holds).
    public static func problems(in report: JSONObject) -> [String] {
        guard let code = report["currency"]?.stringValue, let currency = try? Currency(code: code) else {
            return ["the report's currency is missing"]
        }
        var sums = Sums(currency: currency)
        sums.lineTotals(.object(report), at: "")
        switch report["report"]?.stringValue {
        case "financial-position": sums.position(report)
        case "financial-performance": sums.performance(report)
        case "net-assets": sums.netAssets(report)
        case "cash-flow": sums.cashFlow(report)
        default: break
        }
        return sums.problems
    }

    struct Sums {
        let currency: Currency
        var problems: [String] = []

        func amount(_ value: JSONValue?) -> Amount? { ReportFigureRules.amount(value, currency) }

        /// Σ of `values`, or nil when one is not an amount (or the sum overflows).
        func sum(_ values: [JSONValue?]) -> Amount? {
            var total = Amount.zero(currency)
            for value in values {
                guard let amount = amount(value), let next = try? total.adding(amount) else { return nil }
                total = next
            }
            return total
        }

        mutating func expect(_ what: String, _ stated: JSONValue?, equals computed: Amount?) {
            guard let computed, let shown = amount(stated) else {
                problems.append("\(what): not an amount, or a sum of amounts that are not")
                return
            }
            if shown != computed { problems.append("\(what) is \(shown.decimalString), but its parts add up to \(computed.decimalString)") }
        }

        /// Every object with `lines` and a `total`, at any depth: the total is the sum of the lines.
        mutating func lineTotals(_ value: JSONValue, at path: String) {
            switch value {
            case .object(let object):
                if let lines = object["lines"]?.arrayValue, object["total"] != nil {
                    let items = lines.compactMap(\.objectValue)
                    expect("\(path).total", object["total"], equals: sum(items.map { $0["value"] }))
                    for term in ["current", "non_current"] where object["\(term)_total"] != nil {
                        expect("\(path).\(term)_total", object["\(term)_total"], equals: sum(items.filter { $0["term"]?.stringValue == term }.map { $0["value"] }))
                    }
                }
                for (name, member) in object where name != "proofs" && name != "checkpoint" { lineTotals(member, at: path.isEmpty ? name : "\(path).\(name)") }
            case .array(let items):
                for (index, item) in items.enumerated() { lineTotals(item, at: "\(path)[\(index)]") }
            default: break
            }
        }

        mutating func position(_ report: JSONObject) {
            let assets = report["assets"]?.objectValue, liabilities = report["liabilities"]?.objectValue, net = report["net_assets"]?.objectValue
            let balances = sum([liabilities?["total"], net?["total"]]).map { $0 == amount(assets?["total"]) }
            if balances != (report["balanced"] == .bool(true)) {
                problems.append("balanced says \(report["balanced"] == .bool(true)), but the assets \(balances == true ? "equal" : "do not equal") the liabilities and net assets")
            }
            let earmarks = (report["earmarks"]?.arrayValue ?? []).compactMap(\.objectValue)
            if !earmarks.isEmpty {
                let earmarked = (net?["lines"]?.arrayValue ?? []).compactMap(\.objectValue).first { $0["key"]?.stringValue == "accumulated_surplus_earmarked" }
                expect("net_assets accumulated_surplus_earmarked (3200)", earmarked?["value"], equals: sum(earmarks.map { $0["value"] }))
            }
        }

        mutating func performance(_ report: JSONObject) {
            let fx = report["foreign_exchange"]?.objectValue
            expect("foreign_exchange.net", fx?["net"], equals: sum([fx?["realised"], fx?["unrealised"]]))
            let revenue = amount(report["revenue"]?.objectValue?["total"]), expenses = amount(report["expenses"]?.objectValue?["total"])
            expect("surplus", report["surplus"], equals: revenue.flatMap { revenue in expenses.flatMap { try? revenue.subtracting($0) } })
        }

        mutating func netAssets(_ report: JSONObject) {
            let rows = (report["rows"]?.arrayValue ?? []).compactMap(\.objectValue)
            func cell(_ row: JSONObject, _ account: String) -> JSONValue? {
                (row["values"]?.arrayValue ?? []).compactMap(\.objectValue).first { $0["account"]?.stringValue == account }?["value"]
            }
            for row in rows {
                expect("rows.\(row["key"]?.stringValue ?? "?").total", row["total"], equals: sum((row["values"]?.arrayValue ?? []).compactMap(\.objectValue).map { $0["value"] }))
            }
            guard let closing = rows.last(where: { $0["key"]?.stringValue == "closing" }) else {
                problems.append("rows: no closing row")
                return
            }
            let moving = rows.filter { $0["key"]?.stringValue != "closing" }
            for component in (report["components"]?.arrayValue ?? []).compactMap({ $0.objectValue?["account"]?.stringValue }) {
                expect("rows.closing.\(component)", cell(closing, component), equals: sum(moving.map { cell($0, component) }))
            }
            let earmarks = (report["earmarks"]?.arrayValue ?? []).compactMap(\.objectValue)
            if !earmarks.isEmpty { expect("rows.closing.3200", cell(closing, "3200"), equals: sum(earmarks.map { $0["closing"] })) }
        }

        mutating func cashFlow(_ report: JSONObject) {
            let sections = (report["sections"]?.arrayValue ?? []).compactMap(\.objectValue)
            expect("net_change", report["net_change"], equals: sum(sections.map { $0["total"] }))
            expect("closing", report["closing"], equals: sum([report["opening"], report["net_change"]]))
        }
    }
}
