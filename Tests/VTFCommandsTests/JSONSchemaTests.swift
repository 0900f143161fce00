import CanonicalJSON
import Foundation
import Testing

/// A small JSON Schema (2020-12) checker for the keywords our schemas use: type, const, enum,
/// required, properties, patternProperties, additionalProperties: false, minProperties, items,
/// minItems, maxItems, minLength, maxLength, minimum, pattern. It refuses a schema keyword it does not know, so a schema
/// cannot silently ask for more than is checked.
struct SchemaChecker {
    static let known: Set<String> = [
        "$schema", "$id", "title", "description", "type", "const", "enum", "required", "properties",
        "additionalProperties", "patternProperties", "minProperties", "items", "minItems", "maxItems", "minLength", "maxLength", "minimum", "pattern",
    ]

    static func load(_ name: String) throws -> JSONValue {
        let url = CLI.packageRoot.appendingPathComponent("Schemas/json/\(name)")
        return try JSONParser.parse([UInt8](try Data(contentsOf: url)))
    }

    /// The problems found, each with its JSON path; empty when `value` conforms.
    static func check(_ value: JSONValue, against schema: JSONValue, path: String = "$") -> [String] {
        guard let rules = schema.objectValue else { return ["\(path): schema is not an object"] }
        var problems: [String] = []
        for key in rules.keys where !known.contains(key) { problems.append("schema keyword \(key) is not supported") }
        if let types = rules["type"] {
            let names = types.arrayValue?.compactMap(\.stringValue) ?? [types.stringValue ?? ""]
            if !names.contains(where: { matches(value, type: $0) }) { problems.append("\(path): not of type \(names)") }
        }
        if let constant = rules["const"], constant != value { problems.append("\(path): not \(constant)") }
        if let options = rules["enum"]?.arrayValue, !options.contains(value) { problems.append("\(path): \(value) not in enum") }
        if let text = value.stringValue {
            if let pattern = rules["pattern"]?.stringValue, (try? Regex(pattern).firstMatch(in: text)) == nil {
                problems.append("\(path): \"\(text)\" does not match \(pattern)")
            }
            if let min = rules["minLength"]?.integerValue, text.count < min { problems.append("\(path): shorter than \(min)") }
            if let max = rules["maxLength"]?.integerValue, text.count > max { problems.append("\(path): longer than \(max)") }
        }
        if case .number(let number) = value, let min = rules["minimum"]?.integerValue, number < Double(min) {
            problems.append("\(path): below \(min)")
        }
        if let object = value.objectValue {
            for name in rules["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                problems.append("\(path): \(name) is missing")
            }
            if let min = rules["minProperties"]?.integerValue, object.count < min { problems.append("\(path): fewer than \(min) members") }
            let properties = rules["properties"]?.objectValue ?? JSONObject()
            let patterns = rules["patternProperties"]?.objectValue ?? JSONObject()
            for (name, member) in object.members {
                let matching = patterns.members.filter { (try? Regex($0.key).firstMatch(in: name)) != nil }
                for (_, sub) in matching { problems += check(member, against: sub, path: "\(path).\(name)") }
                if let sub = properties[name] {
                    problems += check(member, against: sub, path: "\(path).\(name)")
                } else if matching.isEmpty, rules["additionalProperties"] == .bool(false) {
                    problems.append("\(path): unexpected member \(name)")
                }
            }
        }
        if let items = value.arrayValue {
            if let min = rules["minItems"]?.integerValue, items.count < min { problems.append("\(path): fewer than \(min) items") }
            if let max = rules["maxItems"]?.integerValue, items.count > max { problems.append("\(path): more than \(max) items") }
            if let itemSchema = rules["items"] {
                for (index, item) in items.enumerated() { problems += check(item, against: itemSchema, path: "\(path)[\(index)]") }
            }
        }
        return problems
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number): true
        case ("integer", .number): value.integerValue != nil
        default: false
        }
    }
}

@Suite("JSON outputs conform to their schemas in Schemas/json")
struct JSONSchemaTests {
    func ledgerWithActivity() throws -> TestLedger {
        let ledger = try TestLedger()
        try requireOK(ledger.post(["1100.EUR:10.00:EUR:10.87", "4100:-10.00:EUR:-10.87"], ref: "R-1"))
        try requireOK(ledger.post(["5100:3.00", "1100:-3.00"]))
        try requireOK(ledger.vtf(["reverse", "11"]))
        return ledger
    }

    @Test func exportLines() throws {
        let ledger = try ledgerWithActivity()
        defer { ledger.remove() }
        let schema = try SchemaChecker.load("journal-entry.schema.json")
        let lines = try ledger.vtf(["journal", "export"]).stdout.split(separator: "\n")
        #expect(lines.count == 13)
        for line in lines {
            let problems = SchemaChecker.check(try JSONParser.parse(String(line)), against: schema)
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    @Test(arguments: [
        (["balance", "--format", "json"], "balance.schema.json"),
        (["balance", "--format", "json", "--as-of", "2026-01-31"], "balance.schema.json"),
        (["key", "list", "--format", "json"], "key-list.schema.json"),
        (["account", "list", "--format", "json"], "account-list.schema.json"),
        (["prove", "inclusion", "11"], "inclusion-proof.schema.json"),
        (["prove", "consistency", "5", "13"], "consistency-proof.schema.json"),
    ])
    func reports(arguments: [String], schemaName: String) throws {
        let ledger = try ledgerWithActivity()
        defer { ledger.remove() }
        let output = try ledger.vtf(arguments)
        #expect(output.status == 0)
        let problems = SchemaChecker.check(try JSONParser.parse(output.stdout), against: try SchemaChecker.load(schemaName))
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func theCheckerRefusesWhatTheSchemaForbids() throws {
        let schema = try SchemaChecker.load("balance.schema.json")
        let bad = try JSONParser.parse(#"{"as_of":null,"rows":[{"account":"1100","currency":"usd","amount":12.5,"value":"1","extra":1}]}"#)
        let problems = SchemaChecker.check(bad, against: schema)
        #expect(problems.count == 3, "\(problems)")
    }
}
