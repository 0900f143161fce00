public import LedgerCrypto
import RawStructuredFieldValues

/// Signs requests as RFC 9421 says, with Ed25519 (§3.3.6).
public enum MessageSigner {
    /// The `Signature-Input` and `Signature` field values of a signature of `request` by `key`,
    /// under `label`, covering what `parameters` name.
    ///
    /// - Throws: `HTTPSignatureError` when a covered header field is missing or a value cannot
    ///   be written; `CryptoError` when signing fails.
    public static func sign(
        _ request: HTTPRequestParts, label: String, parameters: SignatureParameters, key: Ed25519PrivateKey
    ) throws -> (signatureInput: String, signature: String) {
        let list = parameters.innerList
        let base = try SignatureBase.make(request, list, parameters)
        let signature = try key.signature(for: base)
        var input = OrderedMap<String, ItemOrInnerList>()
        input[label] = .innerList(list)
        var value = OrderedMap<String, ItemOrInnerList>()
        value[label] = .item(Item(bareItem: RFC9651BareItem.undecodedByteSequence(Base64.encode(signature)), parameters: OrderedMap<String, RFC9651BareItem>()))
        return (try SignatureBase.dictionaryField(input), try SignatureBase.dictionaryField(value))
    }

    /// `request` with the two fields of ``sign(_:label:parameters:key:)`` added.
    public static func signed(
        _ request: HTTPRequestParts, label: String, parameters: SignatureParameters, key: Ed25519PrivateKey
    ) throws -> HTTPRequestParts {
        let fields = try sign(request, label: label, parameters: parameters, key: key)
        var signed = request
        signed.add("Signature-Input", fields.signatureInput)
        signed.add("Signature", fields.signature)
        return signed
    }
}
