using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.Policy;

/// <summary>A role-resolved flow as the policy sees it: client to server, whatever the record's orientation was.</summary>
public readonly struct PolicyInput
{
    /// <summary>
    /// Creates the input, deriving each side's internal-ness from <paramref name="direction"/> (inbound: external
    /// client, internal server; outbound: the reverse; internal/external: both sides; unknown: neither side known).
    /// Prefer the overload taking internal-ness when the caller has it per side.
    /// </summary>
    public PolicyInput(Transport transport, IpAddress clientAddress, ushort clientPort, IpAddress serverAddress, ushort serverPort,
        AddressScope clientScope, AddressScope serverScope, Direction direction)
        : this(transport, clientAddress, clientPort, serverAddress, serverPort, clientScope, serverScope, direction,
            ClientSideOf(direction), ServerSideOf(direction))
    {
    }

    /// <summary>Creates the input with each side's internal-ness as the classifier computed it (null: cannot say).</summary>
    public PolicyInput(Transport transport, IpAddress clientAddress, ushort clientPort, IpAddress serverAddress, ushort serverPort,
        AddressScope clientScope, AddressScope serverScope, Direction direction, bool? clientInternal, bool? serverInternal)
    {
        Transport = transport;
        ClientAddress = clientAddress;
        ClientPort = clientPort;
        ServerAddress = serverAddress;
        ServerPort = serverPort;
        ClientScope = clientScope;
        ServerScope = serverScope;
        Direction = direction;
        ClientInternal = clientInternal;
        ServerInternal = serverInternal;
    }

    /// <summary>The transport.</summary>
    public Transport Transport { get; }

    /// <summary>The client's address.</summary>
    public IpAddress ClientAddress { get; }

    /// <summary>The client's port.</summary>
    public ushort ClientPort { get; }

    /// <summary>The server's address.</summary>
    public IpAddress ServerAddress { get; }

    /// <summary>The server's port.</summary>
    public ushort ServerPort { get; }

    /// <summary>The client's scope.</summary>
    public AddressScope ClientScope { get; }

    /// <summary>The server's scope.</summary>
    public AddressScope ServerScope { get; }

    /// <summary>The direction (client to server).</summary>
    public Direction Direction { get; }

    /// <summary>True when the client is inside the organisation, false when outside, null when its scope cannot say.</summary>
    public bool? ClientInternal { get; }

    /// <summary>True when the server is inside the organisation, false when outside, null when its scope cannot say.</summary>
    public bool? ServerInternal { get; }

    /// <summary>The same flow with client and server exchanged (what a policy would see had roles been resolved the other way).</summary>
    public PolicyInput Exchanged() => new(Transport, ServerAddress, ServerPort, ClientAddress, ClientPort, ServerScope, ClientScope,
        Direction switch
        {
            Direction.Inbound => Direction.Outbound,
            Direction.Outbound => Direction.Inbound,
            _ => Direction,
        },
        ServerInternal, ClientInternal);

    private static bool? ClientSideOf(Direction direction) => direction switch
    {
        Direction.Inbound => false,
        Direction.Outbound => true,
        Direction.Internal => true,
        Direction.External => false,
        _ => null,
    };

    private static bool? ServerSideOf(Direction direction) => direction switch
    {
        Direction.Inbound => true,
        Direction.Outbound => false,
        Direction.Internal => true,
        Direction.External => false,
        _ => null,
    };
}
