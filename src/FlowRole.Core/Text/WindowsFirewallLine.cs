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

    /// <summary>The shape of the date and time that open a line (0 for a digit).</summary>
    private const string Stamp = "0000-00-00 00:00:00";

    /// <summary>True when the text at <paramref name="start"/> opens like a log line: <c>yyyy-mm-dd hh:mm:ss ACTION</c>.</summary>
    public static bool Matches<T>(ReadOnlySpan<T> text, int start, int end)
        where T : unmanaged
    {
        if (start + 20 > end)
        {
            return false;
        }

        // Every unit of the stamp: a non-ASCII character inside it is one char but several bytes, so checking only the
        // separators' offsets would let the UTF-8 and UTF-16 readings disagree.
        for (int k = 0; k < Stamp.Length; k++)
        {
            int c = TextUnits.At(text, start + k);
            if (Stamp[k] == '0' ? !TextUnits.IsDigit(c) : c != Stamp[k])
            {
                return false;
            }
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
                if (!TryIcmpValue(text, starts[13], ends[13], out sourcePort))
                {
                    return FieldReader.Invalid(format, "icmptype", starts[13]);
                }

                if (!TryIcmpValue(text, starts[14], ends[14], out destinationPort))
                {
                    return FieldReader.Invalid(format, "icmpcode", starts[14]);
                }
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

    /// <summary>An ICMP type or code column: "-" (not logged, 0) or a number up to 255 (both are one byte on the wire).</summary>
    private static bool TryIcmpValue<T>(ReadOnlySpan<T> text, int start, int end, out ushort value)
        where T : unmanaged
    {
        value = 0;
        if (IsDash(text, start, end))
        {
            return true;
        }

        bool ok = TextUnits.TryParseNumber(text, start, end, byte.MaxValue, out uint number);
        value = (ushort)number;
        return ok;
    }

    private static bool IsDash<T>(ReadOnlySpan<T> text, int start, int end)
        where T : unmanaged => end - start == 1 && TextUnits.At(text, start) == '-';
}
