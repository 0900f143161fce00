import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog

extension StatementPage {
    /// The fund, the title, the donor, the period and the issue date.
    var titleBlock: String {
        let donor = statement.donor
        var facts: [(String, String)] = [
            (text.donor, donor.name),
            (text.donorID, donor.id + " · " + text.donorType(donor.type)),
        ]
        if let country = donor.country { facts.append((text.country, country)) }
        facts.append((text.period, text.periodRange(format.date(statement.from), format.date(statement.to))))
        facts.append((text.issued, format.date(statement.issued)))
        let list = facts.map { "<dt>\(HTMLMarkup.escape($0.0))</dt><dd>\(HTMLMarkup.escape($0.1))</dd>" }
        return """
            <header class="title">
            <p class="fund">\(HTMLMarkup.escape(statement.fund.name))</p>
            <h1>\(HTMLMarkup.escape(text.title))</h1>
            <dl class="facts">\(list.joined())</dl>
            </header>
            """
    }

    /// The UNAUDITED banner, or who cosigned the checkpoint that covers the period.
    var auditBlock: String {
        guard statement.isAudited else {
            return """
                <div class="banner unaudited" role="note"><strong>\(HTMLMarkup.escape(text.unaudited))</strong>\
                <span>\(HTMLMarkup.escape(text.unauditedNote))</span></div>
                """
        }
        let names = statement.auditedBy.map(\.holder).joined(separator: ", ")
        return HTMLMarkup.paragraph(text.coveredBy + names, class: "audited")
    }

    /// How to check the signed JSON statement, and the checkpoint it leads to.
    var verificationSection: String {
        let size = format.count(Int(clamping: statement.checkpointSize))
        let command = "vtf statement verify FILE.json --vkey VKEY"
        var content = HTMLMarkup.paragraph(text.checkpointNote(statement.fund.origin, size))
        content += HTMLMarkup.paragraph(text.verifyCommand)
        content += HTMLMarkup.element("pre", HTMLMarkup.element("code", HTMLMarkup.escape(command)))
        content += HTMLMarkup.paragraph(text.verifyOpenSSL)
        if let root = checkpointRoot {
            let code = HTMLMarkup.element("code", HTMLMarkup.escape(root))
            content += HTMLMarkup.element("p", HTMLMarkup.escape(text.rootHash) + code, class: "root")
        }
        return section(text.verification, content, class: "verify")
    }

    /// The checkpoint's root hash (its third line, base64), when the note has one.
    private var checkpointRoot: String? {
        let lines = statement.checkpoint.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3, !lines[2].isEmpty else { return nil }
        return String(lines[2])
    }
}
