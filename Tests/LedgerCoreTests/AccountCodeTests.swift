import LedgerCore
import Testing

@Suite("AccountCode and AccountType")
struct AccountCodeTests {
    @Test(
        "valid codes",
        arguments: [
            "1100", "1200.BEL", "cash-eur", "a", "9", "A_b-c.d", "5100.2026.CSO-17",
            String(repeating: "x", count: 64),
        ]
    )
    func valid(text: String) throws {
        let code = try AccountCode(text)
        #expect(code.rawValue == text)
        #expect(code.description == text)
    }

    /// (text, words the reason must contain).
    static let invalid: [(String, [String])] = [
        ("", ["cannot be empty"]),
        (String(repeating: "x", count: 65), ["65 characters long", "the limit is 64"]),
        (".1100", ["must start with a letter or a digit", "\".\""]),
        ("-x", ["must start with a letter or a digit"]),
        ("_x", ["must start with a letter or a digit"]),
        ("1100 BEL", ["\" \" is not allowed"]),
        ("café", ["\"é\" is not allowed"]),
        ("1100/BEL", ["\"/\" is not allowed"]),
        ("1100\n", ["\"\\n\" is not allowed"]),
        ("1100\t", ["not allowed"]),
        ("１１００", ["not allowed"]),
        ("a+b", ["\"+\" is not allowed"]),
    ]

    @Test("invalid codes are refused with the reason", arguments: invalid)
    func invalidCode(text: String, words: [String]) {
        let error = #expect(throws: AccountCodeError.self) { try AccountCode(text) }
        #expect(error?.text == text)
        #expect(error?.description.hasPrefix("account code ") == true)
        for word in words {
            #expect(error?.reason.contains(word) == true, "\(error?.reason ?? "")")
        }
    }

    @Test("codes order by ASCII: digits, capitals, small letters")
    func order() throws {
        let codes = try ["a", "1200", "B", "1100.BEL", "1100"].map { try AccountCode($0) }
        #expect(codes.sorted().map(\.rawValue) == ["1100", "1100.BEL", "1200", "B", "a"])
        #expect(try AccountCode("1100") == AccountCode("1100"))
        #expect(try AccountCode("cash") != AccountCode("Cash"))
    }

    @Test("account types have the contract's spellings")
    func accountTypes() {
        #expect(
            AccountType.allCases.map(\.rawValue) == [
                "asset", "liability", "net-assets", "revenue", "expense", "memo",
            ])
        #expect(AccountType(rawValue: "net-assets") == .netAssets)
        #expect(AccountType(rawValue: "netAssets") == nil)
    }
}
