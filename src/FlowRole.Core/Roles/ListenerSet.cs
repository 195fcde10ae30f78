using System;
using System.Collections.Generic;
using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.Roles;

/// <summary>Known listeners the caller vouches for: <c>host:port/transport</c>, or <c>*:port/transport</c> for any host.</summary>
public sealed class ListenerSet
{
    private readonly HashSet<(IpAddress Address, ushort Port, Transport Transport)> _exact;
    private readonly HashSet<(ushort Port, Transport Transport)> _anyHost;

    /// <summary>Creates a set from entries; an entry with <see cref="IpAddress.IsNone"/> matches any host.</summary>
    public ListenerSet(IEnumerable<(IpAddress Address, ushort Port, Transport Transport)> entries)
    {
        if (entries is null)
        {
            throw new ArgumentNullException(nameof(entries));
        }

        _exact = new HashSet<(IpAddress, ushort, Transport)>();
        _anyHost = new HashSet<(ushort, Transport)>();
        foreach (var e in entries)
        {
            if (e.Address.IsNone)
            {
                _anyHost.Add((e.Port, e.Transport));
            }
            else
            {
                _exact.Add(e);
            }

            Count++;
        }
    }

    /// <summary>How many entries were given.</summary>
    public int Count { get; }

    /// <summary>True when the endpoint is a known listener on that transport.</summary>
    public bool Contains(in Endpoint endpoint, Transport transport) =>
        _exact.Contains((endpoint.Address, endpoint.Port, transport)) || _anyHost.Contains((endpoint.Port, transport));
}
