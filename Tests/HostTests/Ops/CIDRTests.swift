import Host
import Testing

/// `CIDR` and `CIDR.Address`: IPv4 and IPv6 parsing, canonical text, matching, mapped addresses.
@Suite struct CIDRTests {
    @Test(arguments: [
        ("127.0.0.1", "127.0.0.1"), ("0.0.0.0", "0.0.0.0"), ("255.255.255.255", "255.255.255.255"),
        ("::1", "::1"), ("::", "::"), ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"), ("2001:db8::0:1", "2001:db8::1"),
        ("fe80:0:0:1:0:0:0:1", "fe80:0:0:1::1"), ("fe80:0:0:0:1:0:0:1", "fe80::1:0:0:1"), ("1:0:2:0:0:3:0:0", "1:0:2::3:0:0"),
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"), ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
        ("::ffff:127.0.0.1", "127.0.0.1"), ("::FFFF:7f00:1", "127.0.0.1"), ("64:ff9b::10.0.0.1", "64:ff9b::a00:1"),
    ])
    func parsesAddressesIntoTheirCanonicalText(_ text: String, _ canonical: String) throws {
        let address = try #require(CIDR.Address(parsing: text))
        #expect(address.description == canonical)
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "01.2.3.4", "256.0.0.1", "1.2.3.-4", "1.2.3.4 ", "a.b.c.d", ":::", "1::2::3",
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::1", "+1::", "::1%eth0", "[::1]", "1:2:3:4:5:6:7:8::",
        "::1.2.3.4:5", "1.2.3.4::", "localhost",
    ])
    func refusesAnythingElse(_ text: String) {
        #expect(CIDR.Address(parsing: text) == nil)
    }

    @Test func anAddressWithoutAPrefixIsOneHost() throws {
        #expect(try CIDR(parsing: "10.1.2.3").description == "10.1.2.3/32")
        #expect(try CIDR(parsing: "::1").description == "::1/128")
    }

    @Test func matchesAddressesInsideThePrefixOnly() throws {
        let network = try CIDR(parsing: "10.0.0.0/8")
        #expect(network.contains(CIDR.Address(parsing: "10.255.1.2")!))
        #expect(!network.contains(CIDR.Address(parsing: "11.0.0.0")!))
        #expect(!network.contains(CIDR.Address(parsing: "::a00:1")!))
        let v6 = try CIDR(parsing: "2001:db8::/32")
        #expect(v6.contains(CIDR.Address(parsing: "2001:db8:ffff::1")!))
        #expect(!v6.contains(CIDR.Address(parsing: "2001:db9::1")!))
        #expect(!v6.contains(CIDR.Address(parsing: "10.0.0.1")!))
        #expect(try CIDR(parsing: "0.0.0.0/0").contains(CIDR.Address(parsing: "8.8.8.8")!))
        #expect(try CIDR(parsing: "10.0.0.0/12").contains(CIDR.Address(parsing: "10.15.255.255")!))
        #expect(try !CIDR(parsing: "10.0.0.0/12").contains(CIDR.Address(parsing: "10.16.0.0")!))
    }

    @Test func mappedIPv6AddressesCompareAsIPv4() throws {
        let loopback = try #require(CIDR.Address(parsing: "::ffff:127.0.0.1"))
        #expect(loopback == CIDR.Address(parsing: "127.0.0.1"))
        #expect(CIDR.any(CIDR.loopback, contains: loopback))
        #expect(try CIDR(parsing: "::ffff:10.0.0.0/104").description == "10.0.0.0/8")
        #expect(try CIDR(parsing: "::/0").contains(CIDR.Address(parsing: "10.0.0.1")!))
        #expect(try !CIDR(parsing: "::1/128").contains(CIDR.Address(parsing: "127.0.0.1")!))
    }

    @Test func theDefaultAllowlistIsLoopback() {
        #expect(CIDR.loopback.map(\.description) == ["127.0.0.1/32", "::1/128"])
    }

    @Test(arguments: [
        ("10.0.0.300/8", "'10.0.0.300/8' is not a valid CIDR: '10.0.0.300' is not an IPv4 or IPv6 address"),
        ("10.0.0.0/33", "'10.0.0.0/33' is not a valid CIDR: the prefix length must be 0…32 for IPv4, got '33'"),
        ("::/129", "'::/129' is not a valid CIDR: the prefix length must be 0…128 for IPv6, got '129'"),
        ("10.0.0.0/08", "'10.0.0.0/08' is not a valid CIDR: the prefix length must be 0…32 for IPv4, got '08'"),
        ("10.0.0.0/", "'10.0.0.0/' is not a valid CIDR: the prefix length must be 0…32 for IPv4, got ''"),
        ("10.0.0.1/8", "'10.0.0.1/8' is not a valid CIDR: host bits are set beyond the /8 prefix; write '10.0.0.0/8'"),
        ("2001:db8::1/32",
         "'2001:db8::1/32' is not a valid CIDR: host bits are set beyond the /32 prefix; write '2001:db8::/32'"),
    ])
    func explainsWhatIsWrongWithABadCIDR(_ text: String, _ message: String) {
        #expect(throws: CIDR.ParseError.self) { try CIDR(parsing: text) }
        do {
            _ = try CIDR(parsing: text)
        } catch {
            #expect(error.description == message)
        }
    }
}
