using FlowRole.Flows;

namespace FlowRole.Ports;

/// <summary>One row of the IANA service name and port number registry, validated.</summary>
internal readonly struct IanaRecord
{
    public IanaRecord(int line, string? serviceName, bool hasPort, ushort firstPort, ushort lastPort, Transport? transport, string? description)
    {
        Line = line;
        ServiceName = serviceName;
        HasPort = hasPort;
        FirstPort = firstPort;
        LastPort = lastPort;
        Transport = transport;
        Description = description;
    }

    /// <summary>The line of the registry file the row starts on (rows may span lines).</summary>
    public int Line { get; }

    /// <summary>The service name, or null for unnamed rows (Reserved, Unassigned, "any private ...").</summary>
    public string? ServiceName { get; }

    /// <summary>False for names registered without a port (e.g. for DNS-SD only).</summary>
    public bool HasPort { get; }

    /// <summary>The first port of the row's range (the port itself for a single port).</summary>
    public ushort FirstPort { get; }

    /// <summary>The last port of the row's range.</summary>
    public ushort LastPort { get; }

    /// <summary>The transport, or null when the row names none (ranges of unassigned ports, some old entries).</summary>
    public Transport? Transport { get; }

    /// <summary>The description with runs of white space (including line breaks) folded to one space, or null.</summary>
    public string? Description { get; }
}
