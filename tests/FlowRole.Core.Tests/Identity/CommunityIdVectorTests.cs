using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Identity;
using Xunit;

namespace FlowRole.Tests.Identity;

public class CommunityIdVectorTests
{
    public sealed record Vector(string Source, ushort Seed, bool Base64, byte Protocol, string SourceAddress, string DestinationAddress, ushort? SourcePort, ushort? DestinationPort, string Expected);

    // Row number plus source, so each vector is its own test case (the README table rows share a source).
    public static TheoryData<int, string> VectorNames()
    {
        var data = new TheoryData<int, string>();
        List<Vector> vectors = LoadVectors();
        for (int i = 0; i < vectors.Count; i++)
        {
            data.Add(i + 1, vectors[i].Source);
        }

        return data;
    }

    [Fact]
    public void The_vector_file_holds_all_117_vectors()
    {
        List<Vector> vectors = LoadVectors();
        Assert.Equal(117, vectors.Count);
        Assert.Equal(69, vectors.Count(v => v.Source.StartsWith("baseline_", StringComparison.Ordinal)));
        Assert.Equal(48, vectors.Count(v => v.Source.StartsWith("baseline/README.md table", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Matches_vector(int row, string source)
    {
        Vector v = LoadVectors()[row - 1];
        Assert.Equal(source, v.Source);
        Assert.Equal(v.Expected, Hash(v.Seed, v.Base64, v.Protocol, v.SourceAddress, v.DestinationAddress, v.SourcePort, v.DestinationPort));
    }

    [Fact]
    public void All_117_vectors_pass()
    {
        // One count for the report, alongside the per-vector theory above.
        List<Vector> vectors = LoadVectors();
        int passing = vectors.Count(v => v.Expected == Hash(v.Seed, v.Base64, v.Protocol, v.SourceAddress, v.DestinationAddress, v.SourcePort, v.DestinationPort));
        Assert.Equal(117, passing);
    }

    [Theory]
    [InlineData("baseline_deflt.json", 0, true)]
    [InlineData("baseline_seed1.json", 1, true)]
    [InlineData("baseline_nob64.json", 0, false)]
    public void Matches_upstream_baseline_file(string file, ushort seed, bool base64)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(TestPaths.InShared("community-id", file)));
        int count = 0;
        foreach (JsonElement record in doc.RootElement.EnumerateArray())
        {
            ushort? sport = record.GetProperty("sport").ValueKind == JsonValueKind.Null ? null : record.GetProperty("sport").GetUInt16();
            ushort? dport = record.GetProperty("dport").ValueKind == JsonValueKind.Null ? null : record.GetProperty("dport").GetUInt16();
            string expected = record.GetProperty("communityid").GetString()!;
            string actual = Hash(seed, base64, record.GetProperty("proto").GetByte(), record.GetProperty("saddr").GetString()!, record.GetProperty("daddr").GetString()!, sport, dport);
            Assert.True(expected == actual, $"{file} record {count}: expected {expected}, got {actual}");
            count++;
        }

        Assert.Equal(23, count);
    }

    // Runs every entry point that must agree: FlowRecord and endpoint overloads, UTF-16 and UTF-8, string and span.
    private static string Hash(ushort seed, bool base64, byte protocol, string source, string destination, ushort? sourcePort, ushort? destinationPort)
    {
        var hasher = new CommunityId(seed);
        var flow = new FlowRecord(IpAddress.Parse(source), sourcePort ?? 0, IpAddress.Parse(destination), destinationPort ?? 0, (Transport)protocol);
        if (!base64)
        {
            Span<byte> digest = stackalloc byte[CommunityId.DigestLength];
            Assert.True(hasher.TryComputeDigest(flow.Source, flow.Destination, flow.Transport, digest));
            return "1:" + Convert.ToHexString(digest).ToLowerInvariant();
        }

        Span<char> chars = stackalloc char[CommunityId.TextLength];
        Assert.True(hasher.TryFormat(flow, chars, out int charsWritten));
        Assert.Equal(CommunityId.TextLength, charsWritten);
        string text = chars.ToString();

        Span<byte> utf8 = stackalloc byte[CommunityId.TextLength];
        Assert.True(hasher.TryFormat(flow, utf8, out int bytesWritten));
        Assert.Equal(text, Encoding.ASCII.GetString(utf8.Slice(0, bytesWritten)));

        Assert.True(hasher.TryFormat(flow.Source, flow.Destination, flow.Transport, chars, out _));
        Assert.Equal(text, chars.ToString());
        Assert.True(hasher.TryFormat(flow.Source, flow.Destination, flow.Transport, utf8, out _));
        Assert.Equal(text, Encoding.ASCII.GetString(utf8));
        Assert.Equal(text, hasher.Compute(flow));
        Assert.Equal(text, hasher.Compute(flow.Source, flow.Destination, flow.Transport));
        Assert.True(CommunityId.CanCompute(flow));

        // The text is the base64 of the digest.
        Span<byte> raw = stackalloc byte[CommunityId.DigestLength];
        Assert.True(hasher.TryComputeDigest(flow.Source, flow.Destination, flow.Transport, raw));
        Assert.Equal("1:" + Convert.ToBase64String(raw), text);
        return text;
    }

    private static List<Vector> LoadVectors()
    {
        string[] lines = File.ReadAllLines(TestPaths.InShared("community-id", "community_id_test_vectors.tsv"));
        Assert.Equal("source\tseed\tbase64\tproto\tsaddr\tdaddr\tsport\tdport\texpected\tcomment", lines[0]);
        var vectors = new List<Vector>();
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] f = line.Split('\t');
            vectors.Add(new Vector(
                f[0],
                ushort.Parse(f[1]),
                bool.Parse(f[2]),
                byte.Parse(f[3]),
                f[4],
                f[5],
                f[6].Length == 0 ? null : ushort.Parse(f[6]),
                f[7].Length == 0 ? null : ushort.Parse(f[7]),
                f[8]));
        }

        return vectors;
    }
}
