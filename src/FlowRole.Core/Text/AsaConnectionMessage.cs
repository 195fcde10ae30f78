using System;
using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.Text;

/// <summary>
/// Cisco ASA/FTD connection messages 302013/302015 (built TCP/UDP) and 302014/302016 (teardown):
/// <c>Built {inbound|outbound} TCP connection ID for ifc:addr/port (mapped/port) to ifc:addr/port (mapped/port)</c>.
/// </summary>
/// <remarks>
/// The "for" side is always the lower-security interface's endpoint. "Built inbound" means that side opened the
/// connection, "Built outbound" that the "to" side did (Cisco's syslog guide, message 302013, and TAC document
/// 116149); so "inbound" makes the record's source the initiator and "outbound" its destination. Teardown messages
/// do not say who initiated. The real addresses are read, not the NAT-mapped ones in parentheses.
/// </remarks>
internal static class AsaConnectionMessage
{
    private static readonly Needle For = new(" for ");
    private static readonly Needle To = new(" to ");

    /// <summary>True for the message ids this type reads.</summary>
    public static bool Handles(int messageId) => messageId is 302013 or 302014 or 302015 or 302016;

    /// <summary>Reads the body of a message (after <c>%ASA-6-302013:</c>).</summary>
    public static AlertTextResult Read<T>(ReadOnlySpan<T> text, int body, int end, int messageId)
        where T : unmanaged
    {
        const AlertFormat format = AlertFormat.CiscoAsa;
        int i = TextUnits.SkipSpaces(text, body, end);
        bool built = TextUnits.MatchesLower(text, i, "built");
        Initiator initiator = Initiator.Unknown;
        if (built)
        {
            int word = TextUnits.SkipSpaces(text, i + 5, end);
            if (TextUnits.MatchesLower(text, word, "inbound"))
            {
                initiator = Initiator.Source;
            }
            else if (TextUnits.MatchesLower(text, word, "outbound"))
            {
                initiator = Initiator.Destination;
            }
        }

        Transport transport = messageId is 302013 or 302014 ? Transport.Tcp : Transport.Udp;
        int forAt = TextUnits.IndexOf(text.Slice(0, end), For, i);
        if (forAt < 0)
        {
            return FieldReader.Missing(format, "'for' endpoint");
        }

        AlertTextResult error = default;
        if (!TryEndpoint(text, forAt + 5, end, out Endpoint first, out int after, ref error))
        {
            return error.Status == AlertTextStatus.Ok ? FieldReader.Missing(format, "'for' endpoint") : error;
        }

        int toAt = TextUnits.IndexOf(text.Slice(0, end), To, after);
        if (toAt < 0)
        {
            return FieldReader.Missing(format, "'to' endpoint");
        }

        if (!TryEndpoint(text, toAt + 4, end, out Endpoint second, out _, ref error))
        {
            return error.Status == AlertTextStatus.Ok ? FieldReader.Missing(format, "'to' endpoint") : error;
        }

        var record = new FlowRecord(first, second, transport)
        {
            Initiator = initiator,
            InitiatorSource = initiator == Initiator.Unknown ? InitiatorSource.None : InitiatorSource.Perimeter,
        };
        return new AlertTextResult(AlertTextStatus.Ok, format, record, 2, true, true, true);
    }

    /// <summary>interface:address/port, where the interface name may hold spaces (<c>NP Identity Ifc</c>) but no ':'.</summary>
    private static bool TryEndpoint<T>(ReadOnlySpan<T> text, int start, int end, out Endpoint endpoint, out int after, ref AlertTextResult error)
        where T : unmanaged
    {
        endpoint = default;
        after = start;
        int colon = start;
        while (colon < end && TextUnits.At(text, colon) != ':' && colon - start < 64)
        {
            colon++;
        }

        if (colon >= end || TextUnits.At(text, colon) != ':')
        {
            return false;
        }

        int slash = colon + 1;
        while (slash < end && TextUnits.At(text, slash) != '/' && !TextUnits.IsSpace(TextUnits.At(text, slash)))
        {
            slash++;
        }

        if (slash >= end || TextUnits.At(text, slash) != '/')
        {
            return false;
        }

        if (!FieldReader.TryAddress(text, colon + 1, slash, out IpAddress address))
        {
            error = FieldReader.Invalid(AlertFormat.CiscoAsa, "address", colon + 1);
            return false;
        }

        int digits = TextUnits.DigitsEnd(text, slash + 1, end);
        if (!FieldReader.TryPort(text, slash + 1, digits, out ushort port))
        {
            error = FieldReader.Invalid(AlertFormat.CiscoAsa, "port", slash + 1);
            return false;
        }

        endpoint = new Endpoint(address, port);
        after = digits;
        return true;
    }
}
