using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.Policy;

/// <summary>A role-resolved flow as the policy sees it: client to server, whatever the record's orientation was.</summary>
public readonly struct PolicyInput
{
    /// <summary>Creates the input.</summary>
    public PolicyInput(Transport transport, IpAddress clientAddress, ushort clientPort, IpAddress serverAddress, ushort serverPort,
        AddressScope clientScope, AddressScope serverScope, Direction direction)
    {
        Transport = transport;
        ClientAddress = clientAddress;
        ClientPort = clientPort;
        ServerAddress = serverAddress;
        ServerPort = serverPort;
        ClientScope = clientScope;
        ServerScope = serverScope;
        Direction = direction;
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
}
