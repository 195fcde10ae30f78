using System;

namespace FlowRole.Splunk.Commands;

/// <summary>
/// An append-only store of byte runs for <see cref="TextCache{TKey}"/>: a run is kept by its offset and length,
/// the store grows by doubling up to a cap, and it is emptied (with the cache that points into it) when a run no
/// longer fits under the cap.
/// </summary>
internal sealed class TextArena
{
    private readonly int _cap;
    private byte[] _bytes;
    private int _used;

    /// <summary>Creates an arena of <paramref name="initial"/> bytes that grows to at most <paramref name="cap"/>.</summary>
    public TextArena(int initial, int cap)
    {
        _bytes = new byte[initial];
        _cap = cap;
    }

    /// <summary>The bytes: runs are slices of it at the offsets <see cref="TryAdd"/> returned.</summary>
    public byte[] Bytes => _bytes;

    /// <summary>Copies <paramref name="text"/> in and gives its offset; false when the arena is full (empty it first).</summary>
    public bool TryAdd(ReadOnlySpan<byte> text, out int offset)
    {
        offset = _used;
        if (text.Length > _bytes.Length - _used)
        {
            if (text.Length > _cap - _used)
            {
                return false;
            }

            Array.Resize(ref _bytes, Math.Min(_cap, Math.Max(_bytes.Length * 2, _used + text.Length)));
        }

        text.CopyTo(_bytes.AsSpan(_used));
        _used += text.Length;
        return true;
    }

    /// <summary>Forgets every run.</summary>
    public void Clear() => _used = 0;
}
