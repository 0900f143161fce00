import Foundation
import Testing

/// Issue 13 point 3: the reports, statements and audit bundles read a ledger through the store
/// seam (LedgerStore's `StoreSnapshot`), as does the bank reconciliation (which books through
/// `LedgerWriting`), so a PostgreSQL store serves them as SQLite does. Their
/// targets depend on LedgerStore and never, directly or through another target, on SQLiteStore
/// or GRDB; nor does their source import SQLiteStore.
@Suite("The module graph")
struct ModuleGraphTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let storeNeutral = ["TrustFund", "Statements", "PlainTextLedgers", "IATIExport", "PublicSite", "AuditBundle", "BankReconciliationBooking", "LedgerServer", "LedgerClient"]

    /// Each target of Package.swift with the names its `dependencies:` list (targets and
    /// products alike).
    static func targets() throws -> [String: [String]] {
        let text = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let starts = try Regex(#"\.(target|executableTarget|testTarget|plugin|systemLibrary)\(\s*name:\s*"([^"]+)""#)
        let matches = text.matches(of: starts)
        var found: [String: [String]] = [:]
        for (index, match) in matches.enumerated() {
            guard let name = match.output[2].substring.map(String.init) else { continue }
            let end = index + 1 < matches.count ? matches[index + 1].range.lowerBound : text.endIndex
            let chunk = text[match.range.upperBound..<end]
            guard let list = chunk.range(of: "dependencies:") else {
                found[name] = []
                continue
            }
            var depth = 0
            var body = ""
            for character in chunk[list.upperBound...] {
                if character == "[" { depth += 1 }
                if character == "]" { depth -= 1 }
                if depth == 0 && !body.isEmpty { break }
                if depth > 0 { body.append(character) }
            }
            found[name] = body.matches(of: try Regex(#""([^"]+)""#)).compactMap { $0.output[1].substring.map(String.init) }
        }
        return found
    }

    /// Every name `target` reaches through its dependencies.
    static func closure(_ target: String, in graph: [String: [String]]) -> Set<String> {
        var seen: Set<String> = []
        var next = graph[target] ?? []
        while let name = next.popLast() {
            guard seen.insert(name).inserted else { continue }
            next += graph[name] ?? []
        }
        return seen
    }

    @Test func theParserReadsThePackage() throws {
        let graph = try Self.targets()
        // The parse is honest: SQLiteStore is found where it is, GRDB with it.
        #expect(graph["SQLiteStore"]?.contains("GRDB") == true)
        #expect(Self.closure("VTFCommands", in: graph).contains("SQLiteStore"))
        for name in Self.storeNeutral { #expect(graph[name]?.contains("LedgerStore") == true, "\(name)") }
    }

    @Test func reportsStatementsAndBundlesDependOnTheSeamNotOnSQLite() throws {
        let graph = try Self.targets()
        for name in Self.storeNeutral {
            let reached = Self.closure(name, in: graph)
            #expect(!reached.contains("SQLiteStore"), "\(name) depends on SQLiteStore: \(reached.sorted())")
            #expect(!reached.contains("GRDB"), "\(name) depends on GRDB")
        }
    }

    @Test func theirSourcesDoNotImportSQLiteStore() throws {
        for name in Self.storeNeutral {
            let folder = Self.root.appendingPathComponent("Sources").appendingPathComponent(name)
            let files = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
            var count = 0
            for case let url as URL in files where url.pathExtension == "swift" {
                count += 1
                for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                    let words = line.split(separator: " ")
                    if let index = words.firstIndex(of: "import"), words.count > index + 1 {
                        #expect(words[index + 1] != "SQLiteStore", "\(name)/\(url.lastPathComponent): \(line)")
                    }
                }
            }
            #expect(count > 0, "\(name) has sources")
        }
    }
}
