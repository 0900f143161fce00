/// RFC 8785 §3.2.3 member order: names compared as arrays of UTF-16 code units.
///
/// Works on the UTF-8 bytes directly. UTF-8 byte order equals code-point order, and that equals
/// UTF-16 order except in one case: a BMP scalar at U+E000...U+FFFF (UTF-8 lead 0xEE/0xEF) sorts
/// *after* a supplementary scalar (lead 0xF0...0xF4, which UTF-16 writes as surrogates
/// 0xD800...0xDFFF). So the first differing bytes decide, with that one case flipped.
enum UTF16Order {
    /// Whether `lhs` sorts strictly before `rhs`.
    static func less(_ lhs: String, _ rhs: String) -> Bool {
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil):
                return false
            case (nil, _):
                return true
            case (_, nil):
                return false
            case (let leftByte?, let rightByte?):
                if leftByte != rightByte {
                    return lessAtFirstDifference(leftByte, rightByte)
                }
            }
        }
    }

    /// At the first differing byte of two valid UTF-8 strings with a common prefix. If one byte
    /// is a continuation byte, both are (the shared lead fixed the length), and byte order is
    /// right. Otherwise both are lead bytes of the differing scalars.
    private static func lessAtFirstDifference(_ left: UInt8, _ right: UInt8) -> Bool {
        let leftIsHighBMP = left == 0xEE || left == 0xEF
        let rightIsHighBMP = right == 0xEE || right == 0xEF
        if leftIsHighBMP && right >= 0xF0 { return false }
        if rightIsHighBMP && left >= 0xF0 { return true }
        return left < right
    }
}
