#if NET
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FlowRole.Identity;

/// <summary>
/// Multi-buffer SHA-1 (FIPS 180-4) of one-block messages: lane <c>i</c> of every vector belongs to message <c>i</c>,
/// so one pass of the 80 rounds hashes 4, 8 or 16 messages at once with the same instructions the scalar
/// <see cref="Sha1"/> runs for one. Every Community ID input (at most 40 bytes) pads to exactly one 64-byte block,
/// which is what makes this layout pay: no message needs a second block.
/// </summary>
/// <remarks>
/// Layout: the padded blocks as big-endian words, word-major (<c>words[t * Lanes + i]</c> is word <c>t</c> of message
/// <c>i</c>); the digests likewise (<c>digest[k * Lanes + i]</c> is state word <c>k</c>). The algorithm is written
/// once, generic over a struct of vector operations that the JIT specialises per width.
/// </remarks>
[SkipLocalsInit] // The schedule is written before it is read.
internal static class Sha1Lanes
{
    /// <summary>
    /// The widest lane count this process hashes with: 8 (256-bit vectors, AVX2), 4 (128-bit vectors: SSE2, AdvSimd,
    /// and NativeAOT below an AVX baseline, where Vector256 is never accelerated), or 0 (no SIMD: hash one by one).
    /// 16 lanes (AVX-512) are implemented and tested but not chosen: in bench/ Sha1Benchmarks (JIT, AMD EPYC with
    /// AVX-512) they took about 107 ns a message against 50 ns for 8 lanes and 98 ns for 4.
    /// </summary>
    public static int Width =>
        Vector256.IsHardwareAccelerated ? 8 : Vector128.IsHardwareAccelerated ? 4 : 0;

    /// <summary>Hashes <paramref name="lanes"/> (4, 8 or 16) one-block messages; a width the hardware lacks runs in software.</summary>
    public static void Hash(int lanes, ref uint words, ref uint digest)
    {
        switch (lanes)
        {
            case 16:
                Compress<Vector512<uint>, Lanes512>(ref words, ref digest);
                break;
            case 8:
                Compress<Vector256<uint>, Lanes256>(ref words, ref digest);
                break;
            default:
                Compress<Vector128<uint>, Lanes128>(ref words, ref digest);
                break;
        }
    }

    private static void Compress<TVector, TOps>(ref uint words, ref uint digest)
        where TVector : unmanaged
        where TOps : struct, ILaneOps<TVector>
    {
        int lanes = TOps.Lanes;

        // The whole message schedule, w[0] to w[79]: with a ring of 16 each access also masked its index (t & 15),
        // which with t a loop variable cost an AND and a shift per operand, four per round.
        Unsafe.SkipInit(out Schedule words80);
        ref TVector schedule = ref Unsafe.As<Schedule, TVector>(ref words80);
        for (int t = 0; t < 16; t++)
        {
            Unsafe.Add(ref schedule, t) = TOps.Load(ref Unsafe.Add(ref words, t * lanes));
        }

        TVector a = TOps.Broadcast(0x67452301), b = TOps.Broadcast(0xEFCDAB89), c = TOps.Broadcast(0x98BADCFE);
        TVector d = TOps.Broadcast(0x10325476), e = TOps.Broadcast(0xC3D2E1F0);

        // Five rounds per iteration: the five variables rotate by renaming rather than by moves.
        for (int t = 0; t < 20; t += 5)
        {
            Round<TVector, TOps>(a, ref b, ref e, TOps.Choose(b, c, d), 0x5A827999, ref schedule, t);
            Round<TVector, TOps>(e, ref a, ref d, TOps.Choose(a, b, c), 0x5A827999, ref schedule, t + 1);
            Round<TVector, TOps>(d, ref e, ref c, TOps.Choose(e, a, b), 0x5A827999, ref schedule, t + 2);
            Round<TVector, TOps>(c, ref d, ref b, TOps.Choose(d, e, a), 0x5A827999, ref schedule, t + 3);
            Round<TVector, TOps>(b, ref c, ref a, TOps.Choose(c, d, e), 0x5A827999, ref schedule, t + 4);
        }

        for (int t = 20; t < 40; t += 5)
        {
            Round<TVector, TOps>(a, ref b, ref e, TOps.Parity(b, c, d), 0x6ED9EBA1, ref schedule, t);
            Round<TVector, TOps>(e, ref a, ref d, TOps.Parity(a, b, c), 0x6ED9EBA1, ref schedule, t + 1);
            Round<TVector, TOps>(d, ref e, ref c, TOps.Parity(e, a, b), 0x6ED9EBA1, ref schedule, t + 2);
            Round<TVector, TOps>(c, ref d, ref b, TOps.Parity(d, e, a), 0x6ED9EBA1, ref schedule, t + 3);
            Round<TVector, TOps>(b, ref c, ref a, TOps.Parity(c, d, e), 0x6ED9EBA1, ref schedule, t + 4);
        }

        for (int t = 40; t < 60; t += 5)
        {
            Round<TVector, TOps>(a, ref b, ref e, TOps.Majority(b, c, d), 0x8F1BBCDC, ref schedule, t);
            Round<TVector, TOps>(e, ref a, ref d, TOps.Majority(a, b, c), 0x8F1BBCDC, ref schedule, t + 1);
            Round<TVector, TOps>(d, ref e, ref c, TOps.Majority(e, a, b), 0x8F1BBCDC, ref schedule, t + 2);
            Round<TVector, TOps>(c, ref d, ref b, TOps.Majority(d, e, a), 0x8F1BBCDC, ref schedule, t + 3);
            Round<TVector, TOps>(b, ref c, ref a, TOps.Majority(c, d, e), 0x8F1BBCDC, ref schedule, t + 4);
        }

        for (int t = 60; t < 80; t += 5)
        {
            Round<TVector, TOps>(a, ref b, ref e, TOps.Parity(b, c, d), 0xCA62C1D6, ref schedule, t);
            Round<TVector, TOps>(e, ref a, ref d, TOps.Parity(a, b, c), 0xCA62C1D6, ref schedule, t + 1);
            Round<TVector, TOps>(d, ref e, ref c, TOps.Parity(e, a, b), 0xCA62C1D6, ref schedule, t + 2);
            Round<TVector, TOps>(c, ref d, ref b, TOps.Parity(d, e, a), 0xCA62C1D6, ref schedule, t + 3);
            Round<TVector, TOps>(b, ref c, ref a, TOps.Parity(c, d, e), 0xCA62C1D6, ref schedule, t + 4);
        }

        TOps.Store(TOps.Add(a, TOps.Broadcast(0x67452301)), ref digest);
        TOps.Store(TOps.Add(b, TOps.Broadcast(0xEFCDAB89)), ref Unsafe.Add(ref digest, lanes));
        TOps.Store(TOps.Add(c, TOps.Broadcast(0x98BADCFE)), ref Unsafe.Add(ref digest, 2 * lanes));
        TOps.Store(TOps.Add(d, TOps.Broadcast(0x10325476)), ref Unsafe.Add(ref digest, 3 * lanes));
        TOps.Store(TOps.Add(e, TOps.Broadcast(0xC3D2E1F0)), ref Unsafe.Add(ref digest, 4 * lanes));
    }

    /// <summary>One round: <c>e += rotl5(a) + f + k + w[t]; b = rotl30(b)</c> (the caller renames the variables).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round<TVector, TOps>(TVector a, ref TVector b, ref TVector e, TVector f, uint k, ref TVector schedule, int t)
        where TVector : unmanaged
        where TOps : struct, ILaneOps<TVector>
    {
        e = TOps.Add(TOps.Add(TOps.Rotl5(a), f), TOps.Add(TOps.Add(e, TOps.Broadcast(k)), Next<TVector, TOps>(ref schedule, t)));
        b = TOps.Rotl30(b);
    }

    /// <summary>Word <paramref name="t"/> of the schedule: given for t &lt; 16, else expanded from the four words before it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Next<TVector, TOps>(ref TVector schedule, int t)
        where TVector : unmanaged
        where TOps : struct, ILaneOps<TVector>
    {
        ref TVector slot = ref Unsafe.Add(ref schedule, t);
        if (t >= 16)
        {
            slot = TOps.Rotl1(TOps.Xor(TOps.Xor(Unsafe.Add(ref slot, -3), Unsafe.Add(ref slot, -8)),
                TOps.Xor(Unsafe.Add(ref slot, -14), Unsafe.Add(ref slot, -16))));
        }

        return slot;
    }

    /// <summary>Room for 80 vectors of up to 512 bits.</summary>
    [InlineArray(80)]
    private struct Schedule
    {
        private Vector512<uint> _element;
    }

    /// <summary>The vector operations SHA-1 needs, per width.</summary>
    private interface ILaneOps<TVector>
        where TVector : unmanaged
    {
        static abstract int Lanes { get; }

        static abstract TVector Load(ref uint source);

        static abstract void Store(TVector value, ref uint destination);

        static abstract TVector Broadcast(uint value);

        static abstract TVector Add(TVector left, TVector right);

        static abstract TVector Xor(TVector left, TVector right);

        static abstract TVector Rotl1(TVector value);

        static abstract TVector Rotl5(TVector value);

        static abstract TVector Rotl30(TVector value);

        /// <summary>(b AND c) OR (NOT b AND d): rounds 0-19.</summary>
        static abstract TVector Choose(TVector b, TVector c, TVector d);

        /// <summary>b XOR c XOR d: rounds 20-39 and 60-79.</summary>
        static abstract TVector Parity(TVector b, TVector c, TVector d);

        /// <summary>The bitwise majority of b, c and d: rounds 40-59.</summary>
        static abstract TVector Majority(TVector b, TVector c, TVector d);
    }

    // With AVX-512 each width has one-instruction rotates and three-input logic (vprold, vpternlogd); otherwise the
    // rotates are two shifts and an OR, and the functions are written so the JIT needs the fewest operations.
    private readonly struct Lanes128 : ILaneOps<Vector128<uint>>
    {
        public static int Lanes => 4;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<uint> Load(ref uint source) => Vector128.LoadUnsafe(ref source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector128<uint> value, ref uint destination) => value.StoreUnsafe(ref destination);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<uint> Broadcast(uint value) => Vector128.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<uint> Add(Vector128<uint> left, Vector128<uint> right) => left + right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<uint> Xor(Vector128<uint> left, Vector128<uint> right) => left ^ right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<uint> Rotl1(Vector128<uint> value) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(value, 1) : (value << 1) | (value >>> 31);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<uint> Rotl5(Vector128<uint> value) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(value, 5) : (value << 5) | (value >>> 27);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<uint> Rotl30(Vector128<uint> value) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(value, 30) : (value << 30) | (value >>> 2);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<uint> Choose(Vector128<uint> b, Vector128<uint> c, Vector128<uint> d) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(b, c, d, 0xCA) : d ^ (b & (c ^ d));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<uint> Parity(Vector128<uint> b, Vector128<uint> c, Vector128<uint> d) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(b, c, d, 0x96) : b ^ c ^ d;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<uint> Majority(Vector128<uint> b, Vector128<uint> c, Vector128<uint> d) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(b, c, d, 0xE8) : (b & c) | (d & (b | c));
    }

    private readonly struct Lanes256 : ILaneOps<Vector256<uint>>
    {
        public static int Lanes => 8;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Load(ref uint source) => Vector256.LoadUnsafe(ref source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector256<uint> value, ref uint destination) => value.StoreUnsafe(ref destination);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Broadcast(uint value) => Vector256.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Add(Vector256<uint> left, Vector256<uint> right) => left + right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Xor(Vector256<uint> left, Vector256<uint> right) => left ^ right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Rotl1(Vector256<uint> value) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(value, 1) : (value << 1) | (value >>> 31);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Rotl5(Vector256<uint> value) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(value, 5) : (value << 5) | (value >>> 27);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Rotl30(Vector256<uint> value) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(value, 30) : (value << 30) | (value >>> 2);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Choose(Vector256<uint> b, Vector256<uint> c, Vector256<uint> d) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(b, c, d, 0xCA) : d ^ (b & (c ^ d));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Parity(Vector256<uint> b, Vector256<uint> c, Vector256<uint> d) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(b, c, d, 0x96) : b ^ c ^ d;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Majority(Vector256<uint> b, Vector256<uint> c, Vector256<uint> d) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(b, c, d, 0xE8) : (b & c) | (d & (b | c));
    }

    private readonly struct Lanes512 : ILaneOps<Vector512<uint>>
    {
        public static int Lanes => 16;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Load(ref uint source) => Vector512.LoadUnsafe(ref source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector512<uint> value, ref uint destination) => value.StoreUnsafe(ref destination);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Broadcast(uint value) => Vector512.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Add(Vector512<uint> left, Vector512<uint> right) => left + right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Xor(Vector512<uint> left, Vector512<uint> right) => left ^ right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Rotl1(Vector512<uint> value) =>
            Avx512F.IsSupported ? Avx512F.RotateLeft(value, 1) : (value << 1) | (value >>> 31);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Rotl5(Vector512<uint> value) =>
            Avx512F.IsSupported ? Avx512F.RotateLeft(value, 5) : (value << 5) | (value >>> 27);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Rotl30(Vector512<uint> value) =>
            Avx512F.IsSupported ? Avx512F.RotateLeft(value, 30) : (value << 30) | (value >>> 2);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Choose(Vector512<uint> b, Vector512<uint> c, Vector512<uint> d) =>
            Avx512F.IsSupported ? Avx512F.TernaryLogic(b, c, d, 0xCA) : d ^ (b & (c ^ d));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Parity(Vector512<uint> b, Vector512<uint> c, Vector512<uint> d) =>
            Avx512F.IsSupported ? Avx512F.TernaryLogic(b, c, d, 0x96) : b ^ c ^ d;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Majority(Vector512<uint> b, Vector512<uint> c, Vector512<uint> d) =>
            Avx512F.IsSupported ? Avx512F.TernaryLogic(b, c, d, 0xE8) : (b & c) | (d & (b | c));
    }
}
#endif
