using System;
using System.Runtime.CompilerServices;

namespace FlowRole.Splunk.Commands;

/// <summary>
/// The record writer's text caches: byte runs by key in an open-addressing table kept at most half full, so a key
/// seen once is found again until the table fills up and starts over (a direct-mapped cache thrashes on the few
/// hundred combinations a busy stream has). Each run carries a small tag for the caller (where the service goes in a
/// facts run). Runs are never empty: an empty length marks a free slot.
/// </summary>
internal sealed class TextCache<TKey>
    where TKey : struct, IEquatable<TKey>
{
    private readonly int _bits;
    private readonly int _maxRun;
    private readonly TKey[] _keys;
    private readonly int[] _offsets;
    private readonly int[] _lengths;
    private readonly int[] _tags;
    private readonly TextArena _text;
    private int _count;

    /// <summary>A table of 2^<paramref name="bits"/> slots for runs of at most <paramref name="maxRun"/> bytes.</summary>
    public TextCache(int bits, int maxRun, int initialBytes)
    {
        _bits = bits;
        _maxRun = maxRun;
        int slots = 1 << bits;
        _keys = new TKey[slots];
        _offsets = new int[slots];
        _lengths = new int[slots];
        _tags = new int[slots];
        _text = new TextArena(initialBytes, (slots / 2) * maxRun);
    }

    /// <summary>
    /// Looks <paramref name="key"/> up from the slot its <paramref name="hash"/> (well mixed in the top bits) names:
    /// true with its run and tag; false with the free slot where <see cref="Keep"/> should put it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // per record; the miss path is the caller's
    public bool TryGet(scoped in TKey key, ulong hash, out int slot, out ReadOnlySpan<byte> run, out int tag)
    {
        int mask = (1 << _bits) - 1;
        slot = (int)(hash >> (64 - _bits));
        int length;
        while ((length = _lengths[slot]) > 0)
        {
            if (_keys[slot].Equals(key))
            {
                run = _text.Bytes.AsSpan(_offsets[slot], length);
                tag = _tags[slot];
                return true;
            }

            slot = (slot + 1) & mask;
        }

        run = default;
        tag = 0;
        return false;
    }

    /// <summary>
    /// Keeps <paramref name="run"/> for <paramref name="key"/> at the free <paramref name="slot"/>
    /// <see cref="TryGet"/> gave, when it fits; when the table or its text is full, empties it instead.
    /// </summary>
    public void Keep(int slot, in TKey key, ReadOnlySpan<byte> run, int tag)
    {
        if (run.IsEmpty || run.Length > _maxRun)
        {
            return;
        }

        if (_count >= _lengths.Length / 2 || !_text.TryAdd(run, out int offset))
        {
            // Start over: the slot found free is no longer where the key would be looked for first.
            Array.Clear(_lengths);
            _text.Clear();
            _count = 0;
            return;
        }

        _keys[slot] = key;
        _offsets[slot] = offset;
        _lengths[slot] = run.Length;
        _tags[slot] = tag;
        _count++;
    }
}
