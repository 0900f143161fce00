/// The write commands the fuzz drives, each with the options it takes and where their values
/// come from: mostly plausible values (so that many cases are recorded), sometimes hostile ones.
enum FuzzValue: Sendable {
    case amount, currency, date, tranche, instalments, text, ref, donor, newDonor, grantee, agreement, grant, request, seq, year, code, accountType
    case month, rate, tranches, donorType, country, holder, role, setting, settingValue, keyID, publicKey
    case flag
}

/// One write command: its words, its positional arguments and its options.
struct FuzzCommand: Sendable {
    let words: [String]
    let positional: [FuzzValue]
    let options: [(String, FuzzValue)]
    /// Whose key signs it (a role that may).
    let signer: String
}

extension FuzzCommand {
    static let all: [FuzzCommand] = [
        FuzzCommand(words: ["post"], positional: [], options: [("--date", .date), ("--memo", .text), ("--ref", .ref), ("--posting", .amount)], signer: "maria"),
        FuzzCommand(words: ["reverse"], positional: [.seq], options: [("--memo", .text), ("--date", .date)], signer: "maria"),
        FuzzCommand(words: ["account", "open"], positional: [.code], options: [("--name", .text), ("--type", .accountType), ("--date", .date)], signer: "maria"),
        FuzzCommand(words: ["account", "close"], positional: [.code], options: [("--date", .date)], signer: "maria"),
        FuzzCommand(words: ["key", "register"], positional: [], options: [
            ("--public-key", .publicKey), ("--holder", .holder), ("--name", .text), ("--role", .role), ("--date", .date),
            ("--different-person-confirmed", .flag),
        ], signer: "admin"),
        FuzzCommand(words: ["key", "revoke"], positional: [.keyID], options: [("--reason", .text), ("--date", .date)], signer: "admin"),
        FuzzCommand(words: ["donor", "add"], positional: [.newDonor], options: [
            ("--name", .text), ("--type", .donorType), ("--country", .country), ("--date", .date),
        ], signer: "maria"),
        FuzzCommand(words: ["donor", "refund"], positional: [.donor], options: [
            ("--amount", .amount), ("--currency", .currency), ("--date", .date), ("--ref", .ref), ("--memo", .text),
        ], signer: "maria"),
        FuzzCommand(words: ["pledge"], positional: [], options: [
            ("--donor", .donor), ("--amount", .amount), ("--currency", .currency), ("--date", .date), ("--ref", .ref),
        ], signer: "maria"),
        FuzzCommand(words: ["rates", "set"], positional: [.rate, .rate], options: [("--month", .month)], signer: "maria"),
        FuzzCommand(words: ["agreement", "sign"], positional: [], options: [
            ("--donor", .donor), ("--amount", .amount), ("--currency", .currency), ("--date", .date), ("--ref", .ref),
            ("--earmark", .text), ("--conditional", .flag), ("--instalments", .instalments),
        ], signer: "maria"),
        FuzzCommand(words: ["agreement", "recognise"], positional: [.agreement], options: [("--amount", .amount), ("--date", .date)], signer: "maria"),
        FuzzCommand(words: ["receive"], positional: [], options: [
            ("--agreement", .agreement), ("--unidentified", .flag), ("--amount", .amount), ("--currency", .currency),
            ("--charges", .amount), ("--date", .date), ("--bank-ref", .ref),
        ], signer: "maria"),
        FuzzCommand(words: ["receive", "apply"], positional: [.ref], options: [("--agreement", .agreement), ("--date", .date)], signer: "maria"),
        FuzzCommand(words: ["cash", "convert"], positional: [], options: [
            ("--amount", .amount), ("--currency", .currency), ("--date", .date), ("--ref", .ref),
        ], signer: "maria"),
        FuzzCommand(words: ["grant", "recommend"], positional: [], options: [
            ("--ref", .ref), ("--grantee", .grantee), ("--grantee-name", .text), ("--amount", .amount), ("--cycle", .text),
            ("--session", .text), ("--date", .date),
        ], signer: "maria"),
        FuzzCommand(words: ["grant", "award"], positional: [], options: [
            ("--grantee", .grantee), ("--grantee-name", .text), ("--amount", .amount), ("--currency", .currency), ("--date", .date),
            ("--ref", .ref), ("--tranches", .tranches), ("--earmark", .text),
        ], signer: "maria"),
        FuzzCommand(words: ["grant", "disburse"], positional: [.grant], options: [
            ("--tranche", .tranche), ("--amount", .amount), ("--date", .date), ("--ref", .ref),
        ], signer: "maria"),
        FuzzCommand(words: ["grant", "report"], positional: [.grant], options: [("--spent", .amount), ("--date", .date), ("--ref", .ref)], signer: "maria"),
        FuzzCommand(words: ["grant", "refund"], positional: [.grant], options: [("--amount", .amount), ("--date", .date), ("--bank-ref", .ref)], signer: "maria"),
        FuzzCommand(words: ["grant", "close"], positional: [.grant], options: [("--date", .date)], signer: "maria"),
        FuzzCommand(words: ["certify"], positional: [.request], options: [], signer: "chen"),
        FuzzCommand(words: ["approve"], positional: [.request], options: [], signer: "amara"),
        FuzzCommand(words: ["reject"], positional: [.request], options: [("--reason", .text)], signer: "amara"),
        FuzzCommand(words: ["receivable", "write-off"], positional: [], options: [
            ("--agreement", .agreement), ("--amount", .amount), ("--date", .date), ("--ref", .ref), ("--memo", .text),
        ], signer: "maria"),
        FuzzCommand(words: ["fx", "revalue"], positional: [], options: [("--date", .date)], signer: "maria"),
        FuzzCommand(words: ["interest", "allocate"], positional: [], options: [
            ("--income", .amount), ("--costs", .amount), ("--date", .date), ("--ref", .ref),
        ], signer: "maria"),
        FuzzCommand(words: ["reserve", "adjust"], positional: [], options: [("--date", .date)], signer: "maria"),
        FuzzCommand(words: ["year", "close"], positional: [.year], options: [("--ref", .ref)], signer: "maria"),
        FuzzCommand(words: ["setting", "change"], positional: [.setting, .settingValue], options: [
            ("--from", .date), ("--date", .date), ("--ref", .ref),
        ], signer: "maria"),
    ]
}
