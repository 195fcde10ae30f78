using System;
using System.Runtime.CompilerServices;
using FlowRole.Flows;
using FlowRole.Ports;

namespace FlowRole.Roles;

/// <summary>
/// How likely each port is to be the listening side, as a score 0-100 per transport: one byte per port, so a role
/// decision from ports is two array reads. Built once from the IANA table, the common-service list and the OS
/// ephemeral ranges.
/// </summary>
internal sealed class PortRoleTable
{
    /// <summary>A port in <see cref="CommonServicePorts"/>.</summary>
    public const byte CommonService = 95;

    /// <summary>An IANA-assigned system port (0-1023).</summary>
    public const byte AssignedWellKnown = 85;

    /// <summary>An unassigned system port: still only root listens there on Unix.</summary>
    public const byte WellKnown = 70;

    /// <summary>An assigned user port outside Linux's ephemeral range.</summary>
    public const byte AssignedRegistered = 60;

    /// <summary>An unassigned user port outside Linux's ephemeral range.</summary>
    public const byte Registered = 50;

    /// <summary>An assigned user port inside legacy Windows' ephemeral range (1025-5000): XP-era clients pick these.</summary>
    public const byte AssignedInLegacyEphemeral = 45;

    /// <summary>An assigned user port inside Linux's ephemeral range: clients pick these too.</summary>
    public const byte AssignedInLinuxEphemeral = 40;

    /// <summary>An unassigned user port inside Linux's ephemeral range.</summary>
    public const byte LinuxEphemeral = 30;

    /// <summary>A dynamic port (49152-65535): never assigned, the Windows/macOS client range.</summary>
    public const byte Dynamic = 15;

    /// <summary>Scores at or above this are "a known service port".</summary>
    public const byte ServiceThreshold = WellKnown;


    private static readonly Lazy<PortRoleTable> DefaultTable = new(() => new PortRoleTable(PortTable.Default));

    private readonly byte[] _tcp;
    private readonly byte[] _udp;
    private readonly byte[] _sctp;
    private readonly float[] _deltaConfidence = BuildDeltaConfidence();

    private PortRoleTable(PortTable ports)
    {
        _tcp = Build(ports, Transport.Tcp, CommonServicePorts.Tcp);
        _udp = Build(ports, Transport.Udp, CommonServicePorts.Udp);
        _sctp = Build(ports, Transport.Sctp, ReadOnlySpan<ushort>.Empty);
    }

    /// <summary>The table built from the embedded port knowledge.</summary>
    public static PortRoleTable Default => DefaultTable.Value;

    /// <summary>The server-likeness score of a port on a transport (transports without ports of their own use TCP's).</summary>
    public byte Score(ushort port, Transport transport) => TableFor(transport)[port];

    /// <summary>The scores of every port on a transport, so that scoring both sides of a flow picks the table once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte[] TableFor(Transport transport) => transport switch
    {
        Transport.Udp => _udp,
        Transport.Sctp => _sctp,
        _ => _tcp,
    };

    /// <summary>The confidence of a decision from ports whose scores differ by <paramref name="delta"/>: 0.5 + delta / 200.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float ConfidenceOf(int delta) => _deltaConfidence[delta & 0xFF];

    /// <summary>The confidence of every delta 0-255 (what <see cref="ConfidenceOf"/> reads), for hot paths that hold it.</summary>
    public float[] DeltaConfidence => _deltaConfidence;

    private static float[] BuildDeltaConfidence()
    {
        // Scores are bytes, so a delta is 0-255: the same float arithmetic done once, not a division per flow.
        var table = new float[256];
        for (int delta = 0; delta < table.Length; delta++)
        {
            table[delta] = 0.5f + (delta / 200f);
        }

        return table;
    }

    private static byte[] Build(PortTable ports, Transport transport, ReadOnlySpan<ushort> common)
    {
        var scores = new byte[65536];
        for (int p = 0; p < scores.Length; p++)
        {
            ushort port = (ushort)p;
            bool assigned = ports.GetServiceName(port, transport) is not null;
            bool linuxEphemeral = (PortTable.EphemeralOsOf(port) & EphemeralOs.Linux) != 0;
            bool legacyEphemeral = (PortTable.EphemeralOsOf(port) & EphemeralOs.WindowsLegacy) != 0;
            scores[p] = PortTable.ClassOf(port) switch
            {
                PortClass.WellKnown => assigned ? AssignedWellKnown : WellKnown,
                PortClass.Registered when linuxEphemeral => assigned ? AssignedInLinuxEphemeral : LinuxEphemeral,
                PortClass.Registered when legacyEphemeral => assigned ? AssignedInLegacyEphemeral : Registered,
                PortClass.Registered => assigned ? AssignedRegistered : Registered,
                _ => Dynamic,
            };
        }

        foreach (ushort port in common)
        {
            scores[port] = CommonService;
        }

        return scores;
    }
}
