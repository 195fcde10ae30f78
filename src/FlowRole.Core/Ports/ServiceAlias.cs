using FlowRole.Flows;

namespace FlowRole.Ports;

/// <summary>One row of <see cref="ServiceAliases"/>: a name analysts type and a port range on one transport it covers.</summary>
internal readonly struct ServiceAlias
{
    public ServiceAlias(string name, Transport transport, ushort port)
        : this(name, transport, port, port)
    {
    }

    public ServiceAlias(string name, Transport transport, ushort firstPort, ushort lastPort)
    {
        Name = name;
        Transport = transport;
        FirstPort = firstPort;
        LastPort = lastPort;
    }

    /// <summary>The alias, lower case.</summary>
    public string Name { get; }

    /// <summary>The transport the ports are used on.</summary>
    public Transport Transport { get; }

    /// <summary>The first port.</summary>
    public ushort FirstPort { get; }

    /// <summary>The last port (equal to <see cref="FirstPort"/> for one port).</summary>
    public ushort LastPort { get; }
}
