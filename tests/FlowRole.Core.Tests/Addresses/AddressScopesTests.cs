using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FlowRole.Addresses;
using Xunit;

namespace FlowRole.Tests.Addresses;

public class AddressScopesTests
{
    // How a registry row maps to a scope, written from the registries' words (not from the product's table).
    private enum Embedded
    {
        None,
        Low32, // the IPv4 address in the last 32 bits (IPv4-mapped, NAT64 well-known prefix)
        SixToFour, // the IPv4 address in bits 16-47
    }

    private sealed record Block(IpNetwork Network, AddressScope Scope, Embedded Embedded, string Origin);

    private static readonly Lazy<IReadOnlyList<Block>> AllBlocks = new(LoadBlocks);

    [Fact]
    public void Reads_every_row_of_both_registries_and_the_classification_table()
    {
        IReadOnlyList<Block> blocks = AllBlocks.Value;
        Assert.Equal(26, blocks.Count(b => b.Origin.StartsWith("ipv4-registry", StringComparison.Ordinal)));
        Assert.Equal(25, blocks.Count(b => b.Origin.StartsWith("ipv6-registry", StringComparison.Ordinal)));
        Assert.Equal(37, blocks.Count(b => b.Origin.StartsWith("classification", StringComparison.Ordinal)));

        // Where the registry and the classification table list the same block, their readings must agree.
        foreach (var group in blocks.GroupBy(b => b.Network))
        {
            Assert.True(group.Select(b => (b.Scope, b.Embedded)).Distinct().Count() == 1, "conflicting rows for " + group.Key);
        }
    }

    [Fact]
    public void Every_registry_block_is_classified_as_its_row_says()
    {
        IReadOnlyList<Block> blocks = AllBlocks.Value;
        var random = new Random(6890);
        int checkedAddresses = 0;
        foreach (Block block in blocks)
        {
            foreach (IpAddress sample in Samples(block.Network, random))
            {
                // A more specific row wins (192.0.0.9/32 inside 192.0.0.0/24, Teredo inside 2001::/23...).
                Block owner = blocks.Where(b => b.Network.BaseAddress.IsIPv4 == sample.IsIPv4 && b.Network.Contains(sample))
                    .OrderByDescending(b => b.Network.PrefixLength).First();
                AddressScope expected = ExpectedScope(owner, sample, blocks);
                Assert.True(expected == AddressScopes.Classify(sample), $"{sample} ({owner.Origin}, {owner.Network}): expected {expected}, got {AddressScopes.Classify(sample)}");
                checkedAddresses++;
            }
        }

        Assert.True(checkedAddresses > 400);
    }

    [Theory]
    [InlineData("8.8.8.8", AddressScope.Global)]
    [InlineData("1.1.1.1", AddressScope.Global)]
    [InlineData("100.64.0.1", AddressScope.SharedCgnat)]
    [InlineData("100.127.255.255", AddressScope.SharedCgnat)]
    [InlineData("100.128.0.0", AddressScope.Global)]
    [InlineData("192.0.2.1", AddressScope.Documentation)]
    [InlineData("fe80::1%eth0", AddressScope.LinkLocal)]
    [InlineData("fe80::1%3", AddressScope.LinkLocal)]
    [InlineData("::ffff:10.0.0.1", AddressScope.Private)]
    [InlineData("::ffff:8.8.8.8", AddressScope.Global)]
    [InlineData("::ffff:127.0.0.1", AddressScope.Loopback)]
    [InlineData("10.0.0.1", AddressScope.Private)]
    [InlineData("172.15.255.255", AddressScope.Global)]
    [InlineData("172.16.0.0", AddressScope.Private)]
    [InlineData("172.31.255.255", AddressScope.Private)]
    [InlineData("172.32.0.0", AddressScope.Global)]
    [InlineData("192.168.1.1", AddressScope.Private)]
    [InlineData("127.0.0.1", AddressScope.Loopback)]
    [InlineData("169.254.169.254", AddressScope.LinkLocal)]
    [InlineData("0.0.0.0", AddressScope.Unspecified)]
    [InlineData("0.1.2.3", AddressScope.Unspecified)]
    [InlineData("224.0.0.251", AddressScope.Multicast)]
    [InlineData("239.255.255.250", AddressScope.Multicast)]
    [InlineData("240.0.0.1", AddressScope.Reserved)]
    [InlineData("255.255.255.254", AddressScope.Reserved)]
    [InlineData("255.255.255.255", AddressScope.Broadcast)]
    [InlineData("192.0.0.9", AddressScope.Global)]
    [InlineData("192.0.0.11", AddressScope.Reserved)]
    [InlineData("192.88.99.1", AddressScope.Reserved)]
    [InlineData("198.18.0.1", AddressScope.Reserved)]
    [InlineData("198.20.0.0", AddressScope.Global)]
    [InlineData("::", AddressScope.Unspecified)]
    [InlineData("::1", AddressScope.Loopback)]
    [InlineData("::2", AddressScope.Reserved)]                  // IETF-reserved ::/8
    [InlineData("::1.2.3.4", AddressScope.Reserved)]            // deprecated IPv4-compatible
    [InlineData("2001:db8::1", AddressScope.Documentation)]
    [InlineData("3fff::1", AddressScope.Documentation)]
    [InlineData("3fff:fff::1", AddressScope.Documentation)]
    [InlineData("3fff:1000::1", AddressScope.Global)]
    [InlineData("2000::1", AddressScope.Global)]
    [InlineData("2606:4700::1111", AddressScope.Global)]
    [InlineData("3ffe:501:1800:2345::2", AddressScope.Global)]
    [InlineData("fd00::1", AddressScope.UniqueLocal)]
    [InlineData("fc00::1", AddressScope.UniqueLocal)]
    [InlineData("fec0::1", AddressScope.UniqueLocal)]           // deprecated site-local: still a private site
    [InlineData("fe00::1", AddressScope.Reserved)]
    [InlineData("febf:ffff::1", AddressScope.LinkLocal)]
    [InlineData("ff02::1", AddressScope.Multicast)]
    [InlineData("ff0e::1", AddressScope.Multicast)]
    [InlineData("4000::1", AddressScope.Reserved)]
    [InlineData("5f00::1", AddressScope.Reserved)]
    [InlineData("100::1", AddressScope.Reserved)]
    [InlineData("64:ff9b::8.8.8.8", AddressScope.Global)]       // NAT64: the peer is the embedded IPv4 host
    [InlineData("64:ff9b::10.0.0.1", AddressScope.Private)]
    [InlineData("64:ff9b::192.0.2.33", AddressScope.Documentation)]
    [InlineData("64:ff9b:1::1", AddressScope.Reserved)]
    [InlineData("2002:0808:0808::1", AddressScope.Global)]      // 6to4 site 8.8.8.8
    [InlineData("2002:c0a8:0101::1", AddressScope.Private)]     // 6to4 site 192.168.1.1
    [InlineData("2001::1", AddressScope.Global)]                // Teredo
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", AddressScope.Global)]
    [InlineData("2001:2::1", AddressScope.Reserved)]            // benchmarking
    [InlineData("2001:1::1", AddressScope.Global)]              // PCP anycast
    [InlineData("2001:1::4", AddressScope.Reserved)]
    [InlineData("2001:10::1", AddressScope.Reserved)]           // deprecated ORCHID
    [InlineData("2001:20::1", AddressScope.Global)]             // ORCHIDv2 (registry: globally reachable)
    [InlineData("2001:200::1", AddressScope.Global)]            // just past 2001::/23
    public void Spot_checks(string address, AddressScope expected)
    {
        Assert.Equal(expected, AddressScopes.Classify(IpAddress.Parse(address)));
    }

    [Fact]
    public void No_address_is_unknown()
    {
        Assert.Equal(AddressScope.Unknown, AddressScopes.Classify(default));
    }

    [Fact]
    public void Default_internal_scopes()
    {
        var internalScopes = new[] { AddressScope.Private, AddressScope.SharedCgnat, AddressScope.UniqueLocal, AddressScope.Loopback, AddressScope.LinkLocal };
        foreach (AddressScope scope in Enum.GetValues<AddressScope>())
        {
            Assert.Equal(internalScopes.Contains(scope), AddressScopes.IsInternalByDefault(scope));
        }
    }

    [Theory]
    // No internal networks configured: the scope decides.
    [InlineData("10.1.2.3", "", true)]
    [InlineData("100.64.0.1", "", true)]
    [InlineData("fd00::1", "", true)]
    [InlineData("127.0.0.1", "", true)]
    [InlineData("fe80::1", "", true)]
    [InlineData("::ffff:192.168.0.1", "", true)]
    [InlineData("8.8.8.8", "", false)]
    [InlineData("192.0.2.1", "", false)]
    [InlineData("240.0.0.1", "", false)]
    [InlineData("224.0.0.1", "", null)]
    [InlineData("ff02::1", "", null)]
    [InlineData("255.255.255.255", "", null)]
    [InlineData("0.0.0.0", "", null)]
    [InlineData("::", "", null)]
    // Configured: the set decides, plus loopback and link-local.
    [InlineData("10.1.2.3", "10.1.0.0/16", true)]
    [InlineData("10.2.0.1", "10.1.0.0/16", false)]
    [InlineData("100.64.0.1", "10.0.0.0/8", false)]
    [InlineData("8.8.8.8", "8.8.8.0/24", true)]
    [InlineData("::ffff:8.8.8.8", "8.8.8.0/24", true)]
    [InlineData("203.0.113.5", "203.0.113.0/24", true)]
    [InlineData("127.0.0.1", "10.0.0.0/8", true)]
    [InlineData("fe80::1%eth0", "10.0.0.0/8", true)]
    [InlineData("169.254.1.1", "10.0.0.0/8", true)]
    [InlineData("fd00::1", "10.0.0.0/8", false)]
    [InlineData("224.0.0.1", "224.0.0.0/4", null)]
    [InlineData("0.0.0.0", "0.0.0.0/0", null)]
    public void IsInternal(string address, string networks, bool? expected)
    {
        IpAddress ip = IpAddress.Parse(address);
        NetworkSet set = NetworkSet.Parse(networks);
        Assert.Equal(expected, AddressScopes.IsInternal(ip, AddressScopes.Classify(ip), set));
    }

    [Fact]
    public void IsInternal_is_null_for_no_address_and_treats_a_null_set_as_empty()
    {
        Assert.Null(AddressScopes.IsInternal(default, AddressScope.Unknown, NetworkSet.Empty));
        Assert.Null(AddressScopes.IsInternal(default, AddressScope.Private, NetworkSet.Empty));
        Assert.Equal(true, AddressScopes.IsInternal(IpAddress.Parse("10.0.0.1"), AddressScope.Private, null!));
    }

    [Theory]
    [InlineData(true, true, Direction.Internal)]
    [InlineData(true, false, Direction.Outbound)]
    [InlineData(false, true, Direction.Inbound)]
    [InlineData(false, false, Direction.External)]
    [InlineData(null, true, Direction.Unknown)]
    [InlineData(null, false, Direction.Unknown)]
    [InlineData(true, null, Direction.Unknown)]
    [InlineData(false, null, Direction.Unknown)]
    [InlineData(null, null, Direction.Unknown)]
    public void Direction_matrix(bool? clientInternal, bool? serverInternal, Direction expected)
    {
        Assert.Equal(expected, AddressScopes.DirectionOf(clientInternal, serverInternal));
    }

    [Theory]
    [InlineData("10.0.0.5", "8.8.8.8", Direction.Outbound)]
    [InlineData("8.8.8.8", "10.0.0.5", Direction.Inbound)]
    [InlineData("10.0.0.5", "192.168.1.1", Direction.Internal)]
    [InlineData("8.8.8.8", "1.1.1.1", Direction.External)]
    [InlineData("fd00::5", "2606:4700::1111", Direction.Outbound)]
    [InlineData("192.168.1.10", "224.0.0.251", Direction.Unknown)]
    [InlineData("0.0.0.0", "255.255.255.255", Direction.Unknown)]
    public void Direction_of_flows_with_default_scopes(string client, string server, Direction expected)
    {
        IpAddress c = IpAddress.Parse(client), s = IpAddress.Parse(server);
        bool? ci = AddressScopes.IsInternal(c, AddressScopes.Classify(c), NetworkSet.Empty);
        bool? si = AddressScopes.IsInternal(s, AddressScopes.Classify(s), NetworkSet.Empty);
        Assert.Equal(expected, AddressScopes.DirectionOf(ci, si));
    }

    private static AddressScope ExpectedScope(Block owner, IpAddress sample, IReadOnlyList<Block> blocks)
    {
        uint embedded;
        switch (owner.Embedded)
        {
            case Embedded.Low32:
                embedded = (uint)sample.Low;
                break;
            case Embedded.SixToFour:
                embedded = (uint)(sample.High >> 16);
                break;
            default:
                return owner.Scope;
        }

        // The embedded address is scoped by the IPv4 rows (most specific first; no row: global).
        IpAddress v4 = IpAddress.FromIPv4(embedded);
        Block? v4Owner = blocks.Where(b => b.Network.BaseAddress.IsIPv4 && b.Network.Contains(v4))
            .OrderByDescending(b => b.Network.PrefixLength).FirstOrDefault();
        return v4Owner?.Scope ?? AddressScope.Global;
    }

    private static IEnumerable<IpAddress> Samples(IpNetwork network, Random random)
    {
        IpAddress first = network.BaseAddress, last = network.LastAddress;
        yield return first;
        yield return last;
        for (int i = 0; i < 4; i++)
        {
            if (first.IsIPv4)
            {
                uint span = (uint)last.Low - (uint)first.Low;
                yield return IpAddress.FromIPv4((uint)first.Low + (uint)(random.NextInt64(0, (long)span + 1)));
            }
            else
            {
                Span<byte> bytes = stackalloc byte[16];
                random.NextBytes(bytes);
                ulong hi = BitConverter.ToUInt64(bytes), lo = BitConverter.ToUInt64(bytes.Slice(8));
                ulong hostHi = first.High ^ last.High, hostLo = first.Low ^ last.Low;
                yield return IpAddress.FromIPv6(first.High | (hi & hostHi), first.Low | (lo & hostLo));
            }
        }
    }

    private static IReadOnlyList<Block> LoadBlocks()
    {
        var blocks = new List<Block>();
        foreach (var (file, family) in new[] { ("iana-ipv4-special-registry-1.snapshot-2026-07-18.csv", "ipv4"), ("iana-ipv6-special-registry-1.snapshot-2026-07-18.csv", "ipv6") })
        {
            List<string[]> rows = ReadCsv(File.ReadAllText(TestPaths.InShared("iana", file)));
            Assert.Equal("Address Block", rows[0][0]);
            int reachableColumn = Array.IndexOf(rows[0], "Globally Reachable");
            for (int r = 1; r < rows.Count; r++)
            {
                string[] row = rows[r];
                string name = row[1], reachable = row[reachableColumn].Trim();
                (AddressScope scope, Embedded embedded) = FromRegistryRow(name, row[2], reachable);
                foreach (string cidr in row[0].Split(','))
                {
                    string clean = StripFootnote(cidr);
                    blocks.Add(new Block(IpNetwork.Parse(clean), scope, embedded, $"{family}-registry row {r}: {name}"));
                }
            }
        }

        string[] lines = File.ReadAllLines(TestPaths.InShared("iana", "ip_ranges_classification.tsv"));
        string[] header = lines[0].Split('\t');
        Assert.Equal(new[] { "cidr", "family", "category" }, header.Take(3));
        int reachableIndex = Array.IndexOf(header, "iana_globally_reachable");
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] f = line.Split('\t');
            (AddressScope scope, Embedded embedded) = FromCategory(f[2], f[reachableIndex]);
            blocks.Add(new Block(IpNetwork.Parse(f[0]), scope, embedded, "classification: " + f[2]));
        }

        return blocks;
    }

    private static (AddressScope, Embedded) FromRegistryRow(string name, string rfc, string globallyReachable)
    {
        if (name.Contains("Private-Use", StringComparison.Ordinal)) return (AddressScope.Private, Embedded.None);
        if (name.Contains("Shared Address Space", StringComparison.Ordinal)) return (AddressScope.SharedCgnat, Embedded.None);
        if (name.StartsWith("Loopback", StringComparison.Ordinal)) return (AddressScope.Loopback, Embedded.None);
        if (name.StartsWith("Link Local", StringComparison.Ordinal) || name.StartsWith("Link-Local", StringComparison.Ordinal)) return (AddressScope.LinkLocal, Embedded.None);
        if (name.StartsWith("Documentation", StringComparison.Ordinal)) return (AddressScope.Documentation, Embedded.None);
        if (name.Contains("This network", StringComparison.Ordinal) || name.Contains("This host", StringComparison.Ordinal) || name == "Unspecified Address") return (AddressScope.Unspecified, Embedded.None);
        if (name == "Limited Broadcast") return (AddressScope.Broadcast, Embedded.None);
        if (name == "Unique-Local") return (AddressScope.UniqueLocal, Embedded.None);
        if (name == "IPv4-mapped Address") return (AddressScope.Unknown, Embedded.Low32);
        if (name == "IPv4-IPv6 Translat." && rfc.Contains("RFC6052", StringComparison.Ordinal)) return (AddressScope.Unknown, Embedded.Low32);
        if (name == "6to4") return (AddressScope.Unknown, Embedded.SixToFour);
        if (name == "TEREDO") return (AddressScope.Global, Embedded.None); // reachability "N/A": a globally routed tunnel address

        // Everything else: the registry's own "Globally Reachable" column (deprecated rows have none: reserved).
        return (globallyReachable.StartsWith("True", StringComparison.Ordinal) ? AddressScope.Global : AddressScope.Reserved, Embedded.None);
    }

    private static (AddressScope, Embedded) FromCategory(string category, string globallyReachable)
    {
        if (category == "this-network" || category == "unspecified") return (AddressScope.Unspecified, Embedded.None);
        if (category.StartsWith("private", StringComparison.Ordinal)) return (AddressScope.Private, Embedded.None);
        if (category.StartsWith("shared address space", StringComparison.Ordinal)) return (AddressScope.SharedCgnat, Embedded.None);
        if (category == "loopback") return (AddressScope.Loopback, Embedded.None);
        if (category.StartsWith("link-local", StringComparison.Ordinal)) return (AddressScope.LinkLocal, Embedded.None);
        if (category.StartsWith("documentation", StringComparison.Ordinal)) return (AddressScope.Documentation, Embedded.None);
        if (category == "multicast") return (AddressScope.Multicast, Embedded.None);
        if (category == "limited broadcast") return (AddressScope.Broadcast, Embedded.None);
        if (category.StartsWith("unique local", StringComparison.Ordinal)) return (AddressScope.UniqueLocal, Embedded.None);
        if (category == "site-local (deprecated)") return (AddressScope.UniqueLocal, Embedded.None); // "still treat as internal"
        if (category == "IPv4-mapped" || category == "NAT64 well-known prefix") return (AddressScope.Unknown, Embedded.Low32);
        if (category == "6to4") return (AddressScope.Unknown, Embedded.SixToFour);
        if (category == "Teredo") return (AddressScope.Global, Embedded.None);
        return (globallyReachable.StartsWith("True", StringComparison.Ordinal) ? AddressScope.Global : AddressScope.Reserved, Embedded.None);
    }

    private static string StripFootnote(string cidr)
    {
        string s = cidr.Trim();
        int bracket = s.IndexOf(" [", StringComparison.Ordinal);
        return bracket >= 0 ? s.Substring(0, bracket) : s;
    }

    // RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
    private static List<string[]> ReadCsv(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                rows.Add(fields.ToArray());
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add(fields.ToArray());
        }

        return rows;
    }
}
