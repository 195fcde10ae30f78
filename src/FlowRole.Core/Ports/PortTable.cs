using System;
using System.Collections.Generic;
using FlowRole.Flows;

namespace FlowRole.Ports;

/// <summary>
/// Port knowledge for all 65,536 ports on TCP, UDP and SCTP, generated from the IANA registry and embedded in the
/// assembly. Lookups by number are array indexing; lookups by service name use a frozen dictionary.
/// </summary>
public sealed class PortTable
{
    // HELPER-OWNED: Ports helper implements (generator in tools/, data in Ports/Data/).

    /// <summary>The embedded table, loaded once.</summary>
    public static PortTable Default => throw new NotImplementedException();

    /// <summary>Everything known about a port on a transport (TCP facts for transports without their own table).</summary>
    public PortInfo Get(ushort port, Transport transport) => throw new NotImplementedException();

    /// <summary>The IANA service name for a port, or null; allocation-free.</summary>
    public string? GetServiceName(ushort port, Transport transport) => throw new NotImplementedException();

    /// <summary>Every port/transport IANA registers under a service name (case-insensitive), e.g. <c>rdp</c> or <c>ms-wbt-server</c>.</summary>
    public IReadOnlyList<PortInfo> FindByService(string serviceName) => throw new NotImplementedException();

    /// <summary>Every distinct service name, sorted, for completion.</summary>
    public IReadOnlyList<string> ServiceNames => throw new NotImplementedException();

    /// <summary>The IANA range of a port.</summary>
    public static PortClass ClassOf(ushort port) => port < 1024 ? PortClass.WellKnown : port < 49152 ? PortClass.Registered : PortClass.Dynamic;

    /// <summary>Which OSes use a port as an ephemeral client port by default.</summary>
    public static EphemeralOs EphemeralOsOf(ushort port) => throw new NotImplementedException();
}
