import CanonicalJSON
import Testing

@Suite("Performance (prints, does not assert timings)")
struct PerformanceTests {
    /// A journal entry of about 500 bytes, in canonical form as the verifier sees it.
    static let entry: String = """
        {"amounts":[{"account":"2100-restricted-grants","currency":"EUR","direction":"credit","minor":"125000"},\
        {"account":"1010-bank-eur","currency":"EUR","direction":"debit","minor":"125000"}],\
        "approvals":[{"key":"ed25519:6f1c2a9b","role":"treasurer"},{"key":"ed25519:0b77d3e1","role":"chair"}],\
        "effective":"2025-03-31","entryId":"01JQ8Z6Y3J0K8W4T2M9R5VXCQH","kind":"grant.disbursement",\
        "memo":"Tranche 2 of 3, Fondation Éducation pour tous — programme 7","prev":"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",\
        "recordedAt":"2025-04-01T09:14:07Z","seq":48213,"version":1}
        """

    @Test func parseAndEncodeTiming() throws {
        let bytes = Array(Self.entry.utf8)
        let canonical = try JSONCanonicalizer.canonicalBytes(try JSONParser.parse(bytes))
        #expect(canonical == bytes, "the sample entry is meant to be canonical already")

        let iterations = 20_000
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1024)
        var checksum = 0
        let clock = ContinuousClock()
        // Warm up.
        for _ in 0..<1_000 {
            buffer.removeAll(keepingCapacity: true)
            try JSONCanonicalizer.write(try JSONParser.parse(bytes), into: &buffer)
        }
        let both = try clock.measure {
            for _ in 0..<iterations {
                buffer.removeAll(keepingCapacity: true)
                try JSONCanonicalizer.write(try JSONParser.parse(bytes), into: &buffer)
                checksum &+= buffer.count
            }
        }
        let value = try JSONParser.parse(bytes)
        let parseOnly = try clock.measure {
            for _ in 0..<iterations {
                checksum &+= try JSONParser.parse(bytes).objectValue?.count ?? 0
            }
        }
        let encodeOnly = try clock.measure {
            for _ in 0..<iterations {
                buffer.removeAll(keepingCapacity: true)
                try JSONCanonicalizer.write(value, into: &buffer)
                checksum &+= buffer.count
            }
        }
        func perOp(_ duration: Duration) -> String {
            let nanos =
                Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds)
                / 1e9
            return String(Int((nanos / Double(iterations)).rounded())) + " ns"
        }
        print(
            """
            CanonicalJSON timing, \(bytes.count)-byte entry, \(iterations) iterations: \
            parse+encode \(perOp(both)), parse \(perOp(parseOnly)), encode \(perOp(encodeOnly)) \
            (checksum \(checksum))
            """)
        #expect(checksum > 0)
    }
}
