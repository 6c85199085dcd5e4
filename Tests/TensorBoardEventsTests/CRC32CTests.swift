import Testing
@testable import TensorBoardEvents

@Suite struct CRC32CTests {
    @Test func checkValueOfTheDigitsOneToNine() {
        // The CRC-32C catalogue's check value for the ASCII string "123456789".
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test func iSCSITestVectorsFromRFC3720() {
        // RFC 3720, appendix B.4: 32 bytes of zeros, of 0xFF, ascending and descending.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).map { UInt8(31 - $0) }) == 0x113F_DB5C)
    }

    @Test func maskRotatesRightBy15AndAddsTheConstant() {
        // By hand: 0x00000001 rotated right by 15 is 0x00020000; + 0xA282EAD8 = 0xA284EAD8.
        #expect(CRC32C.masked(1) == 0xA284_EAD8)
        // 0x80000000 rotated right by 15 is 0x00010000; + 0xA282EAD8 = 0xA283EAD8.
        #expect(CRC32C.masked(0x8000_0000) == 0xA283_EAD8)
        // Wrapping addition: 0xFFFFFFFF rotates to itself; + 0xA282EAD8 wraps to 0xA282EAD7.
        #expect(CRC32C.masked(0xFFFF_FFFF) == 0xA282_EAD7)
    }
}
