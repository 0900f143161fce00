import LedgerCrypto
import Testing

@Suite("Base64 and hex")
struct EncodingTests {
    // RFC 4648 §10 test vectors.
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test func allByteValuesRoundTrip() {
        for length in 0..<70 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + length) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
        let every = (0...255).map { UInt8($0) }
        #expect(Base64.decode(Base64.encode(every)) == every)
    }

    @Test(arguments: [
        "Zg",          // missing padding
        "Zg=",         // short padding
        "Zg===",       // too much padding
        "Z===",        // three pad characters
        "====",        // padding only
        "Zh==",        // non-zero pad bits (canonical is Zg==)
        "Zm9=",        // non-zero pad bits (canonical is Zm8=)
        "Zm 9v",       // space
        "Zm9v\n",      // newline
        " Zm9v",       // leading space
        "Zm9v\r\n",    // CRLF
        "Zg==Zg==",    // padding in the middle
        "Z=g=",        // padding then data
        "Zm9-",        // URL-safe alphabet
        "Zm9_",        // URL-safe alphabet
        "Zm9v!",       // other character
        "Zm9vé===",     // non-ASCII
    ])
    func strictDecodingRejects(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test func hex() {
        #expect(Hex.encode([]) == "")
        #expect(Hex.encode([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
        #expect(Hex.decode("000fa5ff") == [0x00, 0x0f, 0xa5, 0xff])
        #expect(Hex.decode("000FA5FF") == [0x00, 0x0f, 0xa5, 0xff])
        #expect(Hex.decode("") == [])
        #expect(Hex.decode("0") == nil)
        #expect(Hex.decode("0g") == nil)
        #expect(Hex.decode(" 00") == nil)
        #expect(Hex.decode("0x00") == nil)
    }
}
