using System;
using System.Text;
using FlowRole.Flows;
using FlowRole.Text;

namespace FlowRole.Fuzzing;

/// <summary>
/// Alert-line endpoint extraction (<see cref="AlertTextParser"/>). Invariants: no exception; the same result twice;
/// for valid UTF-8 the UTF-8, UTF-16 span and string entry points agree on status, format and flow (and, for ASCII,
/// on the message); a leading space changes nothing but the position, which counts in the text as given; any byte
/// string read as Latin-1 chars parses too; a flow has two real endpoints, TCP flags only on TCP, ICMP type and code at
/// most 255 where a format has columns for them, and classifies (client and server are its endpoints), explains and
/// describes without exception; an error says why, names the field when the status is about one, and places its
/// position inside the text.
/// </summary>
internal static class AlertTextTarget
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Run(byte[] data)
    {
        ReadOnlySpan<byte> utf8 = data;
        AlertTextResult fromBytes = AlertTextParser.Parse(utf8);
        Same(fromBytes, AlertTextParser.Parse(utf8), true, "UTF-8: two parses of the same bytes differ");
        Check(fromBytes, data.Length, "UTF-8");

        // Leading white space is trimmed: the same result, with the position still counted in the text as given.
        if (!utf8.StartsWith("\uFEFF"u8))
        {
            byte[] indented = new byte[data.Length + 1];
            indented[0] = (byte)' ';
            data.CopyTo(indented, 1);
            AlertTextResult shifted = AlertTextParser.Parse(indented);
            Same(fromBytes, shifted, false, "a leading space changes the result");
            InvariantException.Check(shifted.Position == (fromBytes.Position > 0 ? fromBytes.Position + 1 : fromBytes.Position),
                "a leading space moves the position from " + fromBytes.Position + " to " + shifted.Position);
        }

        // Every byte as one char: the char path on code units no UTF-8 decoding would give it.
        char[] widened = FuzzInput.Widen(utf8);
        AlertTextResult fromWidened = AlertTextParser.Parse(widened);
        Same(fromWidened, AlertTextParser.Parse(widened), true, "Latin-1 chars: two parses differ");
        Check(fromWidened, widened.Length, "Latin-1 chars");
        if (FuzzInput.IsAscii(utf8))
        {
            Same(fromBytes, fromWidened, true, "ASCII: UTF-8 and char entry points differ");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(data);
        }
        catch (ArgumentException)
        {
            return;
        }

        AlertTextResult fromChars = AlertTextParser.Parse(text.AsSpan());
        Same(fromChars, AlertTextParser.Parse(text), true, "span and string entry points differ");
        InvariantException.Check(AlertTextParser.TryParse(text.AsSpan(), out FlowRecord tried) == fromChars.IsSuccess
            && (!fromChars.IsSuccess || tried.Source == fromChars.Record.Source && tried.Destination == fromChars.Record.Destination),
            "TryParse and Parse disagree");
        Check(fromChars, text.Length, "UTF-16");

        // The length cap counts bytes for UTF-8 and chars for UTF-16, so text near it may legitimately differ.
        if (data.Length <= AlertTextParser.MaxLength)
        {
            Same(fromBytes, fromChars, FuzzInput.IsAscii(utf8), "valid UTF-8: UTF-8 and UTF-16 entry points differ");
        }
    }

    private static void Same(in AlertTextResult a, in AlertTextResult b, bool samePositions, string what)
    {
        InvariantException.Check(a.Status == b.Status, what + ": status " + a.Status + " vs " + b.Status);
        InvariantException.Check(a.Format == b.Format, what + ": format " + a.Format + " vs " + b.Format);
        FlowRecord x = a.Record, y = b.Record;
        InvariantException.Check(x.Source == y.Source && x.Destination == y.Destination,
            what + ": endpoints " + x.Source + " -> " + x.Destination + " vs " + y.Source + " -> " + y.Destination);
        InvariantException.Check(x.Transport == y.Transport && x.Initiator == y.Initiator && x.InitiatorSource == y.InitiatorSource
            && x.HasFirstPacketFlags == y.HasFirstPacketFlags && x.FirstPacketFlags == y.FirstPacketFlags,
            what + ": transport or evidence (" + a.Message + " vs " + b.Message + ")");
        InvariantException.Check(a.EndpointsFound == b.EndpointsFound && a.OrientationStated == b.OrientationStated && a.Field == b.Field,
            what + ": endpoint count, orientation or field");
        if (samePositions)
        {
            InvariantException.Check(a.Position == b.Position && a.Message == b.Message, what + ": '" + a.Message + "' vs '" + b.Message + "'");
        }
    }

    private static void Check(in AlertTextResult result, int length, string entry)
    {
        string message = result.Message;
        InvariantException.Check(!string.IsNullOrWhiteSpace(message), entry + ": a result without a message");
        // length + 1: an empty value at the very end (a line cut after its last comma) is placed just after the text.
        InvariantException.Check(result.Position == -1 || (result.Position >= 1 && result.Position <= length + 1),
            entry + ": position " + result.Position + " outside the text of " + length);
        if (!result.IsSuccess)
        {
            InvariantException.Check(result.Status is not AlertTextStatus.MissingField and not AlertTextStatus.InvalidValue || !string.IsNullOrEmpty(result.Field),
                entry + ": " + result.Status + " without a field name");
            InvariantException.Check(result.Status != AlertTextStatus.OneEndpoint || result.EndpointsFound == 1, entry + ": one endpoint, but " + result.EndpointsFound + " counted");
            InvariantException.Check(result.Status != AlertTextStatus.TooManyEndpoints || result.EndpointsFound >= 3, entry + ": too many endpoints, but " + result.EndpointsFound + " counted");
            return;
        }

        FlowRecord record = result.Record;
        InvariantException.Check(result.Format != AlertFormat.Unknown, entry + ": a flow from an unrecognised format");
        InvariantException.Check(result.EndpointsFound >= 2, entry + ": a flow with " + result.EndpointsFound + " endpoints counted");
        InvariantException.Check(record.Source.Address.IsIPv4 != record.Source.Address.IsIPv6 && record.Destination.Address.IsIPv4 != record.Destination.Address.IsIPv6,
            entry + ": an endpoint without an address (" + message + ")");
        InvariantException.Check(record.HasFirstPacketFlags == false || record.Transport == Transport.Tcp, entry + ": TCP flags on a " + record.Transport + " flow");
        if (record.Transport is Transport.Icmp or Transport.IcmpV6 && result.Format is AlertFormat.WindowsFirewall or AlertFormat.PfSenseFilterlog)
        {
            InvariantException.Check(record.Source.Port <= 255 && record.Destination.Port <= 255,
                entry + ": ICMP type/code above 255 (" + message + ")");
        }

        FlowResult classified = Classifier.Default.Classify(record);
        InvariantException.Check(classified.Client == record.Source && classified.Server == record.Destination
            || classified.Client == record.Destination && classified.Server == record.Source,
            entry + ": the classifier's client and server are not the flow's endpoints");
        InvariantException.Check(!string.IsNullOrEmpty(Classifier.Default.Describe(classified)), entry + ": an empty description");
        _ = Classifier.Default.Explain(classified);
        _ = Classifier.Default.Classify(record.Reverse());
    }
}
