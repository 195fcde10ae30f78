using System;
using System.Collections.Generic;

namespace FlowRole.Policy;

/// <summary>The policy file's names for severities, transports, scopes and directions (parsed ignoring case, written lower case).</summary>
internal static class PolicyNames
{
    public static readonly (string Name, Severity Value)[] Severities =
    {
        ("info", Severity.Info),
        ("low", Severity.Low),
        ("medium", Severity.Medium),
        ("high", Severity.High),
        ("critical", Severity.Critical),
    };

    public static readonly (string Name, TransportFilter Value)[] Transports =
    {
        ("tcp", TransportFilter.Tcp),
        ("udp", TransportFilter.Udp),
        ("sctp", TransportFilter.Sctp),
        ("icmp", TransportFilter.Icmp),
        ("other", TransportFilter.Other),
    };

    public static readonly (string Name, ScopeFilter Value)[] Scopes =
    {
        ("internal", ScopeFilter.Internal),
        ("external", ScopeFilter.External),
        ("global", ScopeFilter.Global),
        ("private", ScopeFilter.Private),
        ("shared", ScopeFilter.Shared),
        ("unique_local", ScopeFilter.UniqueLocal),
        ("loopback", ScopeFilter.Loopback),
        ("link_local", ScopeFilter.LinkLocal),
        ("multicast", ScopeFilter.Multicast),
        ("broadcast", ScopeFilter.Broadcast),
        ("documentation", ScopeFilter.Documentation),
        ("unspecified", ScopeFilter.Unspecified),
        ("reserved", ScopeFilter.Reserved),
        ("unknown", ScopeFilter.Unknown),
    };

    public static readonly (string Name, DirectionFilter Value)[] Directions =
    {
        ("inbound", DirectionFilter.Inbound),
        ("outbound", DirectionFilter.Outbound),
        ("internal", DirectionFilter.Internal),
        ("external", DirectionFilter.External),
        ("unknown", DirectionFilter.Unknown),
    };

    /// <summary>Every transport flag.</summary>
    public const TransportFilter AllTransports = TransportFilter.Tcp | TransportFilter.Udp | TransportFilter.Sctp | TransportFilter.Icmp | TransportFilter.Other;

    /// <summary>Every scope flag.</summary>
    public const ScopeFilter AllScopes = (ScopeFilter)0x3FFF;

    /// <summary>Every direction flag.</summary>
    public const DirectionFilter AllDirections = DirectionFilter.Unknown | DirectionFilter.Inbound | DirectionFilter.Outbound |
        DirectionFilter.Internal | DirectionFilter.External;

    public static string SeverityList => "info, low, medium, high, critical";

    public static string NameOf(Severity severity)
    {
        foreach (var (name, value) in Severities)
        {
            if (value == severity)
            {
                return name;
            }
        }

        return "none";
    }

    public static bool TryParse<T>((string Name, T Value)[] table, string text, out T value)
    {
        foreach (var entry in table)
        {
            if (string.Equals(entry.Name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = entry.Value;
                return true;
            }
        }

        value = default!;
        return false;
    }

    public static string ListOf<T>((string Name, T Value)[] table)
    {
        var names = new string[table.Length];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = table[i].Name;
        }

        return string.Join(", ", names);
    }

    /// <summary>The names of the flags set in <paramref name="flags"/>, in table order.</summary>
    public static List<string> NamesOf<T>((string Name, T Value)[] table, int flags)
        where T : Enum
    {
        var names = new List<string>();
        foreach (var (name, value) in table)
        {
            int bit = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            if ((flags & bit) != 0)
            {
                names.Add(name);
            }
        }

        return names;
    }
}
