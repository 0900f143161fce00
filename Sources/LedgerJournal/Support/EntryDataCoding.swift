public import CanonicalJSON
public import LedgerCore

// The bridge between `Codable` data types and the journal's `JSONValue`: a kind's data type
// encodes to the very members the journal has always carried (amounts, dates, currencies and
// codes as strings, optional members left out when absent, never `null`) and decodes strictly,
// every refusal a `RuleViolation` naming the member: `.missingField` when absent, `.badField`
// when of the wrong type (or `null`) or not a valid value, `.unknownField` for a member the
// type does not read.

/// Encodes and decodes entry data (and request parameters) as `JSONValue` through `Codable`.
public enum EntryData {
    /// The JSON object `value` encodes to. Precondition: `value` encodes as an object and its
    /// `encode(to:)` does not throw (the encoder itself never does).
    public static func object(_ value: some Encodable) -> JSONObject {
        let node = EncodedNode()
        do { try value.encode(to: ValueEncoder(node: node, codingPath: [])) } catch {
            preconditionFailure("encoding \(type(of: value)) as entry data threw \(error)")
        }
        guard case .object(let object) = node.json else { preconditionFailure("\(type(of: value)) does not encode as a JSON object") }
        return object
    }

    /// `value` as a JSON value (an object, an array, a string, …).
    public static func value(_ value: some Encodable) -> JSONValue {
        let node = EncodedNode()
        do { try value.encode(to: ValueEncoder(node: node, codingPath: [])) } catch {
            preconditionFailure("encoding \(type(of: value)) as entry data threw \(error)")
        }
        return node.json
    }

    /// `type` decoded from `value`, strictly; every error names `context` ("entry 12 data") and
    /// the member. With `allowingUnknown`, members the type does not read are ignored rather
    /// than refused.
    /// `userInfo` reaches every nested value's decoder (`CodingUserInfoKey.amountCurrency`:
    /// the currency of amounts whose currency is not a member of their own object).
    public static func decode<T: Decodable>(
        _ type: T.Type, from value: JSONValue, context: String, allowingUnknown: Bool = false,
        userInfo: [CodingUserInfoKey: Any] = [:]
    ) throws(RuleViolation) -> T {
        let options = DecodeOptions(context: context, refuseUnknown: !allowingUnknown, userInfo: userInfo)
        do { return try ValueDecoder.decode(type, value, path: [], options) } catch let violation as RuleViolation {
            throw violation
        } catch {
            throw RuleViolation(.badField, "\(context): \(error)")
        }
    }
}

extension JSONFields {
    /// The object decoded as `type`, strictly (see ``EntryData``); errors name this object's
    /// context and the member.
    public func decode<T: Decodable>(
        _ type: T.Type, allowingUnknown: Bool = false, userInfo: [CodingUserInfoKey: Any] = [:]
    ) throws(RuleViolation) -> T {
        try EntryData.decode(type, from: .object(object), context: context, allowingUnknown: allowingUnknown, userInfo: userInfo)
    }
}

extension CodingUserInfoKey {
    /// The currency of the amounts a value holds when it does not name one itself (a grant's
    /// amounts are in the fund currency; an instalment's in its agreement's).
    public static let amountCurrency: CodingUserInfoKey = {
        guard let key = CodingUserInfoKey(rawValue: "vtf.amountCurrency") else { preconditionFailure("a valid user-info key") }
        return key
    }()
}

extension Decoder {
    /// The currency `CodingUserInfoKey.amountCurrency` gives this value's amounts; an error
    /// when the caller gave none.
    public func amountCurrency() throws -> Currency {
        guard let currency = userInfo[.amountCurrency] as? Currency else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "the currency of its amounts is not known"))
        }
        return currency
    }
}

extension KeyedDecodingContainer {
    /// The value under `key`, its decoder (and its nested values') given `userInfo` besides what
    /// the container's decoder has: how a value tells its parts the currency of their amounts.
    public func decode<T: Decodable>(_ type: T.Type, forKey key: Key, adding userInfo: [CodingUserInfoKey: Any]) throws -> T {
        let decoder = try superDecoder(forKey: key)
        guard let inner = decoder as? ValueDecoder else { return try T(from: decoder) }
        return try ValueDecoder.decode(type, inner.value, path: inner.codingPath, inner.options.adding(userInfo))
    }

    /// Like ``decode(_:forKey:adding:)``, or nil when the member is absent.
    public func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key, adding userInfo: [CodingUserInfoKey: Any]) throws -> T? {
        guard contains(key) else { return nil }
        return try decode(type, forKey: key, adding: userInfo)
    }
}

// MARK: Amounts (their text needs their currency)

extension KeyedDecodingContainer {
    /// The amount in `currency` under `key`, a decimal string read exactly ("1250.00"); a
    /// malformed one is refused naming the member.
    public func decode(_ type: Amount.Type, forKey key: Key, currency: Currency) throws -> Amount {
        let text = try decode(String.self, forKey: key)
        do { return try Amount(parsing: text, currency: currency, mode: .exact) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [key], debugDescription: "\(error)"))
        }
    }

    /// Like `decode(_:forKey:currency:)` (the non-optional read), or nil when the member is absent.
    public func decodeIfPresent(_ type: Amount.Type, forKey key: Key, currency: Currency) throws -> Amount? {
        guard contains(key) else { return nil }
        return try decode(type, forKey: key, currency: currency)
    }

    /// A list of amounts in `currency` under `key`, each a decimal string; a malformed one is
    /// refused naming its place (`tranches[1]`).
    public func decode(_ type: [Amount].Type, forKey key: Key, currency: Currency) throws -> [Amount] {
        var amounts: [Amount] = []
        for (index, text) in try decode([String].self, forKey: key).enumerated() {
            do { amounts.append(try Amount(parsing: text, currency: currency, mode: .exact)) } catch {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [key, IndexKey(index)], debugDescription: "\(error)"))
            }
        }
        return amounts
    }
}

extension KeyedEncodingContainer {
    /// Writes `amount` under `key` as the journal does: its decimal string, currency apart.
    public mutating func encode(_ amount: Amount, forKey key: Key) throws {
        try encode(amount.decimalString, forKey: key)
    }

    /// Writes `amount` under `key` when it is not nil; leaves the member out otherwise.
    public mutating func encodeIfPresent(_ amount: Amount?, forKey key: Key) throws {
        guard let amount else { return }
        try encode(amount.decimalString, forKey: key)
    }
}

// MARK: Encoder

/// A value under construction: a leaf, or an object or array whose children fill in later.
final class EncodedNode {
    enum Shape { case leaf(JSONValue), object([(String, EncodedNode)]), array([EncodedNode]) }
    var shape: Shape = .leaf(.null)

    var json: JSONValue {
        switch shape {
        case .leaf(let value): value
        case .object(let members): .object(JSONObject(members.map { ($0.0, $0.1.json) }))
        case .array(let items): .array(items.map(\.json))
        }
    }

    func member(_ key: String) -> EncodedNode {
        var members: [(String, EncodedNode)] = []
        if case .object(let existing) = shape { members = existing }
        if let found = members.first(where: { $0.0 == key }) { return found.1 }
        let child = EncodedNode()
        members.append((key, child))
        shape = .object(members)
        return child
    }

    func appendItem() -> EncodedNode {
        var items: [EncodedNode] = []
        if case .array(let existing) = shape { items = existing }
        let child = EncodedNode()
        items.append(child)
        shape = .array(items)
        return child
    }

    func makeObject() { if case .object = shape {} else { shape = .object([]) } }
    func makeArray() { if case .array = shape {} else { shape = .array([]) } }
}

struct ValueEncoder: Encoder {
    let node: EncodedNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeObject()
        return KeyedEncodingContainer(KeyedValueEncoder<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.makeArray()
        return UnkeyedValueEncoder(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueEncoder(node: node, codingPath: codingPath) }
}

/// The leaf `value` is written as: strings, bools and exact integers only (money is text).
private func leaf(_ value: some Encodable, _ node: EncodedNode, _ path: [any CodingKey]) throws {
    switch value {
    case let text as String: node.shape = .leaf(.string(text))
    case let flag as Bool: node.shape = .leaf(.bool(flag))
    case let number as Int: node.shape = .leaf(.integer(Int64(number)))
    case let number as Int64: node.shape = .leaf(.integer(number))
    case let number as UInt64: node.shape = .leaf(.integer(Int64(number)))
    case let number as Int32: node.shape = .leaf(.integer(Int64(number)))
    default: try value.encode(to: ValueEncoder(node: node, codingPath: path))
    }
}

struct KeyedValueEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodedNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.member(key.stringValue).shape = .leaf(.null) }
    mutating func encode(_ value: some Encodable, forKey key: Key) throws { try leaf(value, node.member(key.stringValue), codingPath + [key]) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        ValueEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        ValueEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder(node: node.member("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { ValueEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]) }
}

struct UnkeyedValueEncoder: UnkeyedEncodingContainer {
    let node: EncodedNode
    let codingPath: [any CodingKey]
    var count: Int {
        if case .array(let items) = node.shape { return items.count }
        return 0
    }

    mutating func encodeNil() throws { node.appendItem().shape = .leaf(.null) }
    mutating func encode(_ value: some Encodable) throws {
        let path = codingPath + [IndexKey(count)]
        try leaf(value, node.appendItem(), path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = codingPath + [IndexKey(count)]
        return ValueEncoder(node: node.appendItem(), codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = codingPath + [IndexKey(count)]
        return ValueEncoder(node: node.appendItem(), codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder(node: node.appendItem(), codingPath: codingPath) }
}

struct SingleValueEncoder: SingleValueEncodingContainer {
    let node: EncodedNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.shape = .leaf(.null) }
    mutating func encode(_ value: some Encodable) throws { try leaf(value, node, codingPath) }
}

/// An array position as a coding key.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

// MARK: Decoder

struct DecodeOptions {
    let context: String
    let refuseUnknown: Bool
    var userInfo: [CodingUserInfoKey: Any]

    func adding(_ more: [CodingUserInfoKey: Any]) -> DecodeOptions {
        var options = self
        options.userInfo.merge(more) { $1 }
        return options
    }

    /// `path` as the messages name it: `rates.EUR`, `instalments[1].due`.
    func name(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return text.isEmpty ? "the value" : text
    }

    func missing(_ path: [any CodingKey]) -> RuleViolation { RuleViolation(.missingField, "\(context): \(name(path)) is missing") }

    func wrongType(_ path: [any CodingKey], _ expected: String) -> RuleViolation {
        RuleViolation(.badField, "\(context): \(name(path)) must be \(expected)")
    }

    func unknown(_ path: [any CodingKey], _ member: String) -> RuleViolation {
        let message = path.isEmpty ? "\(context): unknown member \"\(member)\"" : "\(context): \(name(path)): unknown member \"\(member)\""
        return RuleViolation(.unknownField, message)
    }

    /// Any other error (a value's own check) as a `.badField` refusal naming the member.
    func wrap(_ error: any Error, _ path: [any CodingKey]) -> RuleViolation {
        if let violation = error as? RuleViolation { return violation }
        if let decoding = error as? DecodingError, case .dataCorrupted(let detail) = decoding {
            return RuleViolation(.badField, "\(context): \(name(detail.codingPath)): \(detail.debugDescription)")
        }
        return RuleViolation(.badField, "\(context): \(name(path)): \(error)")
    }
}

/// Keys a decoded object's reader asked for; the rest are unknown members.
final class UsedKeys {
    var names: Set<String> = []
    var all = false
    var keyed = false
}

struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let options: DecodeOptions
    let used: UsedKeys
    var userInfo: [CodingUserInfoKey: Any] { options.userInfo }

    /// Decodes `type` from `value` at `path`, then refuses members of an object it did not read.
    static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, path: [any CodingKey], _ options: DecodeOptions) throws -> T {
        if let primitive = try primitive(type, value, path, options) { return primitive }
        let used = UsedKeys()
        let decoder = ValueDecoder(value: value, codingPath: path, options: options, used: used)
        let result: T
        do { result = try T(from: decoder) } catch { throw options.wrap(error, path) }
        if options.refuseUnknown, used.keyed, !used.all, case .object(let object) = value {
            for member in object where !used.names.contains(member.key) { throw options.unknown(path, member.key) }
        }
        return result
    }

    /// Strings, bools and integers, read directly with their own type errors.
    static func primitive<T>(_ type: T.Type, _ value: JSONValue, _ path: [any CodingKey], _ options: DecodeOptions) throws(RuleViolation) -> T? {
        if type == String.self {
            guard let text = value.stringValue else { throw options.wrongType(path, "a string") }
            return text as? T
        }
        if type == Bool.self {
            guard let flag = value.boolValue else { throw options.wrongType(path, "true or false") }
            return flag as? T
        }
        if type == Int64.self || type == Int.self || type == UInt64.self || type == Int32.self {
            guard let number = value.integerValue else { throw options.wrongType(path, "an integer") }
            switch type {
            case is Int64.Type: return number as? T
            case is Int.Type: return Int(exactly: number) as? T
            case is Int32.Type:
                guard let small = Int32(exactly: number) else { throw RuleViolation(.badField, "\(options.context): \(options.name(path)) \(number) is out of range") }
                return small as? T
            default:
                guard let natural = UInt64(exactly: number) else { throw RuleViolation(.badField, "\(options.context): \(options.name(path)) may not be negative (\(number))") }
                return natural as? T
            }
        }
        return nil
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let object = value.objectValue else { throw options.wrongType(codingPath, "a JSON object") }
        used.keyed = true
        return KeyedDecodingContainer(KeyedValueDecoder<Key>(object: object, codingPath: codingPath, options: options, used: used))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let items = value.arrayValue else { throw options.wrongType(codingPath, "an array") }
        return UnkeyedValueDecoder(items: items, codingPath: codingPath, options: options)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueDecoder(value: value, codingPath: codingPath, options: options)
    }
}

struct KeyedValueDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let codingPath: [any CodingKey]
    let options: DecodeOptions
    let used: UsedKeys

    var allKeys: [Key] {
        used.all = true
        return object.compactMap { Key(stringValue: $0.key) }
    }

    func contains(_ key: Key) -> Bool {
        used.names.insert(key.stringValue)
        return object[key.stringValue] != nil
    }

    func member(_ key: Key) throws -> JSONValue {
        used.names.insert(key.stringValue)
        guard let value = object[key.stringValue] else { throw options.missing(codingPath + [key]) }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key).isNull }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try ValueDecoder.decode(type, try member(key), path: codingPath + [key], options)
    }

    // An optional member: absent gives nil; present (even `null`) must be a valid value.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard contains(key) else { return nil }
        return try decode(type, forKey: key)
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { contains(key) ? try decode(type, forKey: key) : nil }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { contains(key) ? try decode(type, forKey: key) : nil }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { contains(key) ? try decode(type, forKey: key) : nil }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { contains(key) ? try decode(type, forKey: key) : nil }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { contains(key) ? try decode(type, forKey: key) : nil }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(value: try member(key), codingPath: codingPath + [key], options: options, used: UsedKeys()).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: try member(key), codingPath: codingPath + [key], options: options, used: UsedKeys()).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: .object(object), codingPath: codingPath, options: options, used: used)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: try member(key), codingPath: codingPath + [key], options: options, used: UsedKeys())
    }
}

struct UnkeyedValueDecoder: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    let options: DecodeOptions
    var currentIndex = 0
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    init(items: [JSONValue], codingPath: [any CodingKey], options: DecodeOptions) {
        self.items = items
        self.codingPath = codingPath
        self.options = options
    }

    mutating func next() throws -> (JSONValue, [any CodingKey]) {
        let path = codingPath + [IndexKey(currentIndex)]
        guard !isAtEnd else { throw options.missing(path) }
        defer { currentIndex += 1 }
        return (items[currentIndex], path)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try next()
        return try ValueDecoder.decode(type, value, path: path, options)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, path) = try next()
        return try ValueDecoder(value: value, codingPath: path, options: options, used: UsedKeys()).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next()
        return try ValueDecoder(value: value, codingPath: path, options: options, used: UsedKeys()).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next()
        return ValueDecoder(value: value, codingPath: path, options: options, used: UsedKeys())
    }
}

struct SingleValueDecoder: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let options: DecodeOptions

    func decodeNil() -> Bool { value.isNull }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try ValueDecoder.decode(type, value, path: codingPath, options) }
}
