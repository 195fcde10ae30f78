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

    /// <summary>
    /// The plain-language explanation of a result, one statement per line: client and server, why (the evidence and
    /// the port reasoning), the direction, the transport when the log did not state it, a client-OS hint from the
    /// client port, each finding with its severity and ATT&amp;CK techniques, and the verdict. Deterministic.
    /// </summary>
    public static string Describe(Classifier classifier, in FlowResult result)
    {
        Endpoint client = result.Client;
        Endpoint server = result.Server;
        Transport transport = result.Transport;
        bool icmp = transport is Transport.Icmp or Transport.IcmpV6;
        bool ports = !icmp && TextHasPorts(transport);
        var text = new System.Text.StringBuilder(512);

        text.Append("Client: ").Append(client.Address.ToString()).Append(" (").Append(ScopeText(result.ClientScope)).Append(')');
        if (ports)
        {
            text.Append(", port ").Append(Number(client.Port));
        }

        text.Append(".\n");
        text.Append("Server: ").Append(server.Address.ToString()).Append(" (").Append(ScopeText(result.ServerScope)).Append(')');
        if (ports)
        {
            text.Append(", port ").Append(Number(server.Port));
            text.Append(result.Service is { } service ? ", service " + service : ", no known service");
        }

        text.Append(".\n");
        text.Append("Why: ").Append(WhyText(result)).Append(' ')
            .Append(Invariant($"Basis: {FlowNames.Name(result.Basis)}, confidence {result.Confidence:0.00}.")).Append('\n');
        if (result.Swapped)
        {
            text.Append("Order: the log names the server first (as replies, server-side records and some firewalls do); read here from client to server.\n");
        }

        text.Append("Direction: ").Append(DirectionSentence(result)).Append('\n');
        if (transport == Transport.Unknown)
        {
            text.Append("Transport: not stated in the log; TCP's port facts were used.\n");
        }
        else if (icmp)
        {
            text.Append(Invariant($"Transport: {TransportText(transport)}, which has no ports: type {client.Port} from the client, {server.Port} as the reply type or code.")).Append('\n');
        }

        if (ports && result.Basis != RoleBasis.SpecialCase)
        {
            // A protocol's fixed client port (DHCP's 68, FTP's 20) says nothing about the OS.
            text.Append("Client OS hint: ").Append(ClientOsHint.Describe(client.Port)).Append(' ').Append(ClientOsHint.Caveat).Append('\n');
        }

        int findings = 0;
        foreach (int index in result.Verdict.Matches)
        {
            var rule = classifier.Policy.Rules[index];
            findings++;
            text.Append("Finding: [").Append(FlowNames.Name(rule.Severity)).Append("] ").Append(rule.Id).Append(": ").Append(rule.Title.TrimEnd('.')).Append('.');
            if (rule.AttackTechniques.Count > 0)
            {
                text.Append(" ATT&CK: ").Append(string.Join(", ", rule.AttackTechniques)).Append('.');
            }

            text.Append('\n');
        }

        if (findings == 0)
        {
            text.Append("Findings: none.\n");
        }

        text.Append("Verdict: ").Append(result.Suspicious
            ? "suspicious (a finding at or above the policy threshold, " + FlowNames.Name(classifier.Policy.Threshold) + ")."
            : findings == 0 ? "nothing suspicious." : "below the policy threshold (" + FlowNames.Name(classifier.Policy.Threshold) + "), not suspicious.");
        return text.ToString();
    }

    /// <summary>Why the client is the client: the deciding evidence in words, with the port reasoning where ports decided.</summary>
    private static string WhyText(in FlowResult result)
    {
        Endpoint client = result.Client;
        Endpoint server = result.Server;
        string c = client.Address.ToString();
        string s = server.Address.ToString();
        FlowRecord record = result.Record;
        return result.Basis switch
        {
            RoleBasis.TcpFlags => result.Swapped
                ? "the logged packet is a SYN-ACK from " + s + ", the answer of a listening server to a client's SYN."
                : "the logged packet is a bare SYN from " + c + ", which only the side opening a connection sends.",
            RoleBasis.ZeekHistory => "Zeek's connection history shows which side sent the SYN (or that Zeek's protocol analyzer turned the record around).",
            RoleBasis.ZeekConnState => "Zeek's connection state " + FlowNames.Name(record.ConnState) + " only arises from the originator's SYN.",
            RoleBasis.Initiator => record.InitiatorSource switch
            {
                InitiatorSource.Perimeter => "the firewall's own connection record names " + c + " as the side that opened the connection (e.g. Cisco ASA \"Built inbound/outbound\", a PAN-OS session source).",
                InitiatorSource.Firewall => "the host firewall log shows " + c + " sending the packet that opened the connection (path SEND or RECEIVE).",
                InitiatorSource.Sysmon => "Sysmon says which host initiated the connection.",
                _ => "the input names " + c + " as the initiator.",
            },
            RoleBasis.Suricata => "Suricata's flow tracking writes its records from client to server.",
            RoleBasis.Listener => s + " port " + Number(server.Port) + " is a listener you named.",
            RoleBasis.Learned => "across the whole data set " + s + " port " + Number(server.Port) + " is reached by many peers, or serves this pair of hosts.",
            RoleBasis.IcmpType => Invariant($"{c} sent the ICMP request (type {client.Port}) and {s} answers with type {server.Port}."),
            RoleBasis.SpecialCase => SpecialCaseText(result),
            RoleBasis.ServicePort => ServerPortText(server.Port, result) + " and " + ClientPortText(client.Port) + ".",
            RoleBasis.EphemeralPort => ClientPortText(client.Port) + ", while " + Number(server.Port) + " is outside the common client ranges.",
            RoleBasis.LowerPort => Invariant($"neither the record nor the ports settle it ({server.Port} and {client.Port} look alike to port knowledge), so by convention the lower port, {server.Port}, is taken as the server's; treat these roles as a guess."),
            RoleBasis.AddressHint => Invariant($"both sides use port {server.Port}, so ports cannot decide; facts about the addresses break the tie (a group address only receives, an internal host usually asks)."),
            _ => "nothing in the record decides; the log's own order is kept.",
        };
    }

    private static string SpecialCaseText(in FlowResult result)
    {
        ushort serverPort = result.Server.Port;
        ushort clientPort = result.Client.Port;
        if (result.Transport == Transport.Tcp && (clientPort == 20 || serverPort == 20))
        {
            return "active FTP: the server opens the data connection from its port 20 back to the port the client announced.";
        }

        return Invariant($"DHCP: the client's port {clientPort} and the server's port {serverPort} are both fixed by the protocol.");
    }

    /// <summary>What the server port is, e.g. "443 is the well-known port of https".</summary>
    private static string ServerPortText(ushort port, in FlowResult result)
    {
        string range = PortTable.ClassOf(port) switch
        {
            PortClass.WellKnown => "well-known",
            PortClass.Registered => "registered",
            _ => "dynamic-range",
        };
        Transport transport = result.Transport;
        string? iana = PortTable.Default.GetServiceName(port, transport == Transport.Unknown ? Transport.Tcp : transport);
        if (result.Service is { } service)
        {
            string alias = iana is not null && !string.Equals(iana, service, StringComparison.OrdinalIgnoreCase) ? " (IANA name " + iana + ")" : string.Empty;
            return Number(port) + " is the " + range + " port of " + service + alias;
        }

        return iana is not null ? Number(port) + " is registered to " + iana : Number(port) + " is a " + range + " port used by servers";
    }

    /// <summary>What the client port's range says, e.g. "53210 lies in the dynamic range 49152-65535 that Windows and macOS use for client ports".</summary>
    internal static string ClientPortText(ushort port)
    {
        EphemeralOs os = PortTable.EphemeralOsOf(port);
        string p = Number(port);
        if ((os & EphemeralOs.Windows) != 0)
        {
            return p + " lies in the dynamic range 49152-65535 that Windows and macOS use for client ports"
                + ((os & EphemeralOs.Linux) != 0 ? " (and in Linux's 32768-60999)" : string.Empty);
        }

        if ((os & EphemeralOs.Linux) != 0)
        {
            return p + " lies in Linux's client port range 32768-60999";
        }

        if ((os & EphemeralOs.WindowsLegacy) != 0)
        {
            return p + " lies in the range 1025-5000 that old Windows (XP/2003) used for client ports";
        }

        if ((os & EphemeralOs.FreeBsd) != 0)
        {
            return p + " lies in FreeBSD's client port range 10000-65535, outside the Windows, macOS and Linux defaults";
        }

        return (os & EphemeralOs.OpenBsd) != 0
            ? p + " is a registered-range port that only OpenBSD picks for clients by default"
            : p + " is a well-known port, which operating systems do not pick for clients";
    }

    private static string DirectionSentence(in FlowResult result)
    {
        string scopes = " (client " + ScopeText(result.ClientScope) + ", server " + ScopeText(result.ServerScope) + ").";
        return result.Direction switch
        {
            Direction.Inbound => "inbound: an external client reaches an internal server" + scopes,
            Direction.Outbound => "outbound: an internal client reaches an external server" + scopes,
            Direction.Internal => "internal: both sides are internal" + scopes,
            Direction.External => "external: neither side is internal" + scopes,
            _ => "unknown: the address scopes do not decide it" + scopes,
        };
    }

    private static bool TextHasPorts(Transport transport) =>
        transport is Transport.Tcp or Transport.Udp or Transport.Sctp or Transport.Unknown || (byte)transport is 33 or 136;

    private static string Number(ushort value) => value.ToString(CultureInfo.InvariantCulture);

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
