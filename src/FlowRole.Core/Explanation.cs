using System;
using System.Collections.Generic;
using System.Globalization;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Ports;
using FlowRole.Roles;

namespace FlowRole;

/// <summary>Builds the deterministic, human-readable reasons behind a <see cref="FlowResult"/>.</summary>
internal static class Explanation
{
    public static IReadOnlyList<string> Reasons(Classifier classifier, in FlowResult result)
    {
        var reasons = new List<string>(6);
        Endpoint client = result.Client;
        Endpoint server = result.Server;
        string transport = TransportText(result.Transport);

        reasons.Add(Invariant($"{client} is the client and {server} the server ({BasisText(result)}, confidence {result.Confidence:0.00})."));
        if (result.Swapped)
        {
            reasons.Add("The record lists the server first: it is a reply or reversed record, read here as client to server.");
        }

        if (result.Transport is not (Transport.Icmp or Transport.IcmpV6))
        {
            reasons.Add(PortText(server.Port, result.Transport, transport, "server"));
            reasons.Add(PortText(client.Port, result.Transport, transport, "client"));
        }

        reasons.Add(Invariant($"Client scope {ScopeText(result.ClientScope)}, server scope {ScopeText(result.ServerScope)}: direction {DirectionText(result.Direction)}."));

        foreach (int index in result.Verdict.Matches)
        {
            var rule = classifier.Policy.Rules[index];
            string techniques = rule.AttackTechniques.Count == 0 ? "" : " (" + string.Join(", ", rule.AttackTechniques) + ")";
            reasons.Add(Invariant($"[{FlowNames.Name(rule.Severity)}] {rule.Id}: {rule.Title}{techniques}."));
        }

        return reasons;
    }

    private static string BasisText(in FlowResult result) => result.Basis switch
    {
        RoleBasis.TcpFlags => "TCP flags: a bare SYN comes from the client, a SYN-ACK from the server",
        RoleBasis.ZeekHistory => "Zeek history: who sent the SYN or SYN-ACK, or Zeek's own analyzer flip",
        RoleBasis.ZeekConnState => "Zeek conn_state: this state needs the originator's SYN",
        RoleBasis.Initiator => "the log names the initiator",
        RoleBasis.Suricata => "Suricata orients its flow records from client to server",
        RoleBasis.Listener => "a known listener",
        RoleBasis.Learned => "learned across the data set: fan-in, host-pair or host-role context",
        RoleBasis.IcmpType => "ICMP message types: the request's sender is the client",
        RoleBasis.SpecialCase => "a protocol special case (active FTP data from 20, DHCP 68 to 67)",
        RoleBasis.ServicePort => "port knowledge: the server side is a known service port",
        RoleBasis.EphemeralPort => "port knowledge: the client side lies in common ephemeral ranges",
        RoleBasis.LowerPort => "no other evidence: the lower port is taken as the server",
        RoleBasis.AddressHint => "same port both sides: address facts break the tie",
        _ => "no evidence: the record's orientation is kept",
    };

    private static string PortText(ushort port, Transport transportValue, string transport, string side)
    {
        var info = PortTable.Default.Get(port, transportValue);
        string name = info.ServiceName is null ? "no IANA service" : "IANA service " + info.ServiceName;
        string range = PortTable.ClassOf(port) switch
        {
            PortClass.WellKnown => "the well-known range 0-1023",
            PortClass.Registered => "the registered range 1024-49151",
            _ => "the dynamic range 49152-65535",
        };
        string ephemeral = info.EphemeralOs == EphemeralOs.None ? "" : "; ephemeral on " + EphemeralText(info.EphemeralOs);
        return Invariant($"The {side} port {port}/{transport} lies in {range} ({name}{ephemeral}).");
    }

    private static string EphemeralText(EphemeralOs os)
    {
        var names = new List<string>(6);
        if ((os & EphemeralOs.Linux) != 0)
        {
            names.Add("Linux");
        }

        if ((os & EphemeralOs.Windows) != 0)
        {
            names.Add("Windows Vista+");
        }

        if ((os & EphemeralOs.WindowsLegacy) != 0)
        {
            names.Add("Windows XP/2003");
        }

        if ((os & EphemeralOs.MacOs) != 0)
        {
            names.Add("macOS");
        }

        if ((os & EphemeralOs.FreeBsd) != 0)
        {
            names.Add("FreeBSD");
        }

        if ((os & EphemeralOs.OpenBsd) != 0)
        {
            names.Add("OpenBSD");
        }

        return string.Join(", ", names);
    }

    private static string TransportText(Transport transport) => FlowNames.Name(transport);

    private static string ScopeText(AddressScope scope) => FlowNames.Name(scope);

    private static string DirectionText(Direction direction) => FlowNames.Name(direction);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
