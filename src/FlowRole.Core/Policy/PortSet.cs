using System;
using System.Collections.Generic;
using System.Globalization;

namespace FlowRole.Policy;

/// <summary>
/// An immutable set of ports written as items: numbers (<c>3389</c>), inclusive ranges (<c>5900-5904</c>) and the
/// IANA named ranges <c>well-known</c> (or <c>well_known</c>, 0-1023), <c>registered</c> (1024-49151) and <c>dynamic</c> (49152-65535).
/// Keeps the items in canonical form for rendering and the merged ranges for lookups.
/// </summary>
public sealed class PortSet : IEquatable<PortSet>
{
    /// <summary>The names accepted for the IANA ranges, in the order error messages list them.</summary>
    internal const string NamedSetList = "well-known, registered, dynamic";

    private readonly PortRange[] _ranges;
    private readonly string[] _items;

    private PortSet(string[] items, PortRange[] ranges)
    {
        _items = items;
        _ranges = ranges;
        int count = 0;
        foreach (var r in ranges)
        {
            count += r.End - r.Start + 1;
        }

        Count = count;
    }

    /// <summary>The items in canonical form (<c>3389</c>, <c>5900-5904</c>, <c>dynamic</c>), in the order given.</summary>
    public IReadOnlyList<string> Items => _items;

    /// <summary>How many distinct ports the set holds.</summary>
    public int Count { get; }

    /// <summary>The merged, sorted ranges.</summary>
    internal ReadOnlySpan<PortRange> Ranges => _ranges;

    /// <summary>True when the port is in the set. Allocation-free binary search over the merged ranges.</summary>
    public bool Contains(ushort port)
    {
        int lo = 0;
        int hi = _ranges.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            var r = _ranges[mid];
            if (port < r.Start)
            {
                hi = mid - 1;
            }
            else if (port > r.End)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Builds a set from items; throws <see cref="FormatException"/> naming the first bad item.</summary>
    public static PortSet Create(IEnumerable<string> items)
    {
        if (items is null)
        {
            throw new ArgumentNullException(nameof(items));
        }

        var canonical = new List<string>();
        var ranges = new List<PortRange>();
        foreach (string item in items)
        {
            if (!TryParseItem(item, out var range, out string? text, out string? error))
            {
                throw new FormatException(error);
            }

            canonical.Add(text!);
            ranges.Add(range);
        }

        if (canonical.Count == 0)
        {
            throw new FormatException("A port set needs at least one item.");
        }

        return new PortSet(canonical.ToArray(), Merge(ranges));
    }

    /// <summary>Parses a comma-separated item list such as <c>22, 80, 5900-5904, dynamic</c>.</summary>
    public static PortSet Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return Create(text.Split(','));
    }

    /// <summary>
    /// Parses one item. On success <paramref name="canonical"/> is its canonical text; on failure
    /// <paramref name="error"/> says what is wrong, quoting the item.
    /// </summary>
    internal static bool TryParseItem(string item, out PortRange range, out string? canonical, out string? error)
    {
        range = default;
        canonical = null;
        error = null;
        string trimmed = item.Trim();
        switch (trimmed.ToUpperInvariant())
        {
            case "WELL-KNOWN":
            case "WELL_KNOWN":
                range = new PortRange(0, 1023);
                canonical = "well-known";
                return true;
            case "REGISTERED":
                range = new PortRange(1024, 49151);
                canonical = "registered";
                return true;
            case "DYNAMIC":
                range = new PortRange(49152, 65535);
                canonical = "dynamic";
                return true;
        }

        int dash = trimmed.IndexOf('-', 1 < trimmed.Length ? 1 : 0);
        if (dash <= 0)
        {
            if (!IsDigits(trimmed))
            {
                error = "'" + item + "' is not a port (0-65535), a range (low-high) or a named set (" + NamedSetList + ")";
                return false;
            }

            if (!TryPort(trimmed, out int port))
            {
                error = "'" + item + "' is not a port (0-65535)";
                return false;
            }

            range = new PortRange(port, port);
            canonical = port.ToString(CultureInfo.InvariantCulture);
            return true;
        }

        string low = trimmed.Substring(0, dash).Trim();
        string high = trimmed.Substring(dash + 1).Trim();
        if (!IsDigits(low) || !IsDigits(high))
        {
            error = "'" + item + "' is not a port (0-65535), a range (low-high) or a named set (" + NamedSetList + ")";
            return false;
        }

        if (!TryPort(low, out int start) || !TryPort(high, out int end))
        {
            error = "'" + item + "' is not a port range: both ends must be ports (0-65535)";
            return false;
        }

        if (start > end)
        {
            error = "'" + item + "' is not a port range: the start is greater than the end";
            return false;
        }

        range = new PortRange(start, end);
        canonical = start == end
            ? start.ToString(CultureInfo.InvariantCulture)
            : start.ToString(CultureInfo.InvariantCulture) + "-" + end.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>The ports in this set that are not in <paramref name="other"/>, as merged ranges.</summary>
    internal static PortRange[] Subtract(PortRange[] from, ReadOnlySpan<PortRange> other)
    {
        var result = new List<PortRange>();
        foreach (var r in from)
        {
            int start = r.Start;
            foreach (var o in other)
            {
                if (o.End < start || o.Start > r.End)
                {
                    continue;
                }

                if (o.Start > start)
                {
                    result.Add(new PortRange(start, o.Start - 1));
                }

                start = o.End + 1;
                if (start > r.End)
                {
                    break;
                }
            }

            if (start <= r.End)
            {
                result.Add(new PortRange(start, r.End));
            }
        }

        return result.ToArray();
    }

    /// <summary>The merged ranges as an array (a copy).</summary>
    internal PortRange[] ToRangeArray() => (PortRange[])_ranges.Clone();

    /// <inheritdoc/>
    public bool Equals(PortSet? other)
    {
        if (other is null || other._items.Length != _items.Length)
        {
            return false;
        }

        for (int i = 0; i < _items.Length; i++)
        {
            if (!string.Equals(_items[i], other._items[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PortSet);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (string item in _items)
        {
            hash.Add(item, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The items joined with <c>", "</c>.</summary>
    public override string ToString() => string.Join(", ", _items);

    private static PortRange[] Merge(List<PortRange> ranges)
    {
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<PortRange>(ranges.Count);
        foreach (var r in ranges)
        {
            if (merged.Count > 0 && r.Start <= merged[merged.Count - 1].End + 1)
            {
                var last = merged[merged.Count - 1];
                merged[merged.Count - 1] = new PortRange(last.Start, Math.Max(last.End, r.End));
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged.ToArray();
    }

    private static bool IsDigits(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryPort(string digits, out int port)
    {
        port = 0;
        foreach (char c in digits)
        {
            port = (port * 10) + (c - '0');
            if (port > 65535)
            {
                return false;
            }
        }

        return true;
    }
}
