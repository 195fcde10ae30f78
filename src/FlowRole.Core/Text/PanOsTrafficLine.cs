using System;
using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.Text;

/// <summary>
/// A PAN-OS TRAFFIC log in its syslog CSV form. Field order from Palo Alto Networks' "Traffic Log Fields": FUTURE_USE,
/// Receive Time, Serial Number, Type (TRAFFIC), Threat/Content Type, FUTURE_USE, Generated Time, Source Address (7),
/// Destination Address (8), NAT addresses, rule, users, application, vsys, zones, interfaces, log action, FUTURE_USE,
/// Session ID, Repeat Count, Source Port (24), Destination Port (25), NAT ports, Flags, Protocol (29), Action...
/// </summary>
/// <remarks>
/// The firewall's session source is the endpoint that sent the session's first packet (its client-to-server flow), so
/// the record's source is stated as the initiator.
/// </remarks>
internal static class PanOsTrafficLine
{
    private const int MaxFields = 31;
    private const int TypeField = 3;

    /// <summary>Reads the line whose <c>,TRAFFIC,</c> starts at <paramref name="typeComma"/>, up to <paramref name="end"/> of <paramref name="text"/>.</summary>
    public static AlertTextResult Read<T>(ReadOnlySpan<T> text, int typeComma, int end)
        where T : unmanaged
    {
        const AlertFormat format = AlertFormat.PaloAltoTraffic;

        // Back over Serial Number and Receive Time (which holds a space) to the FUTURE_USE field that starts the CSV.
        int at = typeComma;
        for (int field = 0; field < TypeField - 1; field++)
        {
            at--;
            while (at >= 0 && TextUnits.At(text, at) != ',')
            {
                at--;
            }

            if (at < 0)
            {
                return FieldReader.Missing(format, "receive time");
            }
        }

        int start = at;
        while (start > 0 && !TextUnits.IsSpace(TextUnits.At(text, start - 1)) && TextUnits.At(text, start - 1) != '>')
        {
            start--;
        }

        Span<int> starts = stackalloc int[MaxFields];
        Span<int> ends = stackalloc int[MaxFields];
        int count = CsvFields.Split(text, start, end, starts, ends);
        if (count < 30)
        {
            return FieldReader.Missing(format, count < 26 ? "destination port (field 26)" : "protocol (field 30)");
        }

        if (!FieldReader.TryAddress(text, starts[7], ends[7], out IpAddress source))
        {
            return FieldReader.Invalid(format, "source address", starts[7]);
        }

        if (!FieldReader.TryAddress(text, starts[8], ends[8], out IpAddress destination))
        {
            return FieldReader.Invalid(format, "destination address", starts[8]);
        }

        if (!FieldReader.TryPort(text, starts[24], ends[24], out ushort sourcePort))
        {
            return FieldReader.Invalid(format, "source port", starts[24]);
        }

        if (!FieldReader.TryPort(text, starts[25], ends[25], out ushort destinationPort))
        {
            return FieldReader.Invalid(format, "destination port", starts[25]);
        }

        if (!FieldReader.TryTransport(text, starts[29], ends[29], out Transport transport))
        {
            return FieldReader.Invalid(format, "protocol", starts[29]);
        }

        var record = new FlowRecord(source, sourcePort, destination, destinationPort, transport)
        {
            Initiator = Initiator.Source,
            InitiatorSource = InitiatorSource.Perimeter,
        };
        return new AlertTextResult(AlertTextStatus.Ok, format, record, 2, true, true, true);
    }
}
