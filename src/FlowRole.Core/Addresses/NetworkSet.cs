using System;
using System.Collections.Generic;

namespace FlowRole.Addresses;

/// <summary>An immutable set of CIDR blocks with an allocation-free <see cref="Contains"/> (e.g. the internal networks).</summary>
public sealed class NetworkSet
{
    // HELPER-OWNED: Addresses helper implements.

    /// <summary>Builds a set from blocks.</summary>
    public NetworkSet(IEnumerable<IpNetwork> networks) => throw new NotImplementedException();

    /// <summary>The empty set.</summary>
    public static NetworkSet Empty => throw new NotImplementedException();

    /// <summary>The blocks, as given.</summary>
    public IReadOnlyList<IpNetwork> Networks => throw new NotImplementedException();

    /// <summary>True when no block was given.</summary>
    public bool IsEmpty => throw new NotImplementedException();

    /// <summary>True when any block contains the address.</summary>
    public bool Contains(IpAddress address) => throw new NotImplementedException();

    /// <summary>Parses a comma-separated CIDR list; the error names the bad item and its position.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out NetworkSet? set, out string? error) => throw new NotImplementedException();
}
