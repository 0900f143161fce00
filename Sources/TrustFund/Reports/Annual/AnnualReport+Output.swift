public import CanonicalJSON
import LedgerCore

extension AnnualReport {
    /// The report as JSON (schema: Schemas/json/report-annual.schema.json), in English:
    /// amounts exact decimal strings, a missing prior-year figure null.
    public var json: JSONValue {
        func amount(_ value: Amount?) -> JSONValue { value.map { .string($0.decimalString) } ?? .null }
        func rows(_ rows: [AnnualRow]) -> JSONValue {
            .array(rows.map { row in
                .object(JSONObject([
                    ("section", .string(row.section)), ("line", .string(row.label)),
                    ("current", amount(row.current)), ("prior", amount(row.prior)),
                ]))
            })
        }
        func table(_ table: ReportTable) -> JSONValue {
            .object(JSONObject([
                ("title", table.title.map(JSONValue.string) ?? .null),
                ("columns", .array(table.columns.map { .string($0.title) })),
                ("rows", .array(table.rows.map { .array($0.map(JSONValue.string)) })),
            ]))
        }
        return .object(JSONObject([
            ("report", .string("annual")), ("fund", .string(fundName)), ("currency", .string(currency.code)),
            ("year", .integer(Int64(year))), ("from", .string(from.description)), ("as_of", .string(to.description)),
            ("prior_from", .string(priorFrom.description)), ("prior_as_of", .string(priorTo.description)),
            ("has_prior", .bool(hasPrior)), ("made", .string(made.description)),
            ("statements", .array(statements.map { statement in
                .object(JSONObject([
                    ("key", .string(statement.key)), ("title", .string(statement.title)), ("rows", rows(statement.rows)),
                    ("checks", .array(statement.checks.map { .string($0.english) })),
                ]))
            })),
            ("notes", .array(notes.map { note in
                .object(JSONObject([
                    ("key", .string(note.key)), ("title", .string(note.title)),
                    ("paragraphs", .array(note.paragraphs.map { .string($0.english) })),
                    ("rows", rows(note.rows)), ("tables", .array(note.tables.map(table))),
                ]))
            })),
            ("checks_hold", .bool(checksHold)),
        ]))
    }

    /// Every statement line and every note line with comparatives, as one flat table:
    /// statement (or note), section, line, current, prior (empty when none). Labels come through
    /// `label`, so a renderer can translate them.
    public func flatRows(_ label: (String) -> String = { $0 }) -> [[String]] {
        var rows: [[String]] = []
        for (title, lines) in statements.map({ ($0.title, $0.rows) }) + notes.map({ ($0.title, $0.rows) }) {
            for row in lines {
                rows.append([label(title), label(row.section), row.parts.map(label).joined(separator: " "),
                             row.current?.decimalString ?? "", row.prior?.decimalString ?? ""])
            }
        }
        return rows
    }
}
