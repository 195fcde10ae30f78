using System;
using System.Security.Cryptography;
using System.Text;
using FlowRole.Identity;
using Xunit;

namespace FlowRole.Tests.Identity;

public class Sha1Tests
{
    [Theory]
    // FIPS 180 examples.
    [InlineData("", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("abc", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1")]
    public void Known_answers(string text, string hex)
    {
        Span<byte> digest = stackalloc byte[20];
        Sha1.HashData(Encoding.ASCII.GetBytes(text), digest);
        Assert.Equal(hex, Convert.ToHexString(digest).ToLowerInvariant());
    }

    [Fact]
    public void Million_a()
    {
        Span<byte> digest = stackalloc byte[20];
        Sha1.HashData(Encoding.ASCII.GetBytes(new string('a', 1_000_000)), digest);
        Assert.Equal("34aa973cd4c4daa4f61eeb2bdbad27316534016f", Convert.ToHexString(digest).ToLowerInvariant());
    }

    [Fact]
    public void Matches_the_platform_at_every_length_around_the_block_edges()
    {
        var random = new Random(3174);
        Span<byte> ours = stackalloc byte[20];
        for (int length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Sha1.HashData(data, ours);
            Assert.True(SHA1.HashData(data).AsSpan().SequenceEqual(ours), "length " + length);
        }
    }

    [Fact]
    public void Rejects_a_short_destination()
    {
        Assert.Throws<ArgumentException>(() => Sha1.HashData(new byte[1], new byte[19]));
    }
}
