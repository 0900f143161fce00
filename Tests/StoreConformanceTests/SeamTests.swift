import Foundation
import Testing

/// The seam holds in the sources: GRDB is imported by SQLiteStore alone, and never publicly, so
/// no GRDB type can reach a public signature and no caller can catch GRDB's errors.
@Suite("The store seam in the sources")
struct SeamTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// Every `import GRDB` line of `Sources/`, as (target folder, file, line).
    static func grdbImports() throws -> [(target: String, file: String, line: String)] {
        var found: [(String, String, String)] = []
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        for case let url as URL in files where url.pathExtension == "swift" {
            let target = url.path.dropFirst(sources.path.count + 1).split(separator: "/").first.map(String.init) ?? ""
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                if let index = words.firstIndex(of: "import"), words.count > index + 1, words[index + 1] == "GRDB" {
                    found.append((target, url.lastPathComponent, String(line)))
                }
            }
        }
        return found
    }

    @Test func onlySQLiteStoreImportsGRDB() throws {
        let imports = try Self.grdbImports()
        #expect(!imports.isEmpty, "the scan found SQLiteStore's imports")
        let elsewhere = imports.filter { $0.target != "SQLiteStore" }
        #expect(elsewhere.isEmpty, "GRDB imported outside SQLiteStore: \(elsewhere.map { "\($0.target)/\($0.file)" })")
    }

    @Test func grdbIsNeverImportedPublicly() throws {
        let exposed = try Self.grdbImports().filter { $0.line.hasPrefix("public ") || $0.line.hasPrefix("@_exported ") }
        #expect(exposed.isEmpty, "GRDB imported publicly: \(exposed.map { "\($0.target)/\($0.file): \($0.line)" })")
    }
}
