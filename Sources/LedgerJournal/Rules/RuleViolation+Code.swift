extension RuleViolation {
    /// What kind of rule an entry (or a command's input) broke: a stable name beside the message,
    /// for programs and tests that must tell refusals apart without reading sentences (as
    /// swift-certificates' `CertificateError.ErrorCode` does). The raw values are part of vtf's
    /// published contract (Audit/ERROR-CODES.md, `vtf verify --format json`): they never change
    /// meaning, and a retired code is never reused.
    public enum Code: String, Sendable, CaseIterable, Codable {
        // MARK: The entry's form

        /// The entry's envelope is malformed: not UTF-8, not in RFC 8785 canonical form, an
        /// unsupported format version, a bad seq, prev, time, signer or signature encoding, or it
        /// would not read back as written. Fix: write the entry with vtf (or a conforming writer).
        case malformedEntry = "malformed-entry"
        /// A member the kind requires is absent (in the entry, its data, or a request's
        /// parameters), including a ref the kind needs. Fix: supply the member the message names.
        case missingField = "missing-field"
        /// A member has the wrong JSON type or a value outside what it accepts (an amount, a
        /// currency, a date, an identifier, a text too long, a value not in the listed set).
        /// Fix: correct the value as the message says.
        case badField = "bad-field"
        /// A member that the kind does not define (a typo, or a setting vtf does not know).
        /// Fix: remove it or spell it as listed.
        case unknownField = "unknown-field"
        /// The entry's kind is not one this ledger's rules define. Fix: use a listed kind, or
        /// verify with the rule set the ledger was written under.
        case unknownKind = "unknown-kind"
        /// The entry names another ledger (its `ledger` origin differs). Fix: append it to the
        /// ledger it was written for.
        case wrongLedger = "wrong-ledger"
        /// The genesis entry breaks its rules (not first, keys missing an admin or the log key,
        /// not signed by its admin key), or the ledger has no genesis entry. Fix: create the
        /// ledger with `vtf init`.
        case genesis = "genesis"

        // MARK: Keys and signers

        /// The signer, or a key the entry names, is not a registered key. Fix: register it first
        /// (`vtf key register`).
        case unknownKey = "unknown-key"
        /// The signer, or a key the entry names, was revoked. Fix: sign with a current key.
        case keyRevoked = "key-revoked"
        /// The signer's key lacks the role this kind needs. Fix: sign with a key that holds it.
        case signerRole = "signer-role"
        /// A key is registered already (or listed twice). Fix: leave the duplicate out.
        case duplicateKey = "duplicate-key"
        /// The entry would give away or revoke the ledger's own log key, or revoke the last admin
        /// key. Fix: keep the log key; register another admin key before revoking one.
        case protectedKey = "protected-key"
        /// A key holder's name looks like another holder's and no decision (same or different
        /// person) settles it, or the decisions contradict each other. Fix: confirm with
        /// `--same-person-confirmed` or `--different-person-confirmed`.
        case holderIdentity = "holder-identity"

        // MARK: Postings and accounts

        /// The postings are not the ones the kind computes from its data and the ledger (or not
        /// the exact negation of the entry reversed). Fix: let vtf compute the postings.
        case postingsDiffer = "postings-differ"
        /// A data member that the rules compute (such as the UN rates used) differs from what
        /// they compute. Fix: let vtf fill it in.
        case dataDiffers = "data-differs"
        /// The postings do not balance in value, or the kind needs postings and has none (or
        /// carries postings it may not). Fix: make debits equal credits.
        case unbalanced = "unbalanced"
        /// An account the entry posts to or names does not exist. Fix: open it first
        /// (`vtf account open`).
        case unknownAccount = "unknown-account"
        /// An account the entry posts to or names is closed. Fix: post to an open account.
        case accountClosed = "account-closed"
        /// The account to open exists already. Fix: choose another code.
        case accountExists = "account-exists"
        /// The account to close still has a balance. Fix: move the balance first.
        case accountNotEmpty = "account-not-empty"
        /// Memo accounts (pledges, commitments) are posted against other accounts. Fix: post
        /// memo accounts only against memo accounts.
        case memoAccount = "memo-account"
        /// A sum or a balance would overflow vtf's exact arithmetic. Fix: check the amounts.
        case overflow = "overflow"

        // MARK: Records

        /// The entry's ref is already used by another entry of its kind. Fix: use a new ref.
        case duplicateRef = "duplicate-ref"
        /// The entry records something that is already recorded (a donor, an agreement, a
        /// rate, a delegation, a budget; a pledge already converted, a receipt already applied,
        /// a tranche already requested). Fix: record a revision, or leave it out.
        case alreadyRecorded = "already-recorded"
        /// A record the entry names (a donor, an agreement, a grant, a request, an earlier
        /// entry) is not recorded. Fix: record it first, or name an existing one.
        case notFound = "not-found"
        /// The entry named cannot be reversed (it has no postings, is reversed already, is a
        /// year close or an accrual, or later entries changed what it recorded). Fix: reverse
        /// the later entries first, or correct with a new entry.
        case notReversible = "not-reversible"
        /// The request, grant or pledge is not in a state that allows this step (a request not
        /// waiting, a grant closed, a payment pending, requests still open at a year close).
        /// Fix: finish or reject the step the message names first.
        case wrongState = "wrong-state"
        /// The entry's date breaks a dating rule (before the ledger opened, a rate not on the
        /// 1st, an accrual not on 31 December, an approval not on its request's date, a period
        /// ending before it starts). Fix: date it as the message says.
        case wrongDate = "wrong-date"
        /// Amounts are in different currencies where one is required (an agreement and its
        /// receipt), or the fund currency is given a rate. Fix: use the currency named.
        case currencyMismatch = "currency-mismatch"
        /// Parts do not add up to their total (instalments, tranches) or charges exceed the
        /// amount. Fix: correct the figures.
        case totalMismatch = "total-mismatch"
        /// The entry would change nothing (nothing to revalue, zero income and costs, the
        /// reserve already at its level). Fix: leave it out.
        case nothingToDo = "nothing-to-do"

        // MARK: The fund's controls

        /// The entry is dated in (or changes) a closed financial year, or closes years out of
        /// order. Fix: date the correction after the close, or close the earlier year first.
        case closedYear = "closed-year"
        /// A step that needs two people was taken by one (self-certification, self-approval,
        /// a manual voucher or correction without a request). Fix: another officer acts, or go
        /// through `vtf post` / `vtf reverse`, `vtf certify` and `vtf approve`.
        case twoPerson = "two-person"
        /// An officer acts outside the delegation of their key (its period or its limit). Fix:
        /// an officer with a covering delegation acts, or the admin records one
        /// (`vtf key delegate`).
        case delegation = "delegation"
        /// The money asked for is not there: beyond the available funds, the cash in a currency,
        /// an agreement's outstanding or deferred amount, a grant's advance, approved tranche or
        /// payments, or a write-off limit. Fix: receive the money first, or ask for less.
        case fundsUnavailable = "funds-unavailable"
        /// No UN operational rate (or no value of a setting) applies on the entry's date. Fix:
        /// record it first (`vtf rates set`, `vtf setting`).
        case missingRate = "missing-rate"
        /// The kind needs a fund ledger (one created from the fund template). Fix: create the
        /// ledger with `vtf init --template unvtf`.
        case notAFund = "not-a-fund"

        // MARK: The ledger's own integrity

        /// A stored derived record (a fund record, an undo record, a request) is malformed, so
        /// the derived tables were edited. Fix: run `vtf verify`.
        case damagedState = "damaged-state"
        /// A signed checkpoint does not match the journal (another root, size, origin, or a bad
        /// signature), or a cosignature repeats. Fix: restore the ledger from a copy; the
        /// history was rewritten.
        case checkpoint = "checkpoint"
        /// A command's input (not an entry) is out of range, e.g. a report period before the
        /// calendar starts. Fix: give the input the message asks for.
        case badInput = "bad-input"
    }
}
