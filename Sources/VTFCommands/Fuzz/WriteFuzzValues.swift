/// SplitMix64: the same numbers on every platform for a seed. Each case has its own generator
/// (seeded from the run's seed and the case number), so any case can be replayed alone.
struct FuzzRandom {
    private var state: UInt64

    init(seed: UInt64, case number: Int) {
        state = seed ^ (UInt64(truncatingIfNeeded: number) &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

    /// True with probability `percent` in 100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Values for the options: plausible ones, and hostile ones of every kind.
enum FuzzValues {
    /// A value of `kind` for case `number`. A valid-leaning case (`hostile` false) takes a
    /// plausible value nineteen times in twenty; a hostile-leaning case mixes plausible,
    /// wrong and hostile values.
    static func value(_ kind: FuzzValue, _ random: inout FuzzRandom, number: Int, hostile: Bool, keys: String, keyID: String) -> String {
        let (valid, invalid) = pools(kind, number: number, keys: keys, keyID: keyID)
        let roll = random.below(100)
        if !hostile ? roll < 95 : roll < 50 { return valid.isEmpty ? "" : random.pick(valid) }
        if roll < (hostile ? 85 : 98), !invalid.isEmpty { return random.pick(invalid) }
        return self.hostile(&random)
    }

    /// Plausible and wrong values of each kind.
    static func pools(_ kind: FuzzValue, number: Int, keys: String, keyID: String) -> (valid: [String], invalid: [String]) {
        switch kind {
        case .amount:
            return (["10.00", "0.01", "1000.00", "5", "250.50", "12000.00"],
                    ["-5", "0", "-0.01", "1e3", "99999999999999999999.99", "0.001", "abc", "", " 10", "10,00", "NaN",
                     "922337203685477.58", "-922337203685477.58", "٣"])
        case .currency: return (["EUR", "USD"], ["eur", "XXX", "ZZZ", "", "EURO", "CHF", "JPY", "BHD"])
        case .date:
            return (["2026-01-26", "2026-01-30", "2026-01-31"],
                    ["2026-12-31", "2025-12-31", "1900-01-01", "9999-12-31", "2026-02-30", "", "20260201", "2026-13-01", "2026-1-5"])
        case .text: return (["Paid in full", "Contribution — Zürich", "Ref 12/2026", "Donation 😀", "x", "Ünïcödé", "a b c"], [])
        case .ref: return (["R-\(number)", "BNK-\(number)", "TRY-\(number)", "U-1"], ["B-1", "AGR-BEL-1", "G-1", "PL-1", "TRY-1"])
        case .donor: return (["BEL"], ["NLD", "XX", "bel", "", "A-B_C", "1200"])
        case .newDonor: return (["D\(number)", "NLD"], ["BEL", "bel", "", "A B", "1200.X", "x/y"])
        case .grantee: return (["SHELTER", "SAFE\(number)"], ["", "a b", "x/y"])
        case .agreement: return (["AGR-BEL-1", "AGR-C"], ["AGR-X", "", "AGR-2"])
        case .grant: return (["G-1"], ["G-2", "", "REC-1"])
        case .request: return (["RFD-W", "WO-W"], ["G-1", "NOPE", "", "REV-2026-0009"])
        case .tranche: return (["1", "2"], ["0", "3", "-1", "x"])
        case .instalments: return (["5.00@2026-06-30,5.00@2026-09-30"], ["1,-1", "", "0", "5.00@2026-02-30", "5@x"])
        case .seq: return (["38", "39", "40", "47"], ["0", "5", "99", "-1", "18446744073709551615", "abc"])
        case .year: return (["2025", "2026"], ["2030", "1899", "abc", "-1", "10000"])
        case .code: return (["1150", "5150", "6150"], ["1100", "9999", "abc", "", "1100..X", "7777"])
        case .accountType: return (["asset", "expense", "liability"], ["memo", "bogus", ""])
        case .month: return (["2026-02", "2026-03"], ["2026-13", "", "1900-01", "2026-01"])
        case .rate: return (["EUR=0.9", "GBP=0.8", "JPY=150", "CHF=0.88"], ["EUR=0", "EUR=-1", "XXX=1", "EUR", "=", "EUR=1e400"])
        case .tranches: return (["5.00,5.00", "1000.00"], ["1,-1", "", "0", "2026-06-01:100.00"])
        case .donorType: return (["member-state", "foundation", "individual", "ngo"], ["bogus", ""])
        case .country: return (["BE", "NL"], ["XQ", "be", "", "BEL"])
        case .holder: return (["peter"], ["Peter", "maria", "MARIA ", "mаria", "nadia"])
        case .role: return (["fund-manager", "auditor"], ["certifying-officer", "log", "admin", "bogus"])
        case .setting: return (["psc_rate", "reserve_rate"], ["planned_expenditure", "write_off_limit", "bogus", ""])
        case .settingValue: return (["13", "7"], ["300000.00", "-1", "abc", "0", "100000000000000"])
        case .keyID: return ([keyID, String(keyID.prefix(16))], ["0", String(repeating: "ab", count: 32), "zz", ""])
        case .publicKey: return ([keys + "/peter.pem.pub"], [keys + "/maria.pem.pub", keys + "/missing.pub", keys, "/dev/null"])
        case .flag: return ([""], [])
        }
    }

    /// Strings that break naive code: controls, noncharacters, bidi overrides, huge lengths,
    /// leading dashes, separators, numbers at the edges.
    static func hostile(_ random: inout FuzzRandom) -> String {
        switch random.below(8) {
        case 0: return random.pick(["", " ", "\t", "\n", "a\tb", "a\nb", "a\rb", "-", "--", "--memo", "=", ":", ","])
        case 1: return String(repeating: random.pick(["x", "é", "😀", "\u{301}"]), count: random.pick([199, 200, 201, 2000, 2001, 10_000]))
        case 2: return random.pick(["-5", "-0", "-1e9", "1e400", "9223372036854775807", "-9223372036854775808", "0x10", ".5", "5."])
        case 3: return random.pick(["\u{202E}evil", "a\u{200B}b", "\u{FEFF}x", "\u{85}", "\u{7F}", "\u{1B}[31mred", "\u{0}"])
        case 4: return "x" + String(Character(Unicode.Scalar(UInt32(random.pick([0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFF, 0x10FFFF]))) ?? "?"))
        case 5: return random.pick(["../../etc/passwd", "/dev/zero", "%s%n", "' OR 1=1 --", "=cmd|' /C calc'!A0", "@SUM(1)"])
        case 6:
            var scalars = String.UnicodeScalarView()
            for _ in 0..<(1 + random.below(20)) {
                scalars.append(Unicode.Scalar(UInt32(random.below(0x3000))) ?? "?")
            }
            return String(scalars)
        default: return random.pick(["Ω", "日本語", "مرحبا", "🇧🇪", "e\u{301}", "ﬁ", "Ａ"])
        }
    }
}
