using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace FlowRole.Addresses;

/// <summary>An immutable set of CIDR blocks with an allocation-free <see cref="Contains"/> (e.g. the internal networks).</summary>
/// <remarks>
/// The blocks are merged into sorted, disjoint ranges of 128-bit keys (IPv4 at its IPv4-mapped position, see
/// <see cref="IpNetwork"/>), so <see cref="Contains"/> is one binary search however many blocks there are, and
/// <c>set.Contains(a)</c> equals "some block contains <c>a</c>". Thread-safe.
/// </remarks>
public sealed class NetworkSet
{
    private static readonly NetworkSet EmptySet = new(Array.Empty<IpNetwork>());

    private readonly ReadOnlyCollection<IpNetwork> _networks;
    private readonly U128[] _starts;
    private readonly U128[] _ends;

    /// <summary>Builds a set from blocks.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="networks"/> is null.</exception>
    /// <exception cref="ArgumentException">A block is <c>default(IpNetwork)</c> (no address).</exception>
    public NetworkSet(IEnumerable<IpNetwork> networks)
    {
        if (networks is null)
        {
            throw new ArgumentNullException(nameof(networks));
        }

        var list = new List<IpNetwork>(networks);
        var ranges = new (U128 Start, U128 End)[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].BaseAddress.IsNone)
            {
                throw new ArgumentException("Block " + (i + 1).ToString(CultureInfo.InvariantCulture) + " of the set has no address (default IpNetwork).", nameof(networks));
            }

            ranges[i] = (list[i].UnifiedStart, list[i].UnifiedEnd);
        }

        Array.Sort(ranges, static (a, b) => U128.Compare(a.Start, b.Start));

        // Merge overlapping and touching ranges.
        var starts = new List<U128>(ranges.Length);
        var ends = new List<U128>(ranges.Length);
        foreach (var (start, end) in ranges)
        {
            int last = ends.Count - 1;
            if (last >= 0 && (ends[last].IsMax || U128.LessOrEqual(start, ends[last].Increment())))
            {
                if (U128.LessThan(ends[last], end))
                {
                    ends[last] = end;
                }

                continue;
            }

            starts.Add(start);
            ends.Add(end);
        }

        _networks = list.AsReadOnly();
        _starts = starts.ToArray();
        _ends = ends.ToArray();
    }

    /// <summary>The empty set.</summary>
    public static NetworkSet Empty => EmptySet;

    /// <summary>The blocks, as given.</summary>
    public IReadOnlyList<IpNetwork> Networks => _networks;

    /// <summary>True when no block was given.</summary>
    /// <remarks>Any block yields at least one merged range: checking the array avoids an interface call per record.</remarks>
    public bool IsEmpty => _starts.Length == 0;

    /// <summary>True when any block contains the address.</summary>
    public bool Contains(IpAddress address)
    {
        if (address.IsNone || _starts.Length == 0)
        {
            return false;
        }

        U128 key = U128.Of(address);

        // The last range starting at or before the key is the only one that can hold it.
        int lo = 0, hi = _starts.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (U128.LessOrEqual(_starts[mid], key))
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found >= 0 && U128.LessOrEqual(key, _ends[found]);
    }

    /// <summary>
    /// Parses a comma-separated CIDR list (items trimmed; empty or all-blank text is the empty set); the error names
    /// the bad item, its 1-based position and why, e.g. <c>item 2 ('10.0.0.1/8') is not a valid CIDR block: ...</c>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out NetworkSet? set, out string? error)
    {
        set = null;
        error = null;
        if (text.Trim().IsEmpty)
        {
            set = Empty;
            return true;
        }

        var networks = new List<IpNetwork>();
        int item = 0;
        while (true)
        {
            item++;
            int comma = text.IndexOf(',');
            ReadOnlySpan<char> part = (comma >= 0 ? text.Slice(0, comma) : text).Trim();
            if (part.IsEmpty)
            {
                error = "Item " + item.ToString(CultureInfo.InvariantCulture) + " of the network list is empty.";
                return false;
            }

            string? reason = IpNetwork.ParseError(part, out IpNetwork network);
            if (reason is not null)
            {
                error = "Item " + item.ToString(CultureInfo.InvariantCulture) + " of the network list ('" + CodeUnits.ToDisplayString(part)
                    + "') is not a valid CIDR block: " + reason + ".";
                return false;
            }

            networks.Add(network);
            if (comma < 0)
            {
                break;
            }

            text = text.Slice(comma + 1);
        }

        set = new NetworkSet(networks);
        return true;
    }

    /// <summary>Parses a comma-separated CIDR list, throwing <see cref="FormatException"/> naming the bad item.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">An item is not a CIDR block.</exception>
    public static NetworkSet Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (!TryParse(text.AsSpan(), out NetworkSet? set, out string? error))
        {
            throw new FormatException(error);
        }

        return set!;
    }

    /// <summary>The blocks as a comma-separated list (the form <see cref="Parse"/> reads).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (IpNetwork network in _networks)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(network.ToString());
        }

        return sb.ToString();
    }
}
