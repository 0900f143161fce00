/// The figures of the demo's year (2025): donors, rates, agreements, receipts and grants of a
/// small fund the size of the UNVTF (DOMAIN.md §1). Every amount is text, exact.
enum DemoYear {
    /// UNORE monthly sets, units per 1 USD, January … December 2025.
    static let rates: [(currency: String, monthly: [String])] = [
        ("EUR", ["0.9600", "0.9550", "0.9400", "0.9200", "0.9050", "0.8900", "0.8800", "0.8700", "0.8600", "0.8650", "0.8700", "0.8600"]),
        ("GBP", ["0.8000", "0.7950", "0.7900", "0.7850", "0.7700", "0.7600", "0.7450", "0.7500", "0.7450", "0.7500", "0.7550", "0.7400"]),
        ("SEK", ["11.0000", "10.9000", "10.6000", "10.2000", "9.9000", "9.6500", "9.6000", "9.5500", "9.4000", "9.4500", "9.5000", "9.5000"]),
        ("NOK", ["11.3000", "11.2000", "11.0500", "10.7000", "10.5000", "10.2000", "10.1500", "10.2000", "10.0500", "10.1000", "10.1500", "10.1000"]),
        ("JPY", ["157.00", "155.50", "151.00", "146.50", "144.00", "144.50", "147.00", "148.00", "147.50", "151.00", "154.00", "156.00"]),
    ]

    struct Donor {
        let id, name, type, country: String
    }

    static let donors = [
        Donor(id: "BEL", name: "Belgium", type: "member-state", country: "BE"),
        Donor(id: "FRA", name: "France", type: "member-state", country: "FR"),
        Donor(id: "SWE", name: "Sweden", type: "member-state", country: "SE"),
        Donor(id: "NOR", name: "Norway", type: "member-state", country: "NO"),
        Donor(id: "GBR", name: "United Kingdom", type: "member-state", country: "GB"),
        Donor(id: "JPN", name: "Japan", type: "member-state", country: "JP"),
        Donor(id: "USA", name: "United States of America", type: "member-state", country: "US"),
        Donor(id: "BLUEHEART", name: "Blue Heart Campaign", type: "individual", country: ""),
    ]

    struct Agreement {
        let ref, donor, amount, currency, date: String
        var instalments: String? = nil
        var conditional = false
        var pledge: String? = nil
        /// What the donor restricts the money to (its revenue goes to 3200 until spent on it).
        var earmark: String? = nil
    }

    static let agreements = [
        Agreement(ref: "AGR-BEL-2025", donor: "BEL", amount: "500000.00", currency: "EUR", date: "2025-02-14",
                  instalments: "250000.00@2025-03-01,250000.00@2025-09-01", pledge: "PL-BEL-2025"),
        Agreement(ref: "AGR-FRA-2025", donor: "FRA", amount: "150000.00", currency: "EUR", date: "2025-03-20"),
        Agreement(ref: "AGR-SWE-2025", donor: "SWE", amount: "2000000.00", currency: "SEK", date: "2025-04-08", conditional: true),
        Agreement(ref: "AGR-NOR-2025", donor: "NOR", amount: "1500000.00", currency: "NOK", date: "2025-02-03", earmark: "Legal aid"),
        Agreement(ref: "AGR-GBR-2025", donor: "GBR", amount: "100000.00", currency: "GBP", date: "2025-05-12"),
        Agreement(ref: "AGR-JPN-2025", donor: "JPN", amount: "15000000", currency: "JPY", date: "2025-06-02",
                  instalments: "7500000@2025-07-01,7500000@2025-10-01"),
        Agreement(ref: "AGR-USA-2025", donor: "USA", amount: "250000.00", currency: "USD", date: "2025-01-20"),
        Agreement(ref: "AGR-BLUEHEART-2025", donor: "BLUEHEART", amount: "45000.00", currency: "USD", date: "2025-01-31"),
    ]

    struct Receipt {
        let agreement, amount, currency, date, bankRef: String
        var charges: String? = nil
    }

    /// Receipts against agreements. GBR pays GBP 50.00 too much; JPN pays only its first half.
    static let receipts = [
        Receipt(agreement: "AGR-USA-2025", amount: "250000.00", currency: "USD", date: "2025-02-05", bankRef: "CITI-250205-01"),
        Receipt(agreement: "AGR-BLUEHEART-2025", amount: "45000.00", currency: "USD", date: "2025-02-11", bankRef: "CITI-250211-04", charges: "35.00"),
        Receipt(agreement: "AGR-NOR-2025", amount: "1500000.00", currency: "NOK", date: "2025-03-03", bankRef: "DNB-250303-11"),
        Receipt(agreement: "AGR-BEL-2025", amount: "250000.00", currency: "EUR", date: "2025-03-12", bankRef: "BNPP-250312-02"),
        Receipt(agreement: "AGR-FRA-2025", amount: "150000.00", currency: "EUR", date: "2025-05-06", bankRef: "BNPP-250506-07"),
        Receipt(agreement: "AGR-SWE-2025", amount: "2000000.00", currency: "SEK", date: "2025-05-20", bankRef: "SEB-250520-03"),
        Receipt(agreement: "AGR-GBR-2025", amount: "100050.00", currency: "GBP", date: "2025-06-18", bankRef: "BARC-250618-09"),
        Receipt(agreement: "AGR-JPN-2025", amount: "7500000", currency: "JPY", date: "2025-07-04", bankRef: "MUFG-250704-01"),
        Receipt(agreement: "AGR-BEL-2025", amount: "250000.00", currency: "EUR", date: "2025-09-08", bankRef: "BNPP-250908-05"),
    ]

    struct Grant {
        let ref, grantee, name, amount: String
        /// Tranche 1 and 2 (60 % / 40 %).
        let tranches: (String, String)
        /// Spent as accepted in the first and (when paid) the second financial report.
        let spent: (String, String?)
        /// Whether the second tranche is paid in 2025.
        let secondPaid: Bool
        /// The earmark of an agreement whose restricted money the grant spends.
        var earmark: String? = nil
        /// Where the grantee works (ISO 3166-1 alpha-2) and its OECD DAC CRS purpose code.
        var country = "", sector = ""
        /// How it may be named in public; nil: published only as "a partner in COUNTRY" (shelters).
        var publicName: String? = nil
    }

    /// Cycle 2025: twelve grants of up to USD 20,000, 60 % on signature and 40 % after the
    /// first report is accepted. SAFEPATH returns unspent money; the first five close.
    static let grants = [
        Grant(ref: "G-2025-01", grantee: "SAFEHAVEN", name: "Safe Haven Shelter Network", amount: "20000.00",
              tranches: ("12000.00", "8000.00"), spent: ("11800.00", "8200.00"), secondPaid: true,
              country: "NG", sector: "15180"),
        Grant(ref: "G-2025-02", grantee: "LASTRADA", name: "La Strada Legal Aid", amount: "18500.00",
              tranches: ("11100.00", "7400.00"), spent: ("11100.00", "7400.00"), secondPaid: true, earmark: "Legal aid",
              country: "MD", sector: "15160", publicName: "La Strada Legal Aid"),
        Grant(ref: "G-2025-03", grantee: "SAFEPATH", name: "SafePath Survivors Collective", amount: "15000.00",
              tranches: ("9000.00", "6000.00"), spent: ("8250.00", "5200.00"), secondPaid: true,
              country: "NP", sector: "15180"),
        Grant(ref: "G-2025-04", grantee: "NEWDAWN", name: "New Dawn Vocational Training", amount: "20000.00",
              tranches: ("12000.00", "8000.00"), spent: ("12000.00", "8000.00"), secondPaid: true,
              country: "PH", sector: "11330", publicName: "New Dawn Vocational Training"),
        Grant(ref: "G-2025-05", grantee: "HOPEHOUSE", name: "Hope House Psycho-social Care", amount: "12000.00",
              tranches: ("7200.00", "4800.00"), spent: ("7200.00", "4800.00"), secondPaid: true,
              country: "TH", sector: "15180"),
        Grant(ref: "G-2025-06", grantee: "BRIDGES", name: "Bridges Reintegration Services", amount: "19750.00",
              tranches: ("11850.00", "7900.00"), spent: ("11850.00", nil), secondPaid: true,
              country: "UA", sector: "16010", publicName: "Bridges Reintegration Services"),
        Grant(ref: "G-2025-07", grantee: "AURORA", name: "Aurora Health Outreach", amount: "16000.00",
              tranches: ("9600.00", "6400.00"), spent: ("9600.00", nil), secondPaid: true,
              country: "KH", sector: "12220", publicName: "Aurora Health Outreach"),
        Grant(ref: "G-2025-08", grantee: "MARIPOSA", name: "Mariposa Education Fund", amount: "20000.00",
              tranches: ("12000.00", "8000.00"), spent: ("10400.00", nil), secondPaid: false,
              country: "MX", sector: "11230", publicName: "Mariposa Education Fund"),
        Grant(ref: "G-2025-09", grantee: "HARBOR", name: "Harbor Financial Inclusion", amount: "14500.00",
              tranches: ("8700.00", "5800.00"), spent: ("8700.00", nil), secondPaid: false,
              country: "BR", sector: "24040"),
        Grant(ref: "G-2025-10", grantee: "KIBO", name: "Kibo Survivor-led Network", amount: "20000.00",
              tranches: ("12000.00", "8000.00"), spent: ("6300.00", nil), secondPaid: false,
              country: "UG", sector: "15180"),
        Grant(ref: "G-2025-11", grantee: "ANCHOR", name: "Anchor Legal Clinic", amount: "17800.00",
              tranches: ("10680.00", "7120.00"), spent: ("0", nil), secondPaid: false,
              country: "GT", sector: "15130", publicName: "Anchor Legal Clinic"),
        Grant(ref: "G-2025-12", grantee: "LANTERN", name: "Lantern Emergency Assistance", amount: "10000.00",
              tranches: ("6000.00", "4000.00"), spent: ("0", nil), secondPaid: false,
              country: "NE", sector: "15190"),
    ]
}
