using System;
using System.Buffers.Binary;

namespace FlowRole.Identity;

/// <summary>
/// SHA-1 (FIPS 180-4) over spans, for netstandard2.0, whose crypto API only hashes arrays. Used for Community ID,
/// where SHA-1 is a fingerprint, not a security boundary. Allocation-free; compiled on every target so tests check it
/// against the platform implementation.
/// </summary>
internal static class Sha1
{
    /// <summary>Digest size in bytes.</summary>
    public const int HashSize = 20;

    /// <summary>Hashes <paramref name="data"/> into the first 20 bytes of <paramref name="destination"/>.</summary>
    public static void HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashSize)
        {
            throw new ArgumentException("SHA-1 writes 20 bytes.", nameof(destination));
        }

        Span<uint> state = stackalloc uint[5] { 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0 };
        Span<uint> schedule = stackalloc uint[80];
        Span<byte> tail = stackalloc byte[128];

        int whole = data.Length & ~63;
        for (int offset = 0; offset < whole; offset += 64)
        {
            Compress(state, schedule, data.Slice(offset, 64));
        }

        // Padding: 0x80, zeros, then the bit length as a 64-bit big-endian number, to a multiple of 64 bytes.
        int rest = data.Length - whole;
        tail.Clear();
        data.Slice(whole).CopyTo(tail);
        tail[rest] = 0x80;
        int tailLength = rest + 9 <= 64 ? 64 : 128;
        BinaryPrimitives.WriteUInt64BigEndian(tail.Slice(tailLength - 8), (ulong)data.Length * 8);
        for (int offset = 0; offset < tailLength; offset += 64)
        {
            Compress(state, schedule, tail.Slice(offset, 64));
        }

        for (int i = 0; i < 5; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(i * 4), state[i]);
        }
    }

    private static void Compress(Span<uint> state, Span<uint> w, ReadOnlySpan<byte> block)
    {
        for (int t = 0; t < 16; t++)
        {
            w[t] = BinaryPrimitives.ReadUInt32BigEndian(block.Slice(t * 4));
        }

        for (int t = 16; t < 80; t++)
        {
            w[t] = Rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        }

        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
        for (int t = 0; t < 80; t++)
        {
            uint f, k;
            if (t < 20)
            {
                f = (b & c) | (~b & d);
                k = 0x5A827999;
            }
            else if (t < 40)
            {
                f = b ^ c ^ d;
                k = 0x6ED9EBA1;
            }
            else if (t < 60)
            {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8F1BBCDC;
            }
            else
            {
                f = b ^ c ^ d;
                k = 0xCA62C1D6;
            }

            uint temp = Rotl(a, 5) + f + e + k + w[t];
            e = d;
            d = c;
            c = Rotl(b, 30);
            b = a;
            a = temp;
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
    }

    private static uint Rotl(uint x, int n) => (x << n) | (x >> (32 - n));
}
