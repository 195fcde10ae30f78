using System;
using System.Runtime.CompilerServices;
using FlowRole.Addresses;

namespace FlowRole.Flows;

/// <summary>One side of a flow: an address and a port (for ICMP, Zeek's convention: type on the originator, code on the responder).</summary>
public readonly struct Endpoint : IEquatable<Endpoint>
{
    private readonly IpAddress _address;
    private readonly ushort _port;

    /// <summary>Creates an endpoint.</summary>
    public Endpoint(IpAddress address, ushort port)
    {
        _address = address;
        _port = port;
    }

    /// <summary>The endpoint's address.</summary>
    public IpAddress Address => _address;

    /// <summary>The endpoint's port.</summary>
    public ushort Port => _port;

    /// <summary>The address of an endpoint being built, to parse into in place (see <see cref="FlowRecord.SourceOf"/>).</summary>
    internal static ref IpAddress AddressOf(ref Endpoint endpoint) => ref Unsafe.AsRef(in endpoint._address);

    /// <summary>An endpoint's address read in place (no copy of the 24-byte value), for per-record hashing.</summary>
    internal static ref readonly IpAddress AddressIn(in Endpoint endpoint) => ref endpoint._address;

    /// <summary>The port of an endpoint being built (see <see cref="FlowRecord.SourceOf"/>).</summary>
    internal static ref ushort PortOf(ref Endpoint endpoint) => ref Unsafe.AsRef(in endpoint._port);

    /// <inheritdoc/>
    public bool Equals(Endpoint other) => Port == other.Port && Address.Equals(other.Address);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Endpoint other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Address, Port);

    /// <summary>Formats as <c>address:port</c>, with IPv6 addresses in brackets.</summary>
    public override string ToString() =>
        Address.IsIPv6 ? "[" + Address.ToString() + "]:" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture)
                       : Address.ToString() + ":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Equality.</summary>
    public static bool operator ==(Endpoint left, Endpoint right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Endpoint left, Endpoint right) => !left.Equals(right);
}
