/// What a bank line says about references and counterparties, compared with the books.
extension MatchRun {
    /// A book line that shares a reference with a bank line, and how.
    struct ReferenceHit {
        let book: Int
        let fit: ScoreBreakdown.ReferenceFit
    }

    /// Untaken book lines with a reference equal to the bank line's end-to-end id or a
    /// structured reference (`equal`), or to a word of its text (`inText`), in index order.
    mutating func referenceHits(_ line: Int) -> [ReferenceHit] {
        let (structured, words) = referenceKeys(line)
        var fits: [Int: ScoreBreakdown.ReferenceFit] = [:]
        for key in structured {
            for book in index.byReference[key] ?? [] where !taken[book] { fits[book] = .equal }
        }
        for word in words {
            for book in index.byReference[word] ?? [] where !taken[book] && fits[book] == nil { fits[book] = .inText }
        }
        return fits.sorted { $0.key < $1.key }.map { ReferenceHit(book: $0.key, fit: $0.value) }
    }

    /// The bank line's reference keys: end-to-end id and structured references, and the words
    /// of its text; computed when first needed.
    mutating func referenceKeys(_ line: Int) -> (structured: [String], words: [String]) {
        if let cached = referenceCache[line] { return cached }
        let structured = ([bank[line].endToEndID].compactMap(\.self) + bank[line].references).compactMap(TextFolding.referenceKey)
        let keys = (structured, TextFolding.referenceWords(bank[line].text))
        referenceCache[line] = keys
        return keys
    }

    /// Whether a book counterparty (name or id) appears, case- and accent-insensitively, as
    /// whole words in the bank line's counterparty or text, or equals its counterparty account.
    mutating func sharesCounterparty(_ line: Int, _ book: Int) -> Bool {
        let names = index.counterpartyTokens[book]
        if !names.isEmpty {
            let fields = bankTokens(line)
            if names.contains(where: { name in fields.contains { TextFolding.contains($0, name) } }) { return true }
        }
        guard let account = bank[line].counterpartyAccount.flatMap(TextFolding.accountKey) else { return false }
        return index.counterpartyAccounts[book].contains(account)
    }

    /// The folded tokens of the bank line's counterparty and of its text (kept apart so that a
    /// name never spans the two).
    mutating func bankTokens(_ line: Int) -> [[String]] {
        if let cached = tokenCache[line] { return cached }
        let tokens = [bank[line].counterparty ?? "", bank[line].text].map(TextFolding.tokens)
        tokenCache[line] = tokens
        return tokens
    }
}
