import CanonicalJSON

/// Whether two holder strings name one person, and the admin's recorded decisions about
/// look-alike holders.
///
/// A `key.register` whose holder has the same ``HolderIdentity`` as a holder already registered
/// under another spelling is refused unless its data says, for each such holder, either
/// `"same_person_as": [HOLDER…]` (one person: the two-person rules treat them as one, which is
/// also what they do without a decision) or `"different_person_from": [HOLDER…]` (two people
/// whose names look alike: recorded as a `holders.different` record, and only then does the
/// two-person rule let one approve what the other requested).
public enum HolderDecisions {
    /// The `key.register` data members that carry the decisions.
    public static let sameMember = "same_person_as"
    /// The member listing look-alike holders who are different people.
    public static let differentMember = "different_person_from"
    /// Records of holder pairs confirmed to be different persons.
    public static let differentCollection = "holders.different"

    /// Whether holders `a` and `b` are one person for the two-person rules.
    public static func samePerson(_ a: String, _ b: String, state: any LedgerStateReading) throws -> Bool {
        if a == b { return true }
        guard HolderIdentity(a) == HolderIdentity(b) else { return false }
        return try state.record(differentCollection, pairID(a, b)) == nil
    }

    static func pairID(_ a: String, _ b: String) -> String {
        let pair = a.utf8.lexicographicallyPrecedes(b.utf8) ? (a, b) : (b, a)
        return pair.0 + "\u{1F}" + pair.1
    }

    /// Checks the decisions a `key.register` for `holder` must carry (`fields` holds only the
    /// two decision members, if any) and returns the records they add.
    public static func check(
        holder: String, decisions fields: JSONFields, seq: UInt64, state: some LedgerStateReading
    ) throws -> [LedgerEffect] {
        let at = "entry \(seq)"
        let same = try names(fields, sameMember)
        let different = try names(fields, differentMember)
        let identity = HolderIdentity(holder)
        let keys = try state.registeredKeys()
        // A holder names a person: another person's key name is not one (an outside trial
        // registered "Chen Certifying Officer", the name of chen's key, as a second approver).
        if let named = keys.first(where: { $0.record.holder != holder && HolderIdentity($0.record.name) == identity && HolderIdentity($0.record.holder) != identity }) {
            throw RuleViolation(.holderIdentity, "\(at): holder \"\(holder)\" is the name of a key held by \"\(named.record.holder)\"; a holder names the person: if the key is theirs, register it with --holder \"\(named.record.holder)\"")
        }
        let lookalikes = Set(keys.map(\.record.holder)).filter { $0 != holder && HolderIdentity($0) == identity }
        for name in same.union(different) where !lookalikes.contains(name) {
            throw RuleViolation(.holderIdentity, "\(at): \"\(name)\" is not a registered holder that looks like \"\(holder)\"; name only look-alike holders in \(sameMember) and \(differentMember)")
        }
        if let both = same.intersection(different).sorted().first {
            throw RuleViolation(.holderIdentity, "\(at): \"\(both)\" is named both the same person as and a different person from \"\(holder)\"")
        }
        for name in lookalikes.sorted() where !same.contains(name) && !different.contains(name) {
            throw RuleViolation(.holderIdentity, "\(at): holder \"\(holder)\" looks like the registered holder \"\(name)\" (both read \"\(identity)\"); if it is the same person, register it with --same-person-confirmed; if it is another person, with --different-person-confirmed")
        }
        let sameList = same.sorted()
        for (index, first) in sameList.enumerated() {
            for second in sameList.dropFirst(index + 1) where try !samePerson(first, second, state: state) {
                throw RuleViolation(.holderIdentity, "\(at): \"\(first)\" and \"\(second)\" are recorded as different persons; \"\(holder)\" cannot be the same person as both")
            }
        }
        return different.sorted().map { name in
            .putRecord(StateRecord(collection: differentCollection, id: pairID(holder, name), seq: seq, fields: [
                "holders": .array([.string(holder), .string(name)]),
            ]))
        }
    }

    private static func names(_ fields: JSONFields, _ member: String) throws -> Set<String> {
        guard fields.has(member) else { return [] }
        var names: Set<String> = []
        for item in try fields.array(member) {
            guard let name = item.stringValue, !name.isEmpty else { throw RuleViolation(.badField, "\(fields.context): \(member) lists holders as strings") }
            names.insert(name)
        }
        guard !names.isEmpty else { throw RuleViolation(.badField, "\(fields.context): \(member) is empty; leave it out instead") }
        return names
    }
}
