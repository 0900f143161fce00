import CanonicalJSON
public import LedgerCore
public import LedgerCrypto

/// What the rules concluded about an acceptable entry.
public struct AcceptedEntry: Sendable {
    /// The key whose signature the entry must carry.
    public let signerKey: Ed25519PublicKey
    /// The changes it makes, in order.
    public let effects: [LedgerEffect]
}

/// The rules every entry must satisfy, given the ledger before it: the journal core's own
/// (signers, keys, accounts, balanced postings, vouchers, reversals) and those of the rule sets
/// registered with it. The appender runs them before it signs; the verifier runs the same code
/// on every stored entry. Chain position (`seq`, `prev`) and the signature itself are checked
/// by the caller.
public struct LedgerRules: Sendable {
    /// The registered rule sets, in the order they were given.
    public let sets: [any RuleSet]
    private let setIndex: [EntryKind: Int]

    /// The core's rules and those of `sets`. Two sets defining the same kind, or a set
    /// redefining a core kind, is a programming error.
    public init(_ sets: [any RuleSet]) {
        var index: [EntryKind: Int] = [:]
        for (position, set) in sets.enumerated() {
            for kind in set.kinds {
                precondition(kind.coreRoles == nil && index[kind] == nil, "\(kind) is defined twice")
                index[kind] = position
            }
        }
        self.sets = sets
        self.setIndex = index
    }

    /// The journal core's rules alone: a ledger of keys, accounts, vouchers and reversals.
    public static let core = LedgerRules([])

    /// Every kind these rules accept: the core's, then each set's.
    public var kinds: [EntryKind] { EntryKind.core + sets.flatMap(\.kinds) }

    /// Whether a registered rule set (not the core) defines `kind`: its postings are computed
    /// by the rules, not chosen by the author.
    public func computesPostings(_ kind: EntryKind) -> Bool { setIndex[kind] != nil }

    /// The roles of which the signer of `kind` must hold one; nil for a kind nobody defines.
    public func requiredRoles(_ kind: EntryKind) -> Set<Role>? {
        if let roles = kind.coreRoles { return roles }
        return setIndex[kind].map { sets[$0].requiredRoles(kind) }
    }

    /// Checks `body` against `state`; returns the signer's key and the effects, or throws the
    /// first rule it breaks.
    public func check(_ body: EntryBody, against state: some LedgerStateReading) throws -> AcceptedEntry {
        let at = "entry \(body.seq)"
        try Self.checkTexts(body)
        try Self.checkNotAhead(body)
        if body.kind == .genesis {
            return try Self.checkGenesis(body)
        }
        guard body.seq > 0, let settings = state.settings else {
            throw RuleViolation(.genesis, "\(at): the first entry must be \(EntryKind.genesis.rawValue)")
        }
        guard body.ledger == settings.origin else {
            throw RuleViolation(.wrongLedger, "\(at): ledger \"\(body.ledger)\" is not this ledger (\(settings.origin))")
        }
        let signer = try checkSigner(body, state: state)
        if let ref = body.ref, try state.refExists(kind: body.kind, ref: ref) {
            throw RuleViolation(.duplicateRef, "\(at): ref \"\(ref)\" is already used by another \(body.kind.rawValue) entry")
        }
        for set in sets { try set.checkEntry(body, state: state) }
        try Self.checkOpening(body, settings: settings)
        var effects: [LedgerEffect]
        if let set = setIndex[body.kind].map({ sets[$0] }) {
            let outcome = try set.evaluate(body, signer: signer, state: state)
            for member in outcome.computedData where body.data[member.name] != member.value {
                throw RuleViolation(.dataDiffers, "\(at): data.\(member.name) must \(member.meaning): \(member.value?.description ?? "none")")
            }
            guard body.postings == outcome.postings else {
                throw RuleViolation(.postingsDiffer, "\(at): its postings are not the ones \(body.kind.rawValue) computes from its data and the ledger: expected \(Self.describe(outcome.postings))")
            }
            try Self.checkPostings(body, settings: settings, state: state, opened: outcome.opened)
            effects = outcome.effects
        } else {
            try Self.checkPostings(body, settings: settings, state: state)
            effects = try kindEffects(body, state: state)
        }
        if !body.postings.isEmpty {
            effects.append(.post(seq: body.seq, date: body.date, postings: body.postings))
        }
        return AcceptedEntry(signerKey: signer.record.publicKey, effects: effects)
    }

    /// The body `draft` becomes as entry `seq` after `prev`, recorded at `time` by `signer`,
    /// ready to check and sign: its ref numbered where the draft asks for one
    /// (``EntryDraft/refPrefix``), its postings and computed data filled in
    /// (``completing(_:against:)``). Writers call this inside their write transaction, over the
    /// state the entry will follow.
    public func drafting(
        _ draft: EntryDraft, ledger: String, seq: UInt64, prev: SHA256Digest, time: String, signer: String,
        against state: some LedgerStateReading
    ) throws -> EntryBody {
        var body = draft.body(ledger: ledger, seq: seq, prev: prev, time: time, signer: signer)
        if body.ref == nil, let prefix = draft.refPrefix {
            guard let set = setIndex[body.kind].map({ sets[$0] }), let ref = try set.freshRef(prefix: prefix, for: body, state: state) else {
                throw RuleViolation(.missingField, "entry \(seq): \(body.kind.rawValue) entries are not numbered by the ledger; give the entry its ref")
            }
            body.ref = ref
        }
        return try completing(body, against: state)
    }

    /// `body` with the postings and computed data its kind's rule set computes, ready to check
    /// and sign; a balances seal with the `leaves` and `root` of its `as_of`; other core kinds are
    /// returned unchanged.
    public func completing(_ body: EntryBody, against state: some LedgerStateReading) throws -> EntryBody {
        if body.kind == .balancesSeal, body.seq > 0, state.settings != nil {
            _ = try checkSigner(body, state: state)
            return try SealRules.completing(body, state: state)
        }
        guard let set = setIndex[body.kind].map({ sets[$0] }), body.seq > 0, let settings = state.settings else { return body }
        let signer = try checkSigner(body, state: state)
        for set in sets { try set.checkEntry(body, state: state) }
        try Self.checkOpening(body, settings: settings)
        var completed = body
        let outcome = try set.evaluate(body, signer: signer, state: state)
        completed.postings = outcome.postings
        for member in outcome.computedData { completed.data[member.name] = member.value }
        return completed
    }

    /// How many days after the day it is recorded (UTC) an entry may be dated.
    public static let daysAhead = 31

    /// An entry is dated at most ``daysAhead`` days after the day it is recorded. An outside trial
    /// recorded a grant payment dated 9999-12-31: the money left, the books showed the cash until
    /// then. A month allows for time zones and for what is known ahead (a transfer ordered for the
    /// first of next month); anything later is recorded when it happens. A body whose `time` is
    /// not set yet (an import's check, before the commit sets it) is checked again when it is.
    public static func checkNotAhead(_ body: EntryBody) throws(RuleViolation) {
        guard let seconds = RecordingTime.seconds(body.time), let recorded = try? LedgerDate(ordinalDay: seconds / 86_400) else { return }
        let latest = recorded.addingClamped(days: daysAhead)
        guard body.date <= latest else {
            throw RuleViolation(.wrongDate, """
                entry \(body.seq): dated \(body.date), more than \(daysAhead) days after the day it is recorded (\(recorded)): record an \
                entry when it happens, dated on or before \(latest)
                """)
        }
    }

    /// `ref` and `memo` pass ``EntryText``, as the journal reader requires: the writer runs this
    /// before it signs, so it never records an entry the verifier would refuse to read.
    static func checkTexts(_ body: EntryBody) throws(RuleViolation) {
        let at = "entry \(body.seq)"
        if let ref = body.ref { try EntryText.checkRef(ref, name: "ref", max: Limits.refLengthMax, context: at) }
        if let memo = body.memo { try EntryText.check(memo, name: "memo", max: Limits.memoLengthMax, context: at) }
    }

    func checkSigner(_ body: EntryBody, state: some LedgerStateReading) throws -> KeyState {
        let at = "entry \(body.seq)"
        guard let key = try state.key(id: body.signer) else {
            throw RuleViolation(.unknownKey, "\(at): signer \(body.signer.prefix(16))… is not a registered key (check --key or VTF_KEY; an admin registers a key with vtf key register)")
        }
        if let revoked = key.revokedSeq, body.seq > revoked {
            throw RuleViolation(.keyRevoked, "\(at): signer key \"\(key.record.name)\" was revoked at entry \(revoked)")
        }
        guard let allowed = requiredRoles(body.kind) else {
            throw RuleViolation(.unknownKind, "\(at): unknown kind \"\(body.kind.rawValue)\" (this ledger's rules define: \(kinds.map(\.rawValue).joined(separator: ", ")))")
        }
        guard key.record.roles.contains(where: allowed.contains) else {
            let needed = allowed.sorted().map(\.rawValue).joined(separator: " or ")
            let held = key.record.roles.map(\.rawValue).joined(separator: ", ")
            throw RuleViolation(.signerRole, "\(at): key \"\(key.record.name)\" (roles: \(held)) may not sign \(body.kind.rawValue); that needs the role \(needed)")
        }
        return key
    }

    static func checkGenesis(_ body: EntryBody) throws -> AcceptedEntry {
        let at = "entry \(body.seq)"
        guard body.seq == 0 else { throw RuleViolation(.genesis, "\(at): only entry 0 may be \(EntryKind.genesis.rawValue)") }
        guard body.postings.isEmpty, body.ref == nil else {
            throw RuleViolation(.genesis, "\(at): the genesis entry carries no postings and no ref")
        }
        try checkOrigin(body.ledger)
        let fields = try JSONFields(.object(body.data), context: "\(at) data")
        try fields.allowOnly(["fund_name", "currency", "keys"])
        let fundName = try fields.text("fund_name", max: Limits.nameLengthMax)
        let currency = try EntryBody.fundCurrency(fromGenesisData: body.data)
        var keys: [KeyState] = []
        for (index, item) in try fields.array("keys").enumerated() {
            let record = try KeyRecord(json: item, context: "\(at) data.keys[\(index)]")
            guard !keys.contains(where: { $0.record.keyID == record.keyID }) else {
                throw RuleViolation(.duplicateKey, "\(at): key \(record.keyID.prefix(16))… is listed twice")
            }
            keys.append(KeyState(record: record, registeredSeq: 0))
        }
        guard keys.contains(where: { $0.record.roles.contains(.admin) }) else {
            throw RuleViolation(.genesis, "\(at): data.keys needs a key with the role admin")
        }
        guard keys.filter({ $0.record.roles.contains(.log) }).count == 1 else {
            throw RuleViolation(.genesis, "\(at): data.keys needs exactly one key with the role log")
        }
        guard !keys.contains(where: { $0.record.roles.contains(.donor) }) else {
            throw RuleViolation(.genesis, "\(at): a donor's key is registered after its donor is recorded (vtf key register --role donor), not at genesis")
        }
        guard let signer = keys.first(where: { $0.record.keyID == body.signer }),
            signer.record.roles.contains(.admin)
        else {
            throw RuleViolation(.genesis, "\(at): the genesis entry must be signed by its admin key")
        }
        let settings = LedgerSettings(origin: body.ledger, fundName: fundName, currency: currency, openingDate: body.date)
        return AcceptedEntry(
            signerKey: signer.record.publicKey,
            effects: [.start(settings)] + keys.map(LedgerEffect.registerKey))
    }

    /// Origins are note key names (C2SP): non-empty, no spaces, no `+`, printable ASCII.
    public static func checkOrigin(_ origin: String) throws(RuleViolation) {
        let valid = !origin.isEmpty && origin.utf8.count <= 200
            && origin.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "+") }
        guard valid else {
            throw RuleViolation(.badField, "origin \"\(origin)\" must be printable ASCII without spaces or \"+\", e.g. unodc.org/unvtf")
        }
    }

    static func describe(_ postings: [Posting]) -> String {
        guard !postings.isEmpty else { return "none" }
        return postings.map { "\($0.account) \($0.amount.decimalString) \($0.amount.currency.code) (value \($0.value.decimalString))" }.joined(separator: "; ")
    }

    static func checkPostings(
        _ body: EntryBody, settings: LedgerSettings, state: some LedgerStateReading, opened: [AccountCode: AccountType]? = nil
    ) throws {
        let at = "entry \(body.seq)"
        guard opened != nil || body.kind.carriesPostings == !body.postings.isEmpty else {
            let verb = body.kind.carriesPostings ? "needs" : "may not carry"
            throw RuleViolation(.unbalanced, "\(at): \(body.kind.rawValue) \(verb) postings")
        }
        guard !body.postings.isEmpty else { return }
        do { try BalanceRule.check(body.postings, fundCurrency: settings.currency) } catch {
            throw RuleViolation(.unbalanced, "\(at): \(error)")
        }
        var memo: [Posting] = []
        for (index, posting) in body.postings.enumerated() {
            if let type = opened?[posting.account] {
                if type == .memo { memo.append(posting) }
                continue
            }
            guard let account = try state.account(posting.account) else {
                throw RuleViolation(.unknownAccount, "\(at) posting \(index + 1): account \(posting.account) does not exist (open it with: vtf account open \(posting.account) …)")
            }
            if let closed = account.closedSeq {
                throw RuleViolation(.accountClosed, "\(at) posting \(index + 1): account \(posting.account) was closed at entry \(closed)")
            }
            if account.type == .memo { memo.append(posting) }
        }
        try checkMemoBalance(memo, at: at, settings: settings, total: body.postings.count)
    }

    /// Memo accounts (pledges, commitments) balance among themselves: a pledge or a commitment
    /// can never become revenue, cash or expense through an entry that mixes the two.
    public static func checkMemoBalance(_ memo: [Posting], at: String, settings: LedgerSettings, total: Int) throws {
        guard !memo.isEmpty, memo.count < total || memo.count == 1 else { return }
        var amounts: [Currency: Int64] = [:]
        var value: Int64 = 0
        for posting in memo {
            let (sum, overflow) = amounts[posting.amount.currency, default: 0].addingReportingOverflow(posting.amount.minorUnits)
            let (valueSum, valueOverflow) = value.addingReportingOverflow(posting.value.minorUnits)
            guard !overflow, !valueOverflow else { throw RuleViolation(.overflow, "\(at): memo postings overflow") }
            amounts[posting.amount.currency] = sum
            value = valueSum
        }
        guard value == 0, amounts.values.allSatisfy({ $0 == 0 }) else {
            let accounts = Set(memo.map(\.account.rawValue)).sorted().joined(separator: ", ")
            throw RuleViolation(.memoAccount, "\(at): memo account \(accounts) may only be posted against other memo accounts; a pledge or a commitment is never revenue, cash or expense")
        }
    }

    func kindEffects(_ body: EntryBody, state: some LedgerStateReading) throws -> [LedgerEffect] {
        let fields = try JSONFields(.object(body.data), context: "entry \(body.seq) data")
        switch body.kind {
        case .genesis: preconditionFailure("genesis is checked by checkGenesis")
        case .keyRegister: return try Self.keyRegister(body, fields, state: state)
        case .keyRevoke: return try Self.keyRevoke(body, fields, state: state)
        case .accountOpen: return try Self.accountOpen(body, fields, state: state)
        case .accountClose: return try Self.accountClose(body, fields, state: state)
        case .voucher:
            try fields.allowOnly([])
            return []
        case .reversal: return try reversal(body, fields, state: state)
        case .bankReconcile: return try BankReconcileRules.check(body, fields, state: state)
        case .balancesSeal: return try SealRules.check(body, fields, state: state)
        default: preconditionFailure("\(body.kind.rawValue) has roles but no core rules")
        }
    }

    static func keyRegister(_ body: EntryBody, _ fields: JSONFields, state: some LedgerStateReading) throws -> [LedgerEffect] {
        var keyMembers = fields.object
        var decisionMembers = JSONObject()
        for member in [HolderDecisions.sameMember, HolderDecisions.differentMember] {
            decisionMembers[member] = keyMembers[member]
            keyMembers[member] = nil
        }
        let record = try KeyRecord(json: .object(keyMembers), context: fields.context)
        if let existing = try state.key(id: record.keyID) {
            throw RuleViolation(.duplicateKey, "entry \(body.seq): key \(record.keyID.prefix(16))… is already registered (as \"\(existing.record.name)\" at entry \(existing.registeredSeq))")
        }
        guard !record.roles.contains(.log) else {
            throw RuleViolation(.protectedKey, "entry \(body.seq): the role log belongs to the ledger's own key, set at genesis")
        }
        guard !record.roles.contains(.donor) || record.roles == [.donor] else {
            throw RuleViolation(.badField, "entry \(body.seq): a donor's key holds the role donor alone (its holder is the donor's id); register the fund's people with keys of their own")
        }
        let decisions = try HolderDecisions.check(
            holder: record.holder, decisions: try JSONFields(.object(decisionMembers), context: fields.context), seq: body.seq, state: state)
        return [.registerKey(KeyState(record: record, registeredSeq: body.seq))] + decisions
    }

    static func keyRevoke(_ body: EntryBody, _ fields: JSONFields, state: some LedgerStateReading) throws -> [LedgerEffect] {
        try fields.allowOnly(["key_id", "reason"])
        let keyID = try fields.string("key_id")
        let reason = try fields.text("reason", max: Limits.memoLengthMax)
        guard let key = try state.key(id: keyID) else {
            throw RuleViolation(.unknownKey, "entry \(body.seq): key \(keyID) is not registered")
        }
        if let revoked = key.revokedSeq {
            throw RuleViolation(.keyRevoked, "entry \(body.seq): key \"\(key.record.name)\" is already revoked (entry \(revoked))")
        }
        if key.record.roles.contains(.log) {
            throw RuleViolation(.protectedKey, "entry \(body.seq): the log key cannot be revoked")
        }
        if key.record.roles.contains(.admin), try state.activeKeyCount(withRole: .admin) <= 1 {
            throw RuleViolation(.protectedKey, "entry \(body.seq): \"\(key.record.name)\" is the last admin key; register another admin key first")
        }
        return [.revokeKey(id: keyID, seq: body.seq, reason: reason)]
    }

    static func accountOpen(_ body: EntryBody, _ fields: JSONFields, state: some LedgerStateReading) throws -> [LedgerEffect] {
        try fields.allowOnly(["code", "name", "type"])
        let code = try fields.accountCode("code")
        let name = try fields.text("name", max: Limits.nameLengthMax)
        let typeText = try fields.string("type")
        guard let type = AccountType(rawValue: typeText) else {
            let types = AccountType.allCases.map(\.rawValue).joined(separator: ", ")
            throw RuleViolation(.badField, "entry \(body.seq): account type \"\(typeText)\" is not one of \(types)")
        }
        if let existing = try state.account(code) {
            throw RuleViolation(.accountExists, "entry \(body.seq): account \(code) already exists (\"\(existing.name)\", entry \(existing.openedSeq))")
        }
        return [.openAccount(AccountState(code: code, name: name, type: type, openedSeq: body.seq))]
    }

    static func accountClose(_ body: EntryBody, _ fields: JSONFields, state: some LedgerStateReading) throws -> [LedgerEffect] {
        try fields.allowOnly(["code"])
        let code = try fields.accountCode("code")
        guard let account = try state.account(code) else {
            throw RuleViolation(.unknownAccount, "entry \(body.seq): account \(code) does not exist")
        }
        if let closed = account.closedSeq {
            throw RuleViolation(.accountClosed, "entry \(body.seq): account \(code) is already closed (entry \(closed))")
        }
        if let open = try state.balances(of: code).first {
            throw RuleViolation(.accountNotEmpty, "entry \(body.seq): account \(code) still has a balance of \(open.amount.decimalString) \(open.amount.currency); move it to another account first")
        }
        return [.closeAccount(code, seq: body.seq)]
    }

    func reversal(_ body: EntryBody, _ fields: JSONFields, state: some LedgerStateReading) throws -> [LedgerEffect] {
        try fields.allowOnly(["reverses"])
        let targetNumber = try fields.integer("reverses")
        let at = "entry \(body.seq)"
        guard targetNumber >= 0, UInt64(targetNumber) < body.seq,
            let target = try state.postings(ofEntry: UInt64(targetNumber))
        else {
            throw RuleViolation(.notFound, "\(at): reverses \(targetNumber), which is not an earlier entry")
        }
        guard !target.postings.isEmpty else {
            throw RuleViolation(.notReversible, "\(at): entry \(targetNumber) (\(target.kind.rawValue)) has no postings to reverse")
        }
        guard !computesPostings(target.kind) else {
            throw RuleViolation(.notReversible, "\(at): entry \(targetNumber) is a fund entry (\(target.kind.rawValue)); it is reversed through an approved request")
        }
        if try state.isReversed(seq: UInt64(targetNumber)) {
            throw RuleViolation(.notReversible, "\(at): entry \(targetNumber) is already reversed")
        }
        try Self.checkReversalDate(body.date, of: target.date, target: UInt64(targetNumber), at: at)
        let expected = try Self.negated(target.postings)
        guard body.postings == expected else {
            throw RuleViolation(.postingsDiffer, "\(at): its postings are not the exact negation of entry \(targetNumber)'s")
        }
        return [.reverse(target: UInt64(targetNumber), by: body.seq)]
    }

    /// A reversal is dated on or after the entry it reverses: dated before it, it would undo in
    /// the books of a day what had not happened yet (an outside trial reversed a payment dated
    /// 9999-12-31 on a 2026 date, and the closed year showed a negative advance and grants paid
    /// as an inflow).
    public static func checkReversalDate(_ date: LedgerDate, of targetDate: LedgerDate, target: UInt64, at: String) throws(RuleViolation) {
        guard date >= targetDate else {
            throw RuleViolation(.wrongDate, "\(at): a reversal is dated on or after the entry it reverses (entry \(target), dated \(targetDate)), not \(date)")
        }
    }

    /// The postings with every amount and value negated.
    public static func negated(_ postings: [Posting]) throws -> [Posting] {
        try postings.map { posting in
            Posting(account: posting.account, amount: try posting.amount.negated(), value: try posting.value.negated())
        }
    }
}
