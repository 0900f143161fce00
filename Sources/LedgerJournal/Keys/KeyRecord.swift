public import CanonicalJSON
public import LedgerCrypto

/// A key as the journal records it: in `ledger.genesis` (`data.keys`) and as the `data` of
/// `key.register`. Contract (DESIGN §3): `{"key_id", "public_key", "holder", "name", "roles"}`.
public struct KeyRecord: Sendable, Equatable {
    /// Lowercase hex SHA-256 of the raw 32-byte public key.
    public let keyID: String
    /// The Ed25519 public key that verifies the holder's signatures.
    public let publicKey: Ed25519PublicKey
    /// The person who holds the key. Two-person rules compare holders, not keys.
    public let holder: String
    /// A label for people, e.g. "Alice Martin (fund manager)".
    public let name: String
    /// What the key may do; checked by the rules for each entry it signs.
    public let roles: [Role]

    /// Builds a record; the key id is derived from the public key.
    public init(publicKey: Ed25519PublicKey, holder: String, name: String, roles: [Role]) {
        self.keyID = publicKey.keyID
        self.publicKey = publicKey
        self.holder = holder
        self.name = name
        self.roles = roles
    }

    /// The journal form.
    public var jsonValue: JSONValue {
        .object(JSONObject([
            ("key_id", .string(keyID)),
            ("public_key", .string(Base64.encode(publicKey.rawRepresentation))),
            ("holder", .string(holder)),
            ("name", .string(name)),
            ("roles", .array(roles.map { .string($0.rawValue) })),
        ]))
    }

    /// Reads and checks a record: every member present with the right type, no others, the key id
    /// equal to the SHA-256 of the public key, at least one role, no role twice.
    public init(json: JSONValue, context: String) throws(RuleViolation) {
        let fields = try JSONFields(json, context: context)
        try fields.allowOnly(["key_id", "public_key", "holder", "name", "roles"])
        let keyID = try fields.string("key_id")
        let publicKeyText = try fields.string("public_key")
        guard let raw = Base64.decode(publicKeyText), raw.count == 32,
            let publicKey = try? Ed25519PublicKey(rawRepresentation: raw)
        else {
            throw RuleViolation(.badField, "\(context): public_key is not base64 of a 32-byte Ed25519 key")
        }
        guard publicKey.keyID == keyID else {
            throw RuleViolation(.badField, "\(context): key_id \(keyID) is not the SHA-256 of its public key (\(publicKey.keyID))")
        }
        let holder = try fields.text("holder", max: 200)
        let name = try fields.text("name", max: 200)
        var roles: [Role] = []
        for item in try fields.array("roles") {
            guard let text = item.stringValue else {
                throw RuleViolation(.badField, "\(context): roles must be strings")
            }
            let role = try Role(parsing: text)
            guard !roles.contains(role) else {
                throw RuleViolation(.badField, "\(context): role \(text) is listed twice")
            }
            roles.append(role)
        }
        guard !roles.isEmpty else { throw RuleViolation(.badField, "\(context): a key needs at least one role") }
        self.init(publicKey: publicKey, holder: holder, name: name, roles: roles)
    }
}
