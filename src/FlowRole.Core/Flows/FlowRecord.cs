using FlowRole.Addresses;

namespace FlowRole.Flows;

/// <summary>
/// One flow as a log gave it: the two endpoints in the log's orientation, the transport, and whatever orientation
/// evidence the log carried. A plain value: building and classifying one allocates nothing.
/// </summary>
public readonly struct FlowRecord
{
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
    public Endpoint Source { get; init; }

    /// <summary>The record's destination side (Zeek: responder).</summary>
    public Endpoint Destination { get; init; }

    /// <summary>The transport; <see cref="Transport.Unknown"/> when the log did not say.</summary>
    public Transport Transport { get; init; }

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
