using System;
using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.Text;

/// <summary>
/// A pfSense/OPNsense <c>filterlog</c> line: CSV after the <c>filterlog</c> tag, in the order of Netgate's "Raw Filter
/// Log Format": rule, sub rule, anchor, tracker, interface, reason, action, direction, IP version; IPv4 then TOS, ECN,
/// TTL, ID, offset, flags, protocol id, protocol text; IPv6 then class, flow label, hop limit, protocol text,
/// protocol id; both then length, source, destination; TCP/UDP then source port, destination port, data length; TCP
/// then its flags. The line logs one packet, so it names no initiator; a bare SYN's flags still say who opened.
/// </summary>
internal static class FilterlogLine
{
    private const int MaxFields = 32;

    public static AlertTextResult Read<T>(ReadOnlySpan<T> text, int tagEnd, int end)
        where T : unmanaged
    {
        const AlertFormat format = AlertFormat.PfSenseFilterlog;

        // The CSV is the first token after the tag that holds a comma ("filterlog[123]: 5,,,", "filterlog 123 - - 5,,,").
        int csv = -1;
        int at = tagEnd;
        while (at < end)
        {
            at = TextUnits.SkipSpaces(text, at, end);
            int tokenEnd = TextUnits.TokenEnd(text, at, end);
            for (int k = at; k < tokenEnd; k++)
            {
                if (TextUnits.At(text, k) == ',')
                {
                    csv = at;
                    break;
                }
            }

            if (csv >= 0)
            {
                break;
            }

            at = tokenEnd;
        }

        if (csv < 0)
        {
            return FieldReader.Missing(format, "CSV");
        }

        Span<int> starts = stackalloc int[MaxFields];
        Span<int> ends = stackalloc int[MaxFields];
        int count = CsvFields.Split(text, csv, end, starts, ends);
        if (count < 9)
        {
            return FieldReader.Missing(format, "IP version (field 9)");
        }

        bool v6 = TextUnits.EqualsLower(text, starts[8], ends[8], "6");
        if (!v6 && !TextUnits.EqualsLower(text, starts[8], ends[8], "4"))
        {
            return FieldReader.Invalid(format, "IP version (field 9)", starts[8]);
        }

        int protocolId = v6 ? 13 : 15;
        int source = v6 ? 15 : 18;
        if (count <= source + 1)
        {
            return FieldReader.Missing(format, v6 ? "destination address (field 17)" : "destination address (field 20)");
        }

        if (!FieldReader.TryTransport(text, starts[protocolId], ends[protocolId], out Transport transport))
        {
            return FieldReader.Invalid(format, "protocol id", starts[protocolId]);
        }

        if (!FieldReader.TryAddress(text, starts[source], ends[source], out IpAddress sourceAddress))
        {
            return FieldReader.Invalid(format, "source address", starts[source]);
        }

        if (!FieldReader.TryAddress(text, starts[source + 1], ends[source + 1], out IpAddress destinationAddress))
        {
            return FieldReader.Invalid(format, "destination address", starts[source + 1]);
        }

        ushort sourcePort = 0, destinationPort = 0;
        TcpFlags flags = TcpFlags.None;
        int ports = source + 2;
        if (transport is Transport.Tcp or Transport.Udp)
        {
            if (count <= ports + 1)
            {
                return FieldReader.Missing(format, "destination port");
            }

            if (!FieldReader.TryPort(text, starts[ports], ends[ports], out sourcePort))
            {
                return FieldReader.Invalid(format, "source port", starts[ports]);
            }

            if (!FieldReader.TryPort(text, starts[ports + 1], ends[ports + 1], out destinationPort))
            {
                return FieldReader.Invalid(format, "destination port", starts[ports + 1]);
            }

            if (transport == Transport.Tcp && count > ports + 3)
            {
                FieldReader.TryFlags(text, starts[ports + 3], ends[ports + 3], out flags);
            }
        }
        else if (transport is Transport.Icmp or Transport.IcmpV6 && count > ports)
        {
            sourcePort = IcmpTypeOf(text, starts[ports], ends[ports], transport == Transport.IcmpV6);
        }

        var record = new FlowRecord(sourceAddress, sourcePort, destinationAddress, destinationPort, transport);
        return new AlertTextResult(AlertTextStatus.Ok, format, FieldReader.WithHandshakeFlags(record, flags), 2, true, true, true);
    }

    /// <summary>filterlog writes ICMP types as words; the request/reply ones map to their numbers (others: 0, undecided).</summary>
    private static ushort IcmpTypeOf<T>(ReadOnlySpan<T> text, int start, int end, bool v6)
        where T : unmanaged
    {
        if (TextUnits.EqualsLower(text, start, end, "request"))
        {
            return (ushort)(v6 ? 128 : 8);
        }

        if (TextUnits.EqualsLower(text, start, end, "reply"))
        {
            return (ushort)(v6 ? 129 : 0);
        }

        if (TextUnits.EqualsLower(text, start, end, "unreach"))
        {
            return (ushort)(v6 ? 1 : 3);
        }

        if (TextUnits.EqualsLower(text, start, end, "timexceed"))
        {
            return (ushort)(v6 ? 3 : 11);
        }

        return 0;
    }
}
