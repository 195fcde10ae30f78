using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Identity;
using Xunit;

namespace FlowRole.Tests.Identity;

/// <summary>The batch (multi-buffer SIMD) Community ID path gives exactly the scalar path's bytes.</summary>
public class CommunityIdBatchTests
{
    private static readonly Transport[] Transports =
    {
        Transport.Tcp, Transport.Udp, Transport.Sctp, Transport.Icmp, Transport.IcmpV6, Transport.Unknown,
        (Transport)0, (Transport)47, (Transport)50, (Transport)136, (Transport)254,
    };

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    public void The_SSSE3_base64_writes_the_scalar_text_for_every_lane(int lanes)
    {
        if (!System.Runtime.Intrinsics.X86.Ssse3.IsSupported)
        {
            return; // the scalar path is the only one there (and is what every other test checks)
        }

        // Random digests, plus the all-zero and all-ones words that reach the table's first and last entries.
        var random = new Random(lanes);
        for (int round = 0; round < 500; round++)
        {
            uint[] state = new uint[5 * lanes];
            for (int w = 0; w < state.Length; w++)
            {
                state[w] = round switch { 0 => 0u, 1 => uint.MaxValue, _ => (uint)random.NextInt64(0, 1L << 32) };
            }

            for (int lane = 0; lane < lanes; lane++)
            {
                byte[] expected = new byte[CommunityId.TextLength], actual = new byte[CommunityId.TextLength];
                CommunityId.WriteTextScalar(state, lane, lanes, expected);
                CommunityId.WriteTextSsse3(state, lane, lanes, actual);
                Assert.Equal(Encoding.ASCII.GetString(expected), Encoding.ASCII.GetString(actual));
            }
        }
    }

    [Fact]
    public void Every_vector_matches_through_the_batch_path()
    {
        // The 117 spec vectors, grouped by seed (one hasher per seed), each placed at every lane position in turn.
        string[] lines = File.ReadAllLines(TestPaths.InShared("community-id", "community_id_test_vectors.tsv"));
        var vectors = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        Assert.Equal(117, vectors.Count);
        int checkedCount = 0;
        foreach (var group in vectors.GroupBy(f => ushort.Parse(f[1])))
        {
            var hasher = new CommunityId(group.Key);
            var flows = new List<FlowRecord>();
            var expected = new List<string>();
            foreach (string[] f in group)
            {
                flows.Add(new FlowRecord(IpAddress.Parse(f[4]), f[6].Length == 0 ? (ushort)0 : ushort.Parse(f[6]), IpAddress.Parse(f[5]),
                    f[7].Length == 0 ? (ushort)0 : ushort.Parse(f[7]), (Transport)byte.Parse(f[3])));

                // The no-base64 vectors give the digest as hex: the text form is its base64.
                expected.Add(bool.Parse(f[2]) ? f[8] : "1:" + Convert.ToBase64String(Convert.FromHexString(f[8].Substring(2))));
            }

            for (int shift = 0; shift < 17; shift++)
            {
                FlowRecord[] rotated = flows.Skip(shift % flows.Count).Concat(flows.Take(shift % flows.Count)).ToArray();
                string[] ids = Batch(hasher, rotated);
                for (int i = 0; i < rotated.Length; i++)
                {
                    Assert.Equal(expected[(i + shift) % flows.Count], ids[i]);
                    checkedCount++;
                }
            }
        }

        Assert.Equal(117 * 17, checkedCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(63)] // around the hash batches of 8 groups (32, 64 or 128 flows, by lane width)
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(127)]
    [InlineData(129)]
    [InlineData(1000)]
    public void Random_flows_match_the_scalar_path(int count)
    {
        var random = new Random(1000 + count);
        foreach (ushort seed in new ushort[] { 0, 1, 65535 })
        {
            var hasher = new CommunityId(seed);
            FlowRecord[] flows = Enumerable.Range(0, count).Select(_ => RandomFlow(random)).ToArray();
            string[] ids = Batch(hasher, flows);
            for (int i = 0; i < flows.Length; i++)
            {
                Assert.Equal(hasher.Compute(flows[i]), ids[i]);
            }
        }
    }

    [Fact]
    public void Unhashable_flows_get_length_zero_and_leave_their_bytes_alone()
    {
        var hasher = new CommunityId();
        FlowRecord[] flows =
        {
            new(IpAddress.Parse("10.0.0.1"), 1, IpAddress.Parse("10.0.0.2"), 2, Transport.Tcp),
            new(IpAddress.Parse("10.0.0.1"), 1, IpAddress.Parse("2001:db8::1"), 2, Transport.Tcp),
            new(default, 1, IpAddress.Parse("10.0.0.2"), 2, Transport.Udp),
            new(IpAddress.Parse("10.0.0.1"), 1, IpAddress.Parse("10.0.0.2"), 2, Transport.Unknown),
            new(IpAddress.Parse("2001:db8::1"), 1, IpAddress.Parse("2001:db8::2"), 2, Transport.Udp),
        };
        byte[] text = Enumerable.Repeat((byte)'#', flows.Length * CommunityId.TextLength).ToArray();
        int[] lengths = new int[flows.Length];
        hasher.Format(flows, text, lengths);
        Assert.Equal(new[] { CommunityId.TextLength, 0, 0, 0, CommunityId.TextLength }, lengths);
        for (int i = 1; i <= 3; i++)
        {
            Assert.All(text.AsSpan(i * CommunityId.TextLength, CommunityId.TextLength).ToArray(), b => Assert.Equal((byte)'#', b));
        }

        Assert.Equal(hasher.Compute(flows[4]), Encoding.ASCII.GetString(text, 4 * CommunityId.TextLength, CommunityId.TextLength));
    }

    [Fact]
    public void Short_outputs_are_refused()
    {
        var hasher = new CommunityId();
        var flows = new FlowRecord[2];
        Assert.Throws<ArgumentException>(() => hasher.Format(flows, new byte[(2 * CommunityId.TextLength) - 1], new int[2]));
        Assert.Throws<ArgumentException>(() => hasher.Format(flows, new byte[2 * CommunityId.TextLength], new int[1]));
    }

    [Fact]
    public void Format_allocates_nothing()
    {
        var hasher = new CommunityId(3);
        var random = new Random(5);
        FlowRecord[] flows = Enumerable.Range(0, 100).Select(_ => RandomFlow(random)).ToArray();
        byte[] text = new byte[flows.Length * CommunityId.TextLength];
        int[] lengths = new int[flows.Length];
        hasher.Format(flows, text, lengths); // warm up

        long least = long.MaxValue;
        for (int attempt = 0; attempt < 5 && least > 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 0; round < 100; round++)
            {
                hasher.Format(flows, text, lengths);
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    public void Every_lane_width_matches_the_platform_sha1(int lanes)
    {
        // One-block messages of every length that pads to one block (0-55 bytes), at every lane position; widths the
        // hardware lacks still run (the vector types fall back to software), so each width is checked everywhere.
        var random = new Random(lanes);
        for (int round = 0; round < 8; round++)
        {
            var messages = new byte[lanes][];
            uint[] words = new uint[16 * lanes];
            for (int lane = 0; lane < lanes; lane++)
            {
                messages[lane] = new byte[random.Next(0, 56)];
                random.NextBytes(messages[lane]);
                byte[] block = new byte[64];
                messages[lane].CopyTo(block, 0);
                block[messages[lane].Length] = 0x80;
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(block.AsSpan(56), (ulong)messages[lane].Length * 8);
                for (int t = 0; t < 16; t++)
                {
                    words[(t * lanes) + lane] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(t * 4));
                }
            }

            uint[] state = new uint[5 * lanes];
            Sha1Lanes.Hash(lanes, ref words[0], ref state[0]);
            for (int lane = 0; lane < lanes; lane++)
            {
                byte[] digest = new byte[20];
                for (int k = 0; k < 5; k++)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(k * 4), state[(k * lanes) + lane]);
                }

                Assert.Equal(SHA1.HashData(messages[lane]), digest);
            }
        }
    }

    private static string[] Batch(CommunityId hasher, FlowRecord[] flows)
    {
        byte[] text = new byte[flows.Length * CommunityId.TextLength];
        int[] lengths = new int[flows.Length];
        hasher.Format(flows, text, lengths);
        return Enumerable.Range(0, flows.Length)
            .Select(i => Encoding.ASCII.GetString(text, i * CommunityId.TextLength, lengths[i]))
            .ToArray();
    }

    private static FlowRecord RandomFlow(Random random)
    {
        IpAddress Address(int family) => family switch
        {
            0 => IpAddress.FromIPv4((uint)random.Next() ^ ((uint)random.Next(4) << 30)),
            1 => IpAddress.FromIPv6(((ulong)(uint)random.Next() << 32) | (uint)random.Next(), ((ulong)(uint)random.Next() << 32) | (uint)random.Next()),
            2 => IpAddress.FromIPv6(0, 0x0000_FFFF_0000_0000UL | (uint)random.Next()), // IPv4-mapped
            3 => IpAddress.FromIPv4(0x0A000000u | (uint)random.Next(4)), // few hosts: equal addresses happen
            _ => default,
        };

        int family = random.Next(10) switch { < 4 => 0, < 7 => 1, < 8 => 2, < 9 => 3, _ => random.Next(5) };
        int other = random.Next(8) == 0 ? random.Next(5) : family == 2 ? 0 : family;
        Transport transport = Transports[random.Next(Transports.Length)];
        ushort Port() => random.Next(3) switch
        {
            0 => (ushort)random.Next(0, 256), // ICMP types and codes, well-known ports
            1 => (ushort)random.Next(0, 65536),
            _ => (ushort)new[] { 0, 8, 128, 129, 135, 136, 53, 443 }[random.Next(8)],
        };

        ushort sourcePort = Port();
        ushort destinationPort = random.Next(6) == 0 ? sourcePort : Port();
        return new FlowRecord(Address(family), sourcePort, Address(other), destinationPort, transport);
    }
}
