using System;
using System.Runtime.CompilerServices;
using FlowRole.Addresses;

namespace FlowRole.Flows;

/// <summary>
/// One flow as a log gave it: the two endpoints in the log's orientation, the transport, and whatever orientation
/// evidence the log carried. A plain value: building and classifying one allocates nothing.
/// </summary>
public readonly struct FlowRecord : IEquatable<FlowRecord>
{
    // Explicit fields (not auto-properties) so binders can build a record in place: see SourceOf.
    private readonly Endpoint _source;
    private readonly Endpoint _destination;
    private readonly Transport _transport;

    /// <summary>Creates a record with no evidence beyond the ports.</summary>
    public FlowRecord(Endpoint source, Endpoint destination, Transport transport)
    {
        Source = source;
        Destination = destination;
        Transport = transport;
    }

    /// <summary>Creates a record from addresses and ports.</summary>
    public FlowRecord(IpAddress sourceAddress, ushort sourcePort, IpAddress destinationAddress, ushort destinationPort, Transport transport)
        : this(new Endpoint(sourceAddress, sourcePort), new Endpoint(destinationAddress, destinationPort), transport)
    {
    }

    /// <summary>The record's source side (Zeek: originator).</summary>
    public Endpoint Source { get => _source; init => _source = value; }

    /// <summary>The record's destination side (Zeek: responder).</summary>
    public Endpoint Destination { get => _destination; init => _destination = value; }

    /// <summary>The transport; <see cref="Transport.Unknown"/> when the log did not say.</summary>
    public Transport Transport { get => _transport; init => _transport = value; }

    /// <summary>TCP flags of the record's first packet, when the log has them (see <see cref="HasFirstPacketFlags"/>).</summary>
    public TcpFlags FirstPacketFlags { get; init; }

    /// <summary>True when <see cref="FirstPacketFlags"/> was given.</summary>
    public bool HasFirstPacketFlags { get; init; }

    /// <summary>Zeek's <c>history</c>, when given.</summary>
    public ZeekHistory History { get; init; }

    /// <summary>Zeek's <c>conn_state</c>, when given.</summary>
    public ConnState ConnState { get; init; }

    /// <summary>Which side the log says initiated.</summary>
    public Initiator Initiator { get; init; }

    /// <summary>Where <see cref="Initiator"/> came from.</summary>
    public InitiatorSource InitiatorSource { get; init; }

    /// <summary>Byte and packet counts per side, when given.</summary>
    public FlowVolume Volume { get; init; }

    /// <summary>
    /// The source endpoint of a record being built, to parse into in place. Building a record from values makes the
    /// compiler copy each 32-byte endpoint through the stack in pieces and read it back whole, and the CPU stalls on
    /// every such read (a store-forwarding failure): on the plain-header path that was most of the binding time.
    /// </summary>
    internal static ref Endpoint SourceOf(ref FlowRecord record) => ref Unsafe.AsRef(in record._source);

    /// <summary>The destination endpoint of a record being built (see <see cref="SourceOf"/>).</summary>
    internal static ref Endpoint DestinationOf(ref FlowRecord record) => ref Unsafe.AsRef(in record._destination);

    /// <summary>The transport of a record being built (see <see cref="SourceOf"/>).</summary>
    internal static ref Transport TransportOf(ref FlowRecord record) => ref Unsafe.AsRef(in record._transport);

    /// <summary>True when every field is equal: the endpoints, the transport and all the evidence and counts.</summary>
    public bool Equals(FlowRecord other) =>
        _source.Equals(other._source) && _destination.Equals(other._destination) && _transport == other._transport
        && FirstPacketFlags == other.FirstPacketFlags && HasFirstPacketFlags == other.HasFirstPacketFlags
        && History.Equals(other.History) && ConnState == other.ConnState && Initiator == other.Initiator
        && InitiatorSource == other.InitiatorSource && Volume.Equals(other.Volume);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FlowRecord other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(_source, _destination, _transport, FirstPacketFlags, History, ConnState, Initiator, Volume);

    /// <summary>Equality of every field.</summary>
    public static bool operator ==(FlowRecord left, FlowRecord right) => left.Equals(right);

    /// <summary>Inequality of any field.</summary>
    public static bool operator !=(FlowRecord left, FlowRecord right) => !left.Equals(right);

    /// <summary>
    /// The same flow seen from the other side, with every piece of evidence re-expressed so it still means the same
    /// thing: Zeek history letters swap case. Evidence bound to one orientation (conn_state, first-packet flags)
    /// cannot be re-expressed and is dropped.
    /// </summary>
    public FlowRecord Reverse() => new(Destination, Source, Transport)
    {
        Initiator = Initiator switch
        {
            Initiator.Source => Initiator.Destination,
            Initiator.Destination => Initiator.Source,
            _ => Initiator.Unknown,
        },
        InitiatorSource = InitiatorSource,
        History = History.Reverse(),
        Volume = Volume.Reverse(),
    };
}
