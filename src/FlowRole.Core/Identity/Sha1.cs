using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace FlowRole.Identity;

/// <summary>
/// SHA-1 (FIPS 180-4) over spans, for netstandard2.0, whose crypto API only hashes arrays. Used for Community ID,
/// where SHA-1 is a fingerprint, not a security boundary. Allocation-free; compiled on every target so tests check it
/// against the platform implementation.
/// </summary>
[SkipLocalsInit] // The schedule and padding buffers are written before they are read: no need to zero them per call.
internal static unsafe class Sha1
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

        var state = new State(0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0);
        uint* schedule = stackalloc uint[80];

        int whole = data.Length & ~63;
        for (int offset = 0; offset < whole; offset += 64)
        {
            Compress(ref state, schedule, data.Slice(offset, 64));
        }

        // Padding: 0x80, zeros, then the bit length as a 64-bit big-endian number, to a multiple of 64 bytes.
        Span<byte> tail = stackalloc byte[128];
        int rest = data.Length - whole;
        int tailLength = rest + 9 <= 64 ? 64 : 128;
        tail.Slice(0, tailLength).Clear();
        data.Slice(whole).CopyTo(tail);
        tail[rest] = 0x80;
        BinaryPrimitives.WriteUInt64BigEndian(tail.Slice(tailLength - 8), (ulong)data.Length * 8);
        for (int offset = 0; offset < tailLength; offset += 64)
        {
            Compress(ref state, schedule, tail.Slice(offset, 64));
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination, state.A);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4), state.B);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(8), state.C);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(12), state.D);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(16), state.E);
    }

    // Pointers, not spans, for the schedule: the 80-word loops are the whole cost, and bounds checks doubled it.
    private static void Compress(ref State state, uint* w, ReadOnlySpan<byte> block)
    {
        fixed (byte* bytes = block)
        {
            for (int t = 0; t < 16; t++)
            {
                byte* p = bytes + (t * 4);
                w[t] = ((uint)p[0] << 24) | ((uint)p[1] << 16) | ((uint)p[2] << 8) | p[3];
            }
        }

        for (int t = 16; t < 80; t++)
        {
            w[t] = Rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        }

        uint a = state.A, b = state.B, c = state.C, d = state.D, e = state.E, temp;

        // Four rounds of twenty steps, each with its own function and constant.
        for (int t = 0; t < 20; t++)
        {
            temp = Rotl(a, 5) + ((b & c) | (~b & d)) + e + 0x5A827999 + w[t];
            e = d;
            d = c;
            c = Rotl(b, 30);
            b = a;
            a = temp;
        }

        for (int t = 20; t < 40; t++)
        {
            temp = Rotl(a, 5) + (b ^ c ^ d) + e + 0x6ED9EBA1 + w[t];
            e = d;
            d = c;
            c = Rotl(b, 30);
            b = a;
            a = temp;
        }

        for (int t = 40; t < 60; t++)
        {
            temp = Rotl(a, 5) + ((b & c) | (b & d) | (c & d)) + e + 0x8F1BBCDC + w[t];
            e = d;
            d = c;
            c = Rotl(b, 30);
            b = a;
            a = temp;
        }

        for (int t = 60; t < 80; t++)
        {
            temp = Rotl(a, 5) + (b ^ c ^ d) + e + 0xCA62C1D6 + w[t];
            e = d;
            d = c;
            c = Rotl(b, 30);
            b = a;
            a = temp;
        }

        state.A += a;
        state.B += b;
        state.C += c;
        state.D += d;
        state.E += e;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Rotl(uint x, int n) => (x << n) | (x >> (32 - n));

    private struct State
    {
        public uint A, B, C, D, E;

        public State(uint a, uint b, uint c, uint d, uint e)
        {
            A = a;
            B = b;
            C = c;
            D = d;
            E = e;
        }
    }
}
