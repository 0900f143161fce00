import CanonicalJSON
public import LedgerJournal

/// The UN trust fund's rule set (DOMAIN.md): its kinds (``FundKind``), what each must post and
/// change (``FundRules``), and the checks it makes on every entry. `vtf`, the store's writer and
/// the audit verifier register it through `LedgerRules.unvtf`.
public struct FundRuleSet: RuleSet {
    /// The rule set; it holds no state.
    public init() {}

    /// The rule set's name, `unvtf`.
    public var name: String { "unvtf" }

    /// Every fund kind (``FundKind``).
    public var kinds: [EntryKind] { FundKind.allCases.map(\.entryKind) }

    /// The roles a key needs to sign an entry of `kind`; `kind` must be one of ``kinds``.
    public func requiredRoles(_ kind: EntryKind) -> Set<Role> {
        guard let fund = FundKind(kind) else { preconditionFailure("\(kind) is not a fund kind") }
        return fund.requiredRoles
    }

    /// On every entry: nothing dated in a closed year (but a balances seal, which posts nothing:
    /// the close's own seal after its postings is dated on the year's last day); the entry after an accrual is its
    /// reversal; cash is paid only out of cash held (`CashHeld`); manual vouchers and reversals
    /// go through a request where the fund's two-person policy lists them.
    public func checkEntry(_ body: EntryBody, state: some LedgerStateReading) throws {
        if body.kind != .balancesSeal, let closed = try FundSettings.closedThrough(state), body.date.description <= closed.date {
            throw RuleViolation(.closedYear, "entry \(body.seq): \(closed.year) is closed (through \(closed.date)); an entry dated \(body.date) is refused — correct it with an entry dated after \(closed.date)")
        }
        try AccrualRules.checkFollowsAccrual(body, state: state)
        if body.kind == .keyRegister, case .array(let roles)? = body.data["roles"], roles.contains(.string(Role.donor.rawValue)) {
            let holder = body.data["holder"]?.stringValue ?? ""
            guard try state.record("donor", holder) != nil else {
                throw RuleViolation(.badField, "entry \(body.seq): a donor's key is bound to a donor by its holder, and no donor has the id \"\(holder)\" (vtf donor add first, then --holder ID)")
            }
        }
        try CashHeld.check(body, state: state)
        try CashHeld.checkAdvances(body, state: state)
        if body.kind == .voucher, try FundSettings.isControlled("voucher", state: state) {
            throw RuleViolation(.twoPerson, "entry \(body.seq): manual vouchers on this ledger need two-person approval: vtf post makes a request (it prints a REF), then vtf certify REF and vtf approve REF")
        }
        if body.kind == .reversal, try FundSettings.isControlled("reversal", state: state) {
            let target = body.data["reverses"]?.integerValue.map(String.init) ?? "N"
            throw RuleViolation(.twoPerson, "entry \(body.seq): corrections on this ledger need two people: vtf reverse \(target) makes a request (it prints a REF), then vtf certify REF and vtf approve REF")
        }
    }

    /// A request's ref numbered inside the write (``RequestRefNumbering``); the other fund kinds
    /// name their own.
    public func freshRef(prefix: String, for body: EntryBody, state: some LedgerStateReading) throws -> String? {
        body.kind == .approvalRequest ? try RequestRefNumbering.next(prefix, date: body.date, state: state) : nil
    }

    /// What an entry of a fund kind must post and change (``FundRules``), with the record that lets
    /// an approved reversal undo it later.
    public func evaluate(_ body: EntryBody, signer: KeyState, state: some LedgerStateReading) throws -> RuleOutcome {
        let outcome = try FundRules.evaluate(body, signer: signer, state: state)
        var effects = outcome.effects
        if !outcome.postings.isEmpty, outcome.reversible {
            effects.append(.putRecord(try FundUndo.record(seq: body.seq, effects: effects, state: state)))
        }
        return RuleOutcome(
            postings: outcome.postings, effects: effects,
            computedData: [
                ComputedMember(
                    name: FundRules.unoreMember, value: outcome.unore.map(JSONValue.object),
                    meaning: "name the UN operational rates the entry uses")
            ],
            opened: outcome.opened)
    }
}

extension LedgerRules {
    /// The journal core's rules with the UN trust fund's rule set: what `vtf` and the audit
    /// verifier run on every ledger.
    public static let unvtf = LedgerRules([FundRuleSet()])
}
