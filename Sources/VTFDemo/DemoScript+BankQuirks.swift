import Foundation
import VTFCommands

/// Issue 12 items 1, 2 and 7: the bank's own export of February as real banks write it, read
/// (not committed) against cash. Rabobank-style `:28C:0` on every statement, a padded type code
/// `NOV `, a lone `-` inside `:86:`, `NONREF`, text in DOS code page 850 named with
/// `--encoding`, and the second statement exported twice: its line is shown as a duplicate, with
/// why, and never matched.
extension DemoScript {
    func bankQuirks() async throws {
        say("17a. The bank's February export, as banks write them: :28C:0 on every statement (no break), a padded type code 'NOV ', a lone '-' inside :86:, NONREF (no reference), text in code page 850 (--encoding CP850), and the second statement exported twice: its line is listed as a duplicate with why, never matched. Read only: nothing is committed.")
        let head = [":20:CITI-2025-02", ":25:US33CITI0000123456789", ":28C:0"]
        var bytes: [UInt8] = []
        func add(_ lines: [String]) { bytes += Array((lines.joined(separator: "\r\n") + "\r\n").utf8) }
        add(head + [":60F:C250101USD0,", ":61:2502050205C250000,00NOV NONREF//CITI-250205-01", ":86:UNITED STATES OF AMERICA", "-",
                    "CONTRIBUTION 2025", ":62F:C250205USD250000,00"])
        let second = head + [":60F:C250205USD250000,00", ":61:2502110211C44965,00NTRFNONREF//CITI-250211-04"]
        for _ in 0..<2 {
            add(second)
            bytes += Array(":86:Blue Heart Campaign, Z".utf8) + [0x81] + Array("rich office\r\n".utf8)
            add([":62F:C250211USD294965,00", "-"])
        }
        let file = "\(folder)/citi-2025-02-export.sta"
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        try await vtf(["reconcile", "bank"] + l + ["--statement", file, "--account", "1100", "--encoding", "CP850"], expect: 1)
    }
}
