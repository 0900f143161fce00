import BankStatements
import LedgerCore

/// Which statements of a file are reconciled against the ledger account, and why the others are
/// set aside: a file may hold several bank accounts (camt `Stmt` of several IBANs, MT940
/// messages with several `:25:`). With `--bank-account` the statements of that account are kept;
/// without it, a file of one account is kept whole, and a file of several is read when exactly
/// one of its accounts is in a currency the ledger account is kept in. Otherwise the refusal
/// lists the accounts and the option to choose one.
struct StatementSelection: Equatable {
    /// Indices (in file order) of the statements kept.
    let kept: [Int]
    /// The statements set aside, with the reason.
    let setAside: [SetAsideStatement]

    /// Everything of `statements` kept.
    static func all(_ statements: [BankStatement]) -> StatementSelection {
        StatementSelection(kept: Array(statements.indices), setAside: [])
    }

    /// The account as banks print it (spaces dropped, capitals), for comparing.
    static func normalized(_ account: String) -> String {
        String(account.filter { $0 != " " }).uppercased()
    }

    /// Chooses among `statements` of `fileName`. `bookCurrencies` are the currencies the ledger
    /// account has postings in.
    static func choose(
        _ statements: [BankStatement], fileName: String, bankAccount: String?, bookCurrencies: Set<Currency>
    ) throws -> StatementSelection {
        let byAccount = try chooseAccount(statements, fileName: fileName, bankAccount: bankAccount, bookCurrencies: bookCurrencies)
        return try chooseCurrency(byAccount, statements, fileName: fileName, bookCurrencies: bookCurrencies)
    }

    /// Of the statements `selection` keeps, those in the one currency of the books when they
    /// are in several (a multi-currency account); the others are set aside. Refused when no
    /// currency, or more than one, of the statements is one the books hold.
    private static func chooseCurrency(
        _ selection: StatementSelection, _ statements: [BankStatement], fileName: String, bookCurrencies: Set<Currency>
    ) throws -> StatementSelection {
        let currencies = Set(selection.kept.map { statements[$0].currency })
        guard currencies.count > 1 else { return selection }
        let usable = currencies.filter { bookCurrencies.contains($0) }
        guard usable.count == 1, let currency = usable.first else {
            let codes = currencies.map(\.code).sorted().joined(separator: ", ")
            throw BankReconciliationError(.severalCurrencies, "\(BankText.escaped(fileName)) holds statements of one account in several currencies (\(codes)), \(usable.count) of them in currencies the ledger account has postings in; split the file by currency")
        }
        var kept: [Int] = []
        var setAside = selection.setAside
        for index in selection.kept {
            let statement = statements[index]
            if statement.currency == currency {
                kept.append(index)
            } else {
                setAside.append(SetAsideStatement(
                    statementID: statement.id, sourceLine: statement.sourceLine,
                    reason: "account \(statement.account) in \(statement.currency.code): another currency than the ledger account's \(currency.code)"))
            }
        }
        return StatementSelection(kept: kept, setAside: setAside)
    }

    private static func chooseAccount(
        _ statements: [BankStatement], fileName: String, bankAccount: String?, bookCurrencies: Set<Currency>
    ) throws -> StatementSelection {
        let accounts = accountList(statements)
        if let bankAccount {
            let wanted = normalized(bankAccount)
            guard statements.contains(where: { normalized($0.account) == wanted }) else {
                throw BankReconciliationError(.noSuchBankAccount, "--bank-account \(BankText.escaped(bankAccount)): \(BankText.escaped(fileName)) holds no statement of that account; it holds \(describe(accounts))")
            }
            return split(statements) { normalized($0.account) == wanted } reason: { _ in "not --bank-account \(bankAccount)" }
        }
        guard Set(accounts.map(\.account)).count > 1 else { return all(statements) }
        let inBookCurrency = accounts.filter { bookCurrencies.contains($0.currency) }
        let names = Set(inBookCurrency.map(\.account))
        guard names.count == 1, let chosen = names.first else {
            let why = names.isEmpty
                ? "none of them in a currency the account has postings in (\(bookCurrencies.map(\.code).sorted().joined(separator: ", ")))"
                : "\(names.count) of them in currencies the account has postings in"
            let example = (inBookCurrency.first ?? accounts[0]).account
            throw BankReconciliationError(.severalAccounts, "\(BankText.escaped(fileName)) holds statements of several bank accounts: \(describe(accounts)), \(why); choose one with --bank-account IBAN|ID, e.g. --bank-account \(BankText.escaped(example))")
        }
        return split(statements) { $0.account == chosen && bookCurrencies.contains($0.currency) } reason: { _ in
            "not the account in the ledger account's currency (choose it with --bank-account)"
        }
    }

    /// Keeps the statements `keep` accepts; the others are set aside for `reason`.
    private static func split(
        _ statements: [BankStatement], keep: (BankStatement) -> Bool, reason: (BankStatement) -> String
    ) -> StatementSelection {
        var kept: [Int] = []
        var setAside: [SetAsideStatement] = []
        for (index, statement) in statements.enumerated() {
            if keep(statement) {
                kept.append(index)
            } else {
                setAside.append(SetAsideStatement(
                    statementID: statement.id, sourceLine: statement.sourceLine,
                    reason: "account \(statement.account) in \(statement.currency.code): \(reason(statement))"))
            }
        }
        return StatementSelection(kept: kept, setAside: setAside)
    }

    /// The distinct accounts (with currency and how many statements), in file order.
    static func accountList(_ statements: [BankStatement]) -> [(account: String, currency: Currency, count: Int)] {
        var list: [(account: String, currency: Currency, count: Int)] = []
        for statement in statements {
            if let index = list.firstIndex(where: { $0.account == statement.account && $0.currency == statement.currency }) {
                list[index].count += 1
            } else {
                list.append((statement.account, statement.currency, 1))
            }
        }
        return list
    }

    private static func describe(_ accounts: [(account: String, currency: Currency, count: Int)]) -> String {
        accounts.map { "\(BankText.escaped($0.account)) (\($0.currency.code), \($0.count) statement\($0.count == 1 ? "" : "s"))" }
            .joined(separator: ", ")
    }
}

/// Hands on to `inner` only the statements (and their lines) a ``StatementSelection`` keeps;
/// statements are counted as they end, in file order, as the survey counted them.
struct SelectedStatements<Inner: StatementVisitor>: StatementVisitor {
    var inner: Inner
    let kept: Set<Int>
    private var index = 0

    init(_ inner: Inner, kept: Set<Int>) {
        self.inner = inner
        self.kept = kept
    }

    mutating func visit(line: BankLine) throws(StatementError) {
        if kept.contains(index) { try inner.visit(line: line) }
    }

    mutating func end(statement: BankStatement) throws(StatementError) {
        defer { index += 1 }
        if kept.contains(index) { try inner.end(statement: statement) }
    }

    mutating func setAside(_ statement: SetAsideStatement) throws(StatementError) {
        if kept.contains(index) { try inner.setAside(statement) }
    }

    mutating func skipped(_ entry: SkippedEntry) throws(StatementError) {
        if kept.contains(index) { try inner.skipped(entry) }
    }
}
