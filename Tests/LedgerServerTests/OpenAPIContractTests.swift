import Foundation
import Hummingbird
import LedgerServer
import SQLiteStore
import AuditFixtures
import Testing

/// Schemas/openapi.yaml says what the service serves: every route the router has is described
/// with its method, every path described is a route, and the error codes are the service's.
@Suite struct OpenAPIContractTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// "METHOD /path" of every operation in the description (its `paths:` block, two-space
    /// indented paths, four-space indented methods).
    static func described() throws -> (operations: Set<String>, codes: [String]) {
        let text = try String(contentsOf: root.appendingPathComponent("Schemas/openapi.yaml"), encoding: .utf8)
        var operations = Set<String>()
        var path: String?
        var inPaths = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":") { path = String(line.dropFirst(2).dropLast()) }
            for method in ["get", "post", "put", "delete", "patch"] where line == "    \(method):" {
                operations.insert("\(method.uppercased()) \(path ?? "?")")
            }
        }
        let enumLine = try #require(text.split(separator: "\n").first { $0.contains("enum: [unauthenticated") })
        let codes = enumLine.split(separator: "[")[1].split(separator: "]")[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return (operations, codes)
    }

    @Test func everyRouteIsDescribedAndEveryDescribedPathIsARoute() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-openapi-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try AuditFixtures.goldenLedger(at: folder + "/golden.ledger")
        let router = LedgerService(store: ledger.store).router()
        let served = Set(router.routes.map { route in
            // Hummingbird writes the catch-all as **; the description names it as one parameter.
            let path = "\(route.path)".replacingOccurrences(of: "/**", with: "/{tile}")
            return "\(route.method.rawValue) \(path.hasPrefix("/") ? path : "/" + path)"
        })
        let (described, _) = try Self.described()
        #expect(served.count >= 14)
        #expect(served.subtracting(described).isEmpty, "routes not in Schemas/openapi.yaml: \(served.subtracting(described).sorted())")
        #expect(described.subtracting(served).isEmpty, "described but not served: \(described.subtracting(served).sorted())")
    }

    @Test func theErrorCodesAreTheServices() throws {
        #expect(try Self.described().codes == ServiceRefusal.Code.allCases.map(\.rawValue))
    }
}
