import AuditFixtures
import Foundation

// Usage: audit-fixtures OUTDIR — writes OUTDIR/golden and OUTDIR/tampered/<attack>.
let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: audit-fixtures OUTDIR\n".utf8))
    exit(2)
}
do {
    try await AuditFixtures.generate(into: arguments[1])
    print("wrote \(arguments[1])/golden and \(AuditFixtures.attacks.count) tampered bundles")
} catch {
    FileHandle.standardError.write(Data("audit-fixtures: \(error)\n".utf8))
    exit(1)
}
