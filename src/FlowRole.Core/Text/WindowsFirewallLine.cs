using System;
using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.Text;

/// <summary>
/// A Windows Firewall log (pfirewall.log) line, space separated in the W3C order its <c>#Fields:</c> header gives:
/// date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info
/// path [pid]. SEND and RECEIVE paths log the packet that opened the connection, so the source initiated (the same
/// reading Core's W3C reader gives the <c>path</c> column).
/// </summary>
internal static class WindowsFirewallLine
{
    private const int Fields = 17;

    /// <summary>True when the text at <paramref name="start"/> opens like a log line: <c>yyyy-mm-dd hh:mm:ss ACTION</c>.</summary>
    public static bool Matches<T>(ReadOnlySpan<T> text, int start, int end)
        where T : unmanaged
    {
        if (start + 20 > end
            || !TextUnits.IsDigit(TextUnits.At(text, start)) || TextUnits.At(text, start + 4) != '-' || TextUnits.At(text, start + 7) != '-'
            || TextUnits.At(text, start + 10) != ' ' || TextUnits.At(text, start + 13) != ':' || TextUnits.At(text, start + 16) != ':')
        {
            return false;
        }

        int action = TextUnits.SkipSpaces(text, start + 19, end);
        int actionEnd = TextUnits.TokenEnd(text, action, end);
        return TextUnits.EqualsLower(text, action, actionEnd, "allow") || TextUnits.EqualsLower(text, action, actionEnd, "drop")
            || TextUnits.EqualsLower(text, action, actionEnd, "open") || TextUnits.EqualsLower(text, action, actionEnd, "close")
            || TextUnits.EqualsLower(text, action, actionEnd, "open-inbound") || TextUnits.EqualsLower(text, action, actionEnd, "info-events-lost");
    }

    public static AlertTextResult Read<T>(ReadOnlySpan<T> text, int start, int end)
        where T : unmanaged
    {
        const AlertFormat format = AlertFormat.WindowsFirewall;
        Span<int> starts = stackalloc int[Fields];
        Span<int> ends = stackalloc int[Fields];
        int count = 0;
        int at = start;
        while (count < Fields)
        {
            at = TextUnits.SkipSpaces(text, at, end);
            if (at >= end)
            {
                break;
            }

            starts[count] = at;
            at = TextUnits.TokenEnd(text, at, end);
            ends[count] = at;
            count++;
        }

        if (count < 6 || IsDash(text, starts[4], ends[4]) || IsDash(text, starts[5], ends[5]))
        {
            return new AlertTextResult(AlertTextStatus.NoEndpoint, format, default, 0, false, false, false);
        }

        if (count < 8)
        {
            return FieldReader.Missing(format, "dst-port");
        }

        if (!FieldReader.TryTransport(text, starts[3], ends[3], out Transport transport))
        {
            return FieldReader.Invalid(format, "protocol", starts[3]);
        }

        if (!FieldReader.TryAddress(text, starts[4], ends[4], out IpAddress source))
        {
            return FieldReader.Invalid(format, "src-ip", starts[4]);
        }

        if (!FieldReader.TryAddress(text, starts[5], ends[5], out IpAddress destination))
        {
            return FieldReader.Invalid(format, "dst-ip", starts[5]);
        }

        bool icmp = transport is Transport.Icmp or Transport.IcmpV6;
        ushort sourcePort = 0, destinationPort = 0;
        if (icmp)
        {
            // Ports are "-"; the type and code have their own columns.
            if (count > 14)
            {
                FieldReader.TryPort(text, starts[13], ends[13], out sourcePort);
                FieldReader.TryPort(text, starts[14], ends[14], out destinationPort);
            }
        }
        else if (TextScanner<T>.NeedsPorts(transport))
        {
            if (!FieldReader.TryPort(text, starts[6], ends[6], out sourcePort))
            {
                return FieldReader.Invalid(format, "src-port", starts[6]);
            }

            if (!FieldReader.TryPort(text, starts[7], ends[7], out destinationPort))
            {
                return FieldReader.Invalid(format, "dst-port", starts[7]);
            }
        }

        var record = new FlowRecord(source, sourcePort, destination, destinationPort, transport);
        if (count > 16 && (TextUnits.EqualsLower(text, starts[16], ends[16], "send") || TextUnits.EqualsLower(text, starts[16], ends[16], "receive")))
        {
            record = record with { Initiator = Initiator.Source, InitiatorSource = InitiatorSource.Firewall };
        }

        return new AlertTextResult(AlertTextStatus.Ok, format, record, 2, true, true, true);
    }

    private static bool IsDash<T>(ReadOnlySpan<T> text, int start, int end)
        where T : unmanaged => end - start == 1 && TextUnits.At(text, start) == '-';
}
