// swift-tools-version: 6.2
// vtf: a signed, append-only, double-entry ledger for a voluntary trust fund.
//
// Dependencies point one way (see README "Where things live"):
//   vtf → VTFCLI (the root command) → VTFDemo (demo, bench) → VTFCommands → {Statements → TrustFund,
//   BankReconciliationBooking → {TrustFund, Reconciliation → BankStatements}, AuditBundle (bundles, the witness)}
//   TrustFund → {TrustFundRules, LedgerStore};  SQLiteStore → LedgerStore → LedgerJournal
//   TrustFundRules (the fund's rule set) → LedgerJournal (entries, keys, the rule-set protocol,
//   the verifier) → {TransparencyLog (Merkle, C2SP notes) → LedgerCrypto → CLedgerOpenSSL,
//   LedgerCore, CanonicalJSON, SafeIO}.
// Nothing below TrustFundRules imports it: vtf and the audit verifier register it.
// Only SQLiteStore sees SQLite (through GRDB); only LedgerCrypto sees OpenSSL.
import PackageDescription

let package = Package(
    name: "vtf",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vtf", targets: ["vtf"]),
        .library(name: "LedgerCore", targets: ["LedgerCore"]),
        .library(name: "LedgerCrypto", targets: ["LedgerCrypto"]),
        .library(name: "TransparencyLog", targets: ["TransparencyLog"]),
        .library(name: "LedgerJournal", targets: ["LedgerJournal"]),
        .library(name: "TrustFundRules", targets: ["TrustFundRules"]),
        .library(name: "LedgerStore", targets: ["LedgerStore"]),
        .library(name: "SQLiteStore", targets: ["SQLiteStore"]),
        .library(name: "PostgresStore", targets: ["PostgresStore"]),
        .library(name: "TrustFund", targets: ["TrustFund"]),
        .library(name: "BankStatements", targets: ["BankStatements"]),
        .library(name: "Reconciliation", targets: ["Reconciliation"]),
        .library(name: "Statements", targets: ["Statements"]),
        .library(name: "PlainTextLedgers", targets: ["PlainTextLedgers"]),
        .library(name: "IATIExport", targets: ["IATIExport"]),
        .library(name: "PublicSite", targets: ["PublicSite"]),
        .library(name: "Spreadsheets", targets: ["Spreadsheets"]),
        .library(name: "BankReconciliationBooking", targets: ["BankReconciliationBooking"]),
        .library(name: "HTTPMessageSignatures", targets: ["HTTPMessageSignatures"]),
        .library(name: "LedgerServer", targets: ["LedgerServer"]),
        .library(name: "LedgerClient", targets: ["LedgerClient"]),
        .library(name: "VTFCommands", targets: ["VTFCommands"]),
        .library(name: "VTFDemo", targets: ["VTFDemo"]),
        .library(name: "VTFCLI", targets: ["VTFCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Documentation only: `swift package generate-documentation` (Scripts/docs); links nothing into vtf.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-http-structured-headers", from: "1.7.0"),
        // The ledger service (vtf serve): Hummingbird 2 without its optional swift-configuration
        // support; swift-log for its structured logs; swift-prometheus for /metrics.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // The CLI's side of a ledger service: signed requests, answers read up to a cap.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Spreadsheets for auditors (vtf report --format xlsx): an .xlsx file is a ZIP of XML parts.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // OpenSSL's libcrypto from the system (apt: libssl-dev). Imported by LedgerCrypto only.
        .systemLibrary(
            name: "CLedgerOpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // Pure values: currencies, amounts, account codes, postings, the balance rule. No I/O.
        .target(name: "LedgerCore"),
        // RFC 8785 canonical JSON: a strict parser and the canonical encoder.
        .target(name: "CanonicalJSON"),
        // Ed25519 keys (PEM, encrypted PKCS#8), signatures and SHA-256 over OpenSSL.
        .target(name: "LedgerCrypto", dependencies: ["CLedgerOpenSSL"]),
        // A transparency log that knows nothing of ledgers: the RFC 6962 Merkle tree and its
        // proofs, C2SP signed notes, checkpoints and cosignatures.
        .target(name: "TransparencyLog", dependencies: ["LedgerCrypto"]),
        // The journal core: entries and their canonical bytes, keys and roles, the rule-set
        // protocol and the rules of the generic kinds, the state they read, and the streaming
        // verifier. Rule sets (the fund's) register with it; it imports none of them.
        .target(
            name: "LedgerJournal",
            dependencies: ["LedgerCore", "CanonicalJSON", "LedgerCrypto", "TransparencyLog", "SafeIO"]),
        // The UN trust fund's rule set: its entry kinds, what each must post and change, the
        // two-person rule, funds available, PSC, FX, the year-end close. Writers and verifiers
        // (vtf, the audit verifier) register it, so both run the same code.
        .target(name: "TrustFundRules", dependencies: ["LedgerJournal"]),
        // The store seam: the async reading and writing interfaces every store implements
        // (SQLite now, PostgreSQL next), the values they share and vtf's own StoreError. No
        // database library appears here.
        .target(name: "LedgerStore", dependencies: ["LedgerJournal", "CanonicalJSON", "TransparencyLog"]),
        // The SQLite ledger file: append-only journal table, derived tables, migrations
        // that run exactly the files in Schemas/sqlite. The only target that imports GRDB; no
        // GRDB type is public, and every GRDB error becomes a StoreError here.
        .target(
            name: "SQLiteStore",
            dependencies: ["LedgerStore", "LedgerJournal", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The PostgreSQL ledger (issue 14): the same journal bytes in a schema of a PostgreSQL
        // database, append-only by trigger and by role, appends serialised by an advisory lock.
        // The only target that imports postgres-nio; every server error becomes a StoreError here.
        .target(
            name: "PostgresStore",
            dependencies: ["LedgerStore", "LedgerJournal", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // HTTP Message Signatures (RFC 9421) with Ed25519 and Content-Digest (RFC 9530): how a
        // person's key authenticates a request to a ledger service (issue 15) without a password.
        // Knows nothing of ledgers; the structured fields are swift-http-structured-headers'.
        .target(
            name: "HTTPMessageSignatures",
            dependencies: ["LedgerCrypto", .product(name: "RawStructuredFieldValues", package: "swift-http-structured-headers")]
        ),
        // The ledger service (`vtf serve`, issue 15): the log as C2SP tlog-tiles (checkpoint and
        // hash tiles public, entry bundles for registered keys), the journal and proofs for
        // requests signed (RFC 9421) by a registered key, /healthz and /metrics. Reads any store
        // through LedgerStore's interfaces; the only target that imports Hummingbird. Also a
        // witness on the network (`vtf witness serve`, C2SP tlog-witness) over AuditBundle's.
        .target(
            name: "LedgerServer",
            dependencies: [
                "LedgerStore", "LedgerJournal", "TransparencyLog", "HTTPMessageSignatures", "LedgerCrypto", "CanonicalJSON", "LedgerCore",
                "Statements", "AuditBundle",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // The CLI's side of a ledger service (issue 15): `--ledger https://HOST` is read through a
        // local mirror that every sync extends with the service's entries and checkpoints, each
        // checked as the store checks a copy (signatures, chain, rules, the log key's checkpoints)
        // before any command reads it. Requests are signed (RFC 9421) with the person's own key.
        .target(
            name: "LedgerClient",
            dependencies: [
                "LedgerStore", "LedgerJournal", "HTTPMessageSignatures", "LedgerCrypto", "TransparencyLog", "CanonicalJSON",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // The trust fund: drafts for donors, agreements, receipts, grants and approvals (the
        // rules themselves are TrustFundRules, so auditors' verifiers enforce them), and the
        // IPSAS reports.
        .target(name: "TrustFund", dependencies: ["TrustFundRules", "LedgerStore"]),
        // Bank statements: camt.053, MT940 and CSV (through a mapping file) into one model, with
        // balance-continuity checks. Pure parsing: no ledger, no I/O beyond the bytes given.
        .target(name: "BankStatements", dependencies: ["LedgerCore"]),
        // Matching bank lines to the books' lines: bank id, references, amount and date,
        // batches, and scored suggestions. Pure: it sees neither SQLite nor files.
        .target(name: "Reconciliation", dependencies: ["BankStatements", "LedgerCore"]),
        // The bank reconciliation use case: read and scope statement files (streaming, twice),
        // build the book side of a ledger account, match through Reconciliation, and book the
        // result (a bank.reconcile entry, requests for bank charges). No command-line parsing.
        .target(
            name: "BankReconciliationBooking",
            dependencies: ["BankStatements", "Reconciliation", "TrustFund", "LedgerStore", "SafeIO"]),
        // Donor statements: built from the ledger, signed by the log key with an inclusion proof
        // for every receipt, verified offline, rendered as JSON, HTML (inline CSS and SVG) or
        // CSV, in English or French.
        .target(name: "Statements", dependencies: ["TrustFund", "LedgerStore", "AuditBundle"]),
        // The books as hledger, ledger and beancount journals (`vtf export`), read from the
        // journal after a checked read of it, through the store seam.
        .target(name: "PlainTextLedgers", dependencies: ["LedgerCore", "LedgerJournal", "LedgerStore"]),
        // The fund as IATI 2.03 XML (`vtf export iati`): organisation and activity files from the
        // checked journal, through the store seam; grantees only by their public names.
        .target(name: "IATIExport", dependencies: ["CanonicalJSON", "LedgerCore", "LedgerJournal", "LedgerStore", "TrustFund", "TrustFundRules"]),
        // Office Open XML workbooks (.xlsx) of text and exact decimal cells, for auditors' spreadsheets.
        .target(name: "Spreadsheets", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The fund's public transparency site (`vtf publish`): static pages of the books read
        // checked, and a page that verifies a donor's statement in the browser (WebCrypto).
        .target(name: "PublicSite", dependencies: ["Statements", "TrustFund", "TrustFundRules", "LedgerStore", "LedgerJournal", "LedgerCore", "TransparencyLog"]),
        // Audit bundles: export a ledger's journal, checkpoints and keys to a folder, and
        // verify such a folder offline with nothing but the log's verifier key.
        .target(name: "AuditBundle", dependencies: ["LedgerStore", "TrustFundRules"]),
        // Deterministic golden and tampered audit bundles for Audit/bundles and the tests
        // (fixed test keys, fixed times); `Scripts/make-audit-bundles` runs it.
        .target(name: "AuditFixtures", dependencies: ["AuditBundle", "SQLiteStore"]),
        .executableTarget(name: "audit-fixtures", dependencies: ["AuditFixtures"]),
        // The ledger's commands as a library, testable in process, and CommandRunner, which runs
        // a command line and maps its outcome to an exit status. No demo, no benchmarks.
        .target(
            name: "VTFCommands",
            dependencies: [
                "LedgerStore",
                "SQLiteStore",
                "PostgresStore",
                "TrustFund",
                "Statements",
                "PlainTextLedgers",
                "IATIExport",
                "PublicSite",
                "Spreadsheets",
                "Reconciliation",
                "BankReconciliationBooking",
                "AuditBundle",
                "LedgerServer",
                "LedgerClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The demo (`vtf demo`, a year of the fund run through the ledger's commands) and the
        // benchmarks (`vtf bench`, `vtf bench-checked-read`).
        .target(
            name: "VTFDemo",
            dependencies: [
                "VTFCommands", "LedgerStore", "SQLiteStore", "TrustFundRules", "AuditBundle", "Statements",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The root command `VTF` (the ledger's commands, the demo and the benchmarks), VTFMain
        // (`vtf --version`, then CommandRunner) and BuildInfo.
        .target(
            name: "VTFCLI",
            dependencies: ["VTFCommands", "VTFDemo", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // `vtf --version` names the git commit: the BuildStamp plugin (Plugins/BuildStamp) writes it.
        .executableTarget(name: "vtf", dependencies: ["VTFCLI"], plugins: ["BuildStamp"]),
        .plugin(name: "BuildStamp", capability: .buildTool()),
        // The seeded fuzz over every write command's arguments (Scripts/fuzz-writes runs it).
        .executableTarget(name: "fuzz-writes", dependencies: ["VTFCommands"]),

        .testTarget(name: "LedgerCoreTests", dependencies: ["LedgerCore"]),
        .testTarget(name: "CanonicalJSONTests", dependencies: ["CanonicalJSON"]),
        .testTarget(name: "LedgerCryptoTests", dependencies: ["LedgerCrypto"]),
        .testTarget(name: "TransparencyLogTests", dependencies: ["TransparencyLog", "LedgerCrypto"]),
        .testTarget(name: "LedgerJournalTests", dependencies: ["LedgerJournal", "TransparencyLog"]),
        .testTarget(
            name: "TrustFundTests",
            dependencies: [
                "TrustFund", "LedgerStore", "SQLiteStore", "LedgerJournal", "TrustFundRules", "TransparencyLog", "LedgerCrypto", "CanonicalJSON",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "BankStatementsTests", dependencies: ["BankStatements", "LedgerCore"]),
        .testTarget(name: "ReconciliationTests", dependencies: ["Reconciliation", "BankStatements", "LedgerCore"]),
        .testTarget(
            name: "BankReconciliationBookingTests",
            dependencies: [
                "BankReconciliationBooking", "BankStatements", "Reconciliation", "TrustFundRules", "LedgerStore", "SQLiteStore",
                "LedgerJournal", "LedgerCrypto", "LedgerCore", "CanonicalJSON",
            ]
        ),
        .testTarget(name: "StatementsTests", dependencies: ["Statements", "TrustFund", "LedgerStore", "SQLiteStore", "LedgerJournal", "TrustFundRules", "TransparencyLog", "LedgerCrypto", "LedgerCore"]),
        .testTarget(name: "AuditBundleTests", dependencies: ["AuditBundle", "AuditFixtures", "LedgerStore", "SQLiteStore", "LedgerJournal", "TrustFundRules", "TransparencyLog", "LedgerCrypto"]),
        .testTarget(
            name: "LedgerStoreTests",
            dependencies: [
                "LedgerStore", "SQLiteStore", "LedgerJournal", "TransparencyLog", "AuditBundle", "BankReconciliationBooking",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The behaviour every store must show, run against each store's factory.
        .testTarget(
            name: "StoreConformanceTests",
            dependencies: ["LedgerStore", "SQLiteStore", "PostgresStore", "LedgerJournal", "TransparencyLog", "LedgerCrypto", "LedgerCore", "CanonicalJSON"]
        ),
        // PostgresStore without a server: the location URL and the password lookup.
        .testTarget(name: "PostgresStoreTests", dependencies: ["PostgresStore", "LedgerStore"]),
        .testTarget(name: "SpreadsheetsTests", dependencies: ["Spreadsheets"]),
        .testTarget(name: "PublicSiteTests", dependencies: ["PublicSite", "Statements", "LedgerCore"]),
        .testTarget(name: "HTTPMessageSignaturesTests", dependencies: ["HTTPMessageSignatures", "LedgerCrypto"]),
        .testTarget(
            name: "LedgerServerTests",
            dependencies: [
                "LedgerServer", "LedgerStore", "SQLiteStore", "LedgerJournal", "TransparencyLog", "HTTPMessageSignatures", "LedgerCrypto",
                "LedgerCore", "AuditFixtures",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "VTFCommandsTests",
            dependencies: [
                "VTFCommands", "VTFCLI", "vtf", "CanonicalJSON", "LedgerJournal", "TrustFundRules", "TransparencyLog", "LedgerCrypto", "LedgerStore", "SQLiteStore", "TrustFund",
                "AuditBundle", "BankReconciliationBooking",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Outside files read safely (regular files only, bounded), outputs that never overwrite a ledger, inert CSV and terminal text.
        .target(name: "SafeIO"),
        .testTarget(name: "SafeIOTests", dependencies: ["SafeIO"]),
        .testTarget(name: "IATIExportTests", dependencies: ["IATIExport", "LedgerCore"]),
    ],
    swiftLanguageModes: [.v6]
)

// Strict settings for our own targets only (dependencies keep their own).
for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    settings.append(.treatAllWarnings(as: .error))
    target.swiftSettings = settings
}
