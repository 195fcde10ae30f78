using System;
using System.Globalization;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Policy;

namespace FlowRole.Tests.Policy;

/// <summary>Builds role-resolved policy inputs from text such as <c>tcp 8.8.8.8:50123 -> 10.1.2.3:3389</c> (client first).</summary>
internal static class PolicyFlows
{
    public static PolicyInput Parse(string text, NetworkSet? internalNetworks = null)
    {
        string[] parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4 || parts[2] != "->")
        {
            throw new FormatException("expected 'transport client -> server': " + text);
        }

        var transport = parts[0] switch
        {
            "tcp" => Transport.Tcp,
            "udp" => Transport.Udp,
            "sctp" => Transport.Sctp,
            "icmp" => Transport.Icmp,
            "icmp6" => Transport.IcmpV6,
            "gre" => (Transport)47,
            "unknown" => Transport.Unknown,
            _ => throw new FormatException("transport: " + parts[0]),
        };
        var (clientAddress, clientPort) = Endpoint(parts[1]);
        var (serverAddress, serverPort) = Endpoint(parts[3]);
        var networks = internalNetworks ?? NetworkSet.Empty;
        var clientScope = AddressScopes.Classify(clientAddress);
        var serverScope = AddressScopes.Classify(serverAddress);
        bool? clientInternal = AddressScopes.IsInternal(clientAddress, clientScope, networks);
        bool? serverInternal = AddressScopes.IsInternal(serverAddress, serverScope, networks);
        return new PolicyInput(transport, clientAddress, clientPort, serverAddress, serverPort, clientScope, serverScope,
            AddressScopes.DirectionOf(clientInternal, serverInternal), clientInternal, serverInternal);
    }

    /// <summary>The ids of the rules a verdict holds, in rule order.</summary>
    public static string[] Ids(PortPolicy policy, PolicyVerdict verdict)
    {
        var ids = new System.Collections.Generic.List<string>();
        foreach (int i in verdict.Matches)
        {
            ids.Add(policy.Rules[i].Id);
        }

        return ids.ToArray();
    }

    public static string[] Matches(PortPolicy policy, string flow, NetworkSet? internalNetworks = null) =>
        Ids(policy, policy.Evaluate(Parse(flow, internalNetworks)));

    private static (IpAddress Address, ushort Port) Endpoint(string text)
    {
        int colon = text.LastIndexOf(':');
        string host = text.Substring(0, colon).Trim('[', ']');
        return (IpAddress.Parse(host), ushort.Parse(text.Substring(colon + 1), CultureInfo.InvariantCulture));
    }
}
