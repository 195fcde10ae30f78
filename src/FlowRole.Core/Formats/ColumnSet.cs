using System;
using System.Collections.Generic;
using System.Text;

namespace FlowRole.Formats;

/// <summary>
/// Column names with a UTF-8 lookup that allocates only when a new name is added, for readers whose columns grow
/// (JSON keys, successive Zeek headers). Holds at most <see cref="FlowReader.MaxColumns"/> names of
/// <see cref="FlowReader.MaxColumnNameBytes"/> in all, so hostile input that keeps naming new fields cannot grow it
/// without bound: adding past either cap fails (-1) and the reader reports it.
/// </summary>
internal sealed class ColumnSet
{
    private readonly List<string> _names = new();
    private readonly List<byte[]> _utf8 = new();
    private int[] _buckets = new int[64];
    private int[] _next = new int[64];
    private long _nameBytes;

    public List<string> Names => _names;

    public int Count => _names.Count;

    /// <summary>What the caps are, for the message of a reader that hit one.</summary>
    public static string CapText => FlowReader.MaxColumns.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
        + " columns and " + (FlowReader.MaxColumnNameBytes >> 20).ToString(System.Globalization.CultureInfo.InvariantCulture)
        + " MB of column names";

    public int Find(ReadOnlySpan<byte> name)
    {
        int b = (int)(Hash(name) & (uint)(_buckets.Length - 1));
        for (int i = _buckets[b] - 1; i >= 0; i = _next[i] - 1)
        {
            if (name.SequenceEqual(_utf8[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The column's index; adds it when new (<paramref name="added"/> says so); -1 when it is new but the set is full.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> name, out bool added)
    {
        int i = Find(name);
        added = false;
        if (i >= 0)
        {
            return i;
        }

        if (!HasRoomFor(name.Length))
        {
            return -1;
        }

        added = true;
        byte[] utf8 = name.ToArray();
        return Add(utf8, Encoding.UTF8.GetString(utf8));
    }

    /// <summary>The column's index, added when new; -1 when it is new but the set is full.</summary>
    public int Add(string name)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(name);
        int i = Find(utf8);
        return i >= 0 ? i : HasRoomFor(utf8.Length) ? Add(utf8, name) : -1;
    }

    private bool HasRoomFor(int nameBytes) =>
        _names.Count < FlowReader.MaxColumns && _nameBytes + nameBytes <= FlowReader.MaxColumnNameBytes;

    private int Add(byte[] utf8, string name)
    {
        _nameBytes += utf8.Length;
        int index = _names.Count;
        _names.Add(name);
        _utf8.Add(utf8);
        if (index >= _next.Length)
        {
            Array.Resize(ref _next, _next.Length * 2);
        }

        if (_names.Count > _buckets.Length / 2)
        {
            Rehash(_buckets.Length * 2);
        }
        else
        {
            Link(index);
        }

        return index;
    }

    private void Rehash(int size)
    {
        _buckets = new int[size];
        Array.Clear(_next, 0, _next.Length);
        for (int i = 0; i < _names.Count; i++)
        {
            Link(i);
        }
    }

    private void Link(int index)
    {
        int b = (int)(Hash(_utf8[index]) & (uint)(_buckets.Length - 1));
        _next[index] = _buckets[b];
        _buckets[b] = index + 1;
    }

    private static uint Hash(ReadOnlySpan<byte> name)
    {
        uint h = 2166136261;
        foreach (byte x in name)
        {
            h = (h ^ x) * 16777619;
        }

        return h;
    }
}
