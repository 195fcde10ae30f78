using System;
using System.Numerics;
using System.Runtime.CompilerServices;
#if NET
using System.Runtime.Intrinsics;
#endif

namespace FlowRole.Policy;

/// <summary>
/// A set of policy rule indexes (at most <see cref="Capacity"/>), as a fixed 256-bit value so a result carries its
/// findings without allocating.
/// </summary>
public readonly struct RuleMask : IEquatable<RuleMask>
{
    /// <summary>The most rules one policy may hold.</summary>
    public const int Capacity = 256;

    private readonly ulong _w0, _w1, _w2, _w3;

    private RuleMask(ulong w0, ulong w1, ulong w2, ulong w3)
    {
        _w0 = w0;
        _w1 = w1;
        _w2 = w2;
        _w3 = w3;
    }

    /// <summary>The set made of four 64-bit words (bit i of word w is rule 64w + i); for table-driven evaluation.</summary>
    internal static RuleMask FromWords(ulong w0, ulong w1, ulong w2, ulong w3) => new(w0, w1, w2, w3);

#if NET
    /// <summary>The set made of the four words of a vector (the layout is the same: four words in order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static RuleMask FromVector(Vector256<ulong> words) => Unsafe.As<Vector256<ulong>, RuleMask>(ref words);

    /// <summary>The set made of words 0-1 and 2-3 as two vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static RuleMask FromVectors(Vector128<ulong> low, Vector128<ulong> high)
    {
        // Two stores rather than four element extractions.
        RuleMask mask = default;
        ref Vector128<ulong> words = ref Unsafe.As<RuleMask, Vector128<ulong>>(ref mask);
        words = low;
        Unsafe.Add(ref words, 1) = high;
        return mask;
    }
#endif

    /// <summary>Copies the four words into <paramref name="words"/> at <paramref name="offset"/>.</summary>
    internal void CopyTo(ulong[] words, int offset)
    {
        words[offset] = _w0;
        words[offset + 1] = _w1;
        words[offset + 2] = _w2;
        words[offset + 3] = _w3;
    }

    /// <summary>True when no rule is in the set.</summary>
    public bool IsEmpty => (_w0 | _w1 | _w2 | _w3) == 0;

    /// <summary>How many rules are in the set.</summary>
    public int Count => PopCount(_w0) + PopCount(_w1) + PopCount(_w2) + PopCount(_w3);

    /// <summary>The set holding one rule index.</summary>
    public static RuleMask Single(int index)
    {
        if ((uint)index >= Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "A policy holds at most 256 rules.");
        }

        ulong bit = 1UL << (index & 63);
        return (index >> 6) switch
        {
            0 => new RuleMask(bit, 0, 0, 0),
            1 => new RuleMask(0, bit, 0, 0),
            2 => new RuleMask(0, 0, bit, 0),
            _ => new RuleMask(0, 0, 0, bit),
        };
    }

    /// <summary>True when the index is in the set.</summary>
    public bool Contains(int index)
    {
        if ((uint)index >= Capacity)
        {
            return false;
        }

        ulong word = (index >> 6) switch { 0 => _w0, 1 => _w1, 2 => _w2, _ => _w3 };
        return (word & (1UL << (index & 63))) != 0;
    }

    /// <summary>Intersection.</summary>
    public static RuleMask operator &(RuleMask a, RuleMask b) => new(a._w0 & b._w0, a._w1 & b._w1, a._w2 & b._w2, a._w3 & b._w3);

    /// <summary>Union.</summary>
    public static RuleMask operator |(RuleMask a, RuleMask b) => new(a._w0 | b._w0, a._w1 | b._w1, a._w2 | b._w2, a._w3 | b._w3);

    /// <summary>Complement.</summary>
    public static RuleMask operator ~(RuleMask a) => new(~a._w0, ~a._w1, ~a._w2, ~a._w3);

    /// <summary>Intersection (named form).</summary>
    public static RuleMask BitwiseAnd(RuleMask left, RuleMask right) => left & right;

    /// <summary>Union (named form).</summary>
    public static RuleMask BitwiseOr(RuleMask left, RuleMask right) => left | right;

    /// <summary>Complement (named form).</summary>
    public static RuleMask OnesComplement(RuleMask value) => ~value;

    /// <summary>Enumerates the indexes in ascending order without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <inheritdoc/>
    public bool Equals(RuleMask other) => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RuleMask other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (int)((Fold() * 0x9E3779B97F4A7C15UL) >> 32); // Fold leaves the first word unmixed: mix it into the high half

    /// <summary>The four words folded into one by odd multipliers: a cheap cache index, not a general hash.</summary>
    internal ulong Fold() => _w0 ^ (_w1 * 0x9E3779B97F4A7C15UL) ^ (_w2 * 0xC2B2AE3D27D4EB4FUL) ^ (_w3 * 0x165667B19E3779F9UL);

    /// <summary>Equality.</summary>
    public static bool operator ==(RuleMask left, RuleMask right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(RuleMask left, RuleMask right) => !left.Equals(right);

    private static int PopCount(ulong value)
    {
#if NET
        return BitOperations.PopCount(value);
#else
        int count = 0;
        while (value != 0)
        {
            value &= value - 1;
            count++;
        }

        return count;
#endif
    }

    internal static int TrailingZeros(ulong value)
    {
#if NET
        return BitOperations.TrailingZeroCount(value);
#else
        int n = 0;
        while ((value & 1) == 0)
        {
            value >>= 1;
            n++;
        }

        return n;
#endif
    }

    /// <summary>Walks the set bits.</summary>
    public struct Enumerator
    {
        private readonly RuleMask _mask;
        private int _word;
        private ulong _bits;

        internal Enumerator(RuleMask mask)
        {
            _mask = mask;
            _word = 0;
            _bits = mask._w0;
            Current = -1;
        }

        /// <summary>The current rule index.</summary>
        public int Current { get; private set; }

        /// <summary>Advances to the next index.</summary>
        public bool MoveNext()
        {
            while (_bits == 0)
            {
                if (++_word > 3)
                {
                    return false;
                }

                _bits = _word switch { 1 => _mask._w1, 2 => _mask._w2, _ => _mask._w3 };
            }

            int bit = TrailingZeros(_bits);
            _bits &= _bits - 1;
            Current = (_word << 6) + bit;
            return true;
        }
    }
}
