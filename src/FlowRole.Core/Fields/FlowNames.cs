using System;
using System.Globalization;
using System.Text;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Policy;
using FlowRole.Ports;
using FlowRole.Roles;

namespace FlowRole.Fields;

/// <summary>
/// The text form of every enum FlowRole outputs, in one place (snake_case, as the output contract uses them), as
/// strings and as UTF-8. Shared by the CLI, the Splunk command and the PowerShell module.
/// </summary>
public static class FlowNames
{
    private static readonly string[] RoleBasisNames =
    {
        "none", "tcp_flags", "zeek_history", "zeek_conn_state", "initiator", "suricata", "listener", "learned",
        "icmp_type", "special_case", "service_port", "ephemeral_port", "lower_port", "address_hint",
    };

    private static readonly string[] ScopeNames =
    {
        "unknown", "global", "private", "shared", "unique_local", "loopback", "link_local", "multicast", "broadcast",
        "documentation", "unspecified", "reserved",
    };

    // One spelling for port classes: the port table's (the Splunk port lookup is generated with it too).
    private static readonly string[] PortClassNames =
    {
        PortTable.ClassName(PortClass.WellKnown), PortTable.ClassName(PortClass.Registered), PortTable.ClassName(PortClass.Dynamic),
    };

    private static readonly string[] DirectionNames = { "unknown", "inbound", "outbound", "internal", "external" };

    private static readonly string[] SeverityNames = { "none", "info", "low", "medium", "high", "critical" };

    private static readonly string[] ConnStateNames =
    {
        "", "S0", "S1", "SF", "REJ", "S2", "S3", "RSTO", "RSTR", "RSTOS0", "RSTRH", "SH", "SHR", "OTH",
    };

    private static readonly string[] InitiatorNames = { "unknown", "source", "destination" };

    private static readonly string[] TransportNames = BuildTransportNames();

    private static readonly byte[][] RoleBasisUtf8 = Utf8(RoleBasisNames);
    private static readonly byte[][] ScopeUtf8 = Utf8(ScopeNames);
    private static readonly byte[][] PortClassUtf8 = Utf8(PortClassNames);
    private static readonly byte[][] DirectionUtf8 = Utf8(DirectionNames);
    private static readonly byte[][] SeverityUtf8 = Utf8(SeverityNames);
    private static readonly byte[][] TransportUtf8 = Utf8(TransportNames);
    private static readonly byte[] TrueUtf8 = Encoding.ASCII.GetBytes("true");
    private static readonly byte[] FalseUtf8 = Encoding.ASCII.GetBytes("false");

    /// <summary><c>role_basis</c> text, e.g. <c>zeek_history</c>.</summary>
    public static string Name(RoleBasis value) => Lookup(RoleBasisNames, (int)value, nameof(value));

    /// <summary>Scope text: <c>global</c>, <c>private</c>, <c>shared</c> (CGNAT), <c>unique_local</c>, <c>loopback</c>...</summary>
    public static string Name(AddressScope value) => Lookup(ScopeNames, (int)value, nameof(value));

    /// <summary>Port class text: <c>well_known</c>, <c>registered</c>, <c>dynamic</c>.</summary>
    public static string Name(PortClass value) => Lookup(PortClassNames, (int)value, nameof(value));

    /// <summary>Direction text: <c>inbound</c>, <c>outbound</c>, <c>internal</c>, <c>external</c>, <c>unknown</c>.</summary>
    public static string Name(Direction value) => Lookup(DirectionNames, (int)value, nameof(value));

    /// <summary>Severity text: <c>none</c>, <c>info</c>, <c>low</c>, <c>medium</c>, <c>high</c>, <c>critical</c>.</summary>
    public static string Name(Severity value) => Lookup(SeverityNames, (int)value, nameof(value));

    /// <summary>Transport text: the lower-case IANA keyword (<c>tcp</c>, <c>ipv6-icmp</c>), the number when unassigned, or <c>unknown</c>.</summary>
    public static string Name(Transport value) => TransportNames[(byte)value];

    /// <summary>Zeek conn_state text as Zeek writes it (<c>S0</c>, <c>SF</c>...); empty for none.</summary>
    public static string Name(ConnState value) => Lookup(ConnStateNames, (int)value, nameof(value));

    /// <summary>Initiator text: <c>unknown</c>, <c>source</c>, <c>destination</c>.</summary>
    public static string Name(Initiator value) => Lookup(InitiatorNames, (int)value, nameof(value));

    /// <summary>UTF-8 <c>role_basis</c> text.</summary>
    public static ReadOnlySpan<byte> Utf8Name(RoleBasis value) => LookupUtf8(RoleBasisUtf8, (int)value, nameof(value));

    /// <summary>UTF-8 scope text.</summary>
    public static ReadOnlySpan<byte> Utf8Name(AddressScope value) => LookupUtf8(ScopeUtf8, (int)value, nameof(value));

    /// <summary>UTF-8 port class text.</summary>
    public static ReadOnlySpan<byte> Utf8Name(PortClass value) => LookupUtf8(PortClassUtf8, (int)value, nameof(value));

    /// <summary>UTF-8 direction text.</summary>
    public static ReadOnlySpan<byte> Utf8Name(Direction value) => LookupUtf8(DirectionUtf8, (int)value, nameof(value));

    /// <summary>UTF-8 severity text.</summary>
    public static ReadOnlySpan<byte> Utf8Name(Severity value) => LookupUtf8(SeverityUtf8, (int)value, nameof(value));

    /// <summary>UTF-8 transport text.</summary>
    public static ReadOnlySpan<byte> Utf8Name(Transport value) => TransportUtf8[(byte)value];

    /// <summary>UTF-8 <c>true</c> or <c>false</c>.</summary>
    public static ReadOnlySpan<byte> Utf8Boolean(bool value) => value ? TrueUtf8 : FalseUtf8;

    /// <summary>Parses a severity name (any case); <c>informational</c> is accepted for <c>info</c>.</summary>
    public static bool TryParseSeverity(string? text, out Severity severity)
    {
        string t = text?.Trim() ?? string.Empty;
        for (int i = 0; i < SeverityNames.Length; i++)
        {
            if (string.Equals(SeverityNames[i], t, StringComparison.OrdinalIgnoreCase))
            {
                severity = (Severity)i;
                return true;
            }
        }

        severity = t.Equals("informational", StringComparison.OrdinalIgnoreCase) ? Severity.Info : Severity.None;
        return severity == Severity.Info;
    }

    /// <summary>Every severity name, lowest first.</summary>
    public static System.Collections.Generic.IReadOnlyList<string> SeverityNameList => SeverityNames;

    private static string Lookup(string[] table, int index, string paramName) =>
        (uint)index < (uint)table.Length ? table[index] : throw new ArgumentOutOfRangeException(paramName, index, null);

    private static ReadOnlySpan<byte> LookupUtf8(byte[][] table, int index, string paramName) =>
        (uint)index < (uint)table.Length ? table[index] : throw new ArgumentOutOfRangeException(paramName, index, null);

    private static byte[][] Utf8(string[] names) => Array.ConvertAll(names, n => Encoding.ASCII.GetBytes(n));

    private static string[] BuildTransportNames()
    {
        var names = new string[256];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = ProtocolNames.Keyword(i) ?? i.ToString(CultureInfo.InvariantCulture);
        }

        names[(int)Transport.Unknown] = "unknown";
        return names;
    }
}
