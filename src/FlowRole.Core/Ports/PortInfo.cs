using FlowRole.Flows;

namespace FlowRole.Ports;

/// <summary>What FlowRole knows about one port on one transport.</summary>
public readonly struct PortInfo
{
    /// <summary>Creates a port description.</summary>
    public PortInfo(ushort port, Transport transport, string? serviceName, string? description, EphemeralOs ephemeralOs)
    {
        Port = port;
        Transport = transport;
        ServiceName = serviceName;
        Description = description;
        EphemeralOs = ephemeralOs;
    }

    /// <summary>The port number.</summary>
    public ushort Port { get; }

    /// <summary>The transport the facts apply to.</summary>
    public Transport Transport { get; }

    /// <summary>The IANA service name (e.g. <c>https</c>), or null when the port is unassigned.</summary>
    public string? ServiceName { get; }

    /// <summary>The IANA description, or null.</summary>
    public string? Description { get; }

    /// <summary>The IANA range.</summary>
    public PortClass Class => Port < 1024 ? PortClass.WellKnown : Port < 49152 ? PortClass.Registered : PortClass.Dynamic;

    /// <summary>OSes that use this port as an ephemeral client port by default.</summary>
    public EphemeralOs EphemeralOs { get; }

    /// <summary>True when IANA assigns a service name to this port and transport.</summary>
    public bool IsAssigned => ServiceName is not null;
}
