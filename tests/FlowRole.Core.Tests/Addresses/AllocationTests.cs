using System;
using System.Text;
using FlowRole.Addresses;
using Xunit;

namespace FlowRole.Tests.Addresses;

public class AllocationTests
{
    private static readonly string[] Texts =
    {
        "10.1.2.3", "255.255.255.255", "2001:db8::1", "fe80::1%eth0", "[fe80::1%12]", "::ffff:192.168.1.1",
        "1:2:3:4:5:6:7:8", "::", "bad", "1.2.3.256", "1::2::3",
    };

    [Fact]
    public void Parse_format_scope_and_contains_allocate_nothing()
    {
        byte[][] utf8 = Array.ConvertAll(Texts, t => Encoding.UTF8.GetBytes(t));
        NetworkSet set = NetworkSet.Parse("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fd00::/8,100.64.0.0/10,2001:db8::/32");
        IpNetwork block = IpNetwork.Parse("2001:db8::/32");
        char[] chars = new char[IpAddress.MaxFormattedLength];
        byte[] bytes = new byte[IpAddress.MaxFormattedLength];
        byte[] raw = new byte[16];

        void Work()
        {
            for (int i = 0; i < Texts.Length; i++)
            {
                IpAddress.TryParse(Texts[i].AsSpan(), out IpAddress a);
                IpAddress.TryParse(utf8[i], out IpAddress b);
                IpNetwork.TryParse(Texts[i].AsSpan(), out _);
                a.TryFormat(chars, out _);
                b.TryFormat(bytes, out _);
                a.WriteBytes(raw);
                AddressScope scope = AddressScopes.Classify(a);
                bool? inside = AddressScopes.IsInternal(a, scope, set);
                AddressScopes.IsInternal(a, scope, NetworkSet.Empty);
                AddressScopes.DirectionOf(inside, true);
                block.Contains(b);
                a.TryGetEmbeddedIPv4(out _);
            }
        }

        Work(); // warm up (type initialisers, tiering)

        // A real per-call allocation shows in every attempt; a one-off by the runtime or the test host does not.
        long least = long.MaxValue;
        for (int attempt = 0; attempt < 5 && least > 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 0; round < 1000; round++)
            {
                Work();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
    }
}
