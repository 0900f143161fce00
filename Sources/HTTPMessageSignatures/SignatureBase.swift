import RawStructuredFieldValues

/// The signature base of RFC 9421 §2.5: one line per covered component, `"name": value`, then
/// the `"@signature-params"` line; the bytes a signature signs.
enum SignatureBase {
    static func make(_ request: HTTPRequestParts, _ list: InnerList, _ parameters: SignatureParameters) throws(HTTPSignatureError) -> [UInt8] {
        var lines: [String] = []
        for name in parameters.components {
            let value = try Self.value(of: name, in: request)
            guard !value.contains(where: { $0 == "\n" || $0 == "\r" }) else {
                throw HTTPSignatureError(.malformed, "the component \"\(name)\" holds a line break")
            }
            lines.append("\"\(name)\": \(value)")
        }
        lines.append("\"@signature-params\": \(try serialize(list))")
        return Array(lines.joined(separator: "\n").utf8)
    }

    /// The value of a covered component of `request` (§2.1, §2.2).
    static func value(of name: String, in request: HTTPRequestParts) throws(HTTPSignatureError) -> String {
        let query = request.query.map { "?" + $0 } ?? ""
        switch name {
        case "@method": return request.method
        case "@authority": return request.authority
        case "@scheme": return request.scheme
        case "@path": return request.path
        case "@query": return request.query.map { "?" + $0 } ?? "?"
        case "@request-target": return request.path + query
        case "@target-uri": return "\(request.scheme)://\(request.authority)\(request.path)\(query)"
        default:
            let values = request.values(of: name)
            guard !values.isEmpty else {
                throw HTTPSignatureError(.missingComponent, "the signature covers the header field \(name), which the request does not have")
            }
            return values.joined(separator: ", ")
        }
    }

    /// The inner list as it appears after `label=` in a dictionary field.
    static func serialize(_ list: InnerList) throws(HTTPSignatureError) -> String {
        var members = OrderedMap<String, ItemOrInnerList>()
        members["s"] = .innerList(list)
        let text = try dictionaryField(members)
        return String(text.dropFirst(2))
    }

    static func dictionaryField(_ members: OrderedMap<String, ItemOrInnerList>) throws(HTTPSignatureError) -> String {
        var serializer = StructuredFieldValueSerializer()
        do { return String(decoding: try serializer.writeDictionaryFieldValue(members), as: UTF8.self) } catch {
            throw HTTPSignatureError(.malformed, "the signature fields cannot be written (\(error)): labels, key ids and tags are printable ASCII")
        }
    }

    static func parseDictionary(_ field: String, named name: String) throws(HTTPSignatureError) -> OrderedMap<String, ItemOrInnerList> {
        var parser = StructuredFieldValueParser(Array(field.utf8))
        do { return try parser.parseDictionaryFieldValue() } catch {
            throw HTTPSignatureError(.malformed, "the \(name) field is not a structured-field dictionary (RFC 8941)")
        }
    }
}
