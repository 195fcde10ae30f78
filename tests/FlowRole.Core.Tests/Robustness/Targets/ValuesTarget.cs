using System;
using FlowRole.Fields;
using FlowRole.Flows;

namespace FlowRole.Fuzzing;

/// <summary>
/// Flow value parsing: ports, counts, transports, TCP flags in every spelling, Zeek history and conn_state, booleans.
/// Invariants: no exception; for short ASCII values the UTF-8 and char entry points agree; an accepted history
/// reversed twice is itself; accepted flags re-read from their numeric form are the same flags.
/// </summary>
internal static class ValuesTarget
{
    // The char entry points narrow to ASCII through a token buffer of this size; longer text is rejected there by design.
    private const int ComparableLength = 128;

    public static void Run(byte[] data)
    {
        ReadOnlySpan<byte> utf8 = data;
        char[] chars = FuzzInput.Widen(utf8);
        bool comparable = FuzzInput.IsAscii(utf8) && data.Length <= ComparableLength;

        bool port = FlowValueParser.TryParsePort(utf8, out ushort portValue);
        Agree(comparable, port, FlowValueParser.TryParsePort(chars, out ushort portChars), portValue == portChars, "port");

        bool count = FlowValueParser.TryParseCount(utf8, out long countValue);
        Agree(comparable, count, FlowValueParser.TryParseCount(chars, out long countChars), countValue == countChars, "count");
        InvariantException.Check(!count || countValue >= 0, "a negative count was accepted");

        bool transport = FlowValueParser.TryParseTransport(utf8, out Transport transportValue);
        Agree(comparable, transport, FlowValueParser.TryParseTransport(chars, out Transport transportChars), transportValue == transportChars, "transport");

        bool flags = FlowValueParser.TryParseTcpFlags(utf8, out TcpFlags flagsValue);
        Agree(comparable, flags, FlowValueParser.TryParseTcpFlags(chars, out TcpFlags flagsChars), flagsValue == flagsChars, "TCP flags");
        if (flags)
        {
            string number = ((int)flagsValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
            InvariantException.Check(FlowValueParser.TryParseTcpFlags(number.AsSpan(), out TcpFlags again) && again == flagsValue,
                "TCP flags do not survive their numeric form " + number);
        }
        else
        {
            InvariantException.Check(flagsValue == TcpFlags.None, "rejected TCP flags left a value");
        }

        bool state = FlowValueParser.TryParseConnState(utf8, out ConnState stateValue);
        Agree(comparable, state, FlowValueParser.TryParseConnState(chars, out ConnState stateChars), stateValue == stateChars, "conn_state");

        bool boolean = FlowValueParser.TryParseBoolean(utf8, out bool booleanValue);
        Agree(comparable, boolean, FlowValueParser.TryParseBoolean(chars, out bool booleanChars), booleanValue == booleanChars, "boolean");

        bool history = FlowValueParser.TryParseZeekHistory(utf8, out ZeekHistory historyValue);
        bool historyChars = ZeekHistory.TryParse(chars, out ZeekHistory historyFromChars);
        Agree(comparable, history, historyChars, historyValue == historyFromChars, "history");
        if (history)
        {
            ZeekHistory reversed = historyValue.Reverse();
            InvariantException.Check(reversed.Reverse() == historyValue, "history reversed twice is not itself");
            InvariantException.Check(reversed.IsPresent == historyValue.IsPresent, "reversing a history changed whether it is present");
            InvariantException.Check(!historyValue.IsPresent || reversed.IsReversed != historyValue.IsReversed, "reversing a history did not mark it reversed");
        }
        else
        {
            InvariantException.Check(historyValue == default, "a rejected history left a value");
        }

        // Every value a parser accepts must be usable as evidence without failing.
        if (history || flags || state)
        {
            var record = new FlowRecord(Addresses.IpAddress.FromIPv4(0x0A000001), 50000, Addresses.IpAddress.FromIPv4(0xC0000201), 443, Transport.Tcp)
            {
                History = historyValue,
                FirstPacketFlags = flagsValue,
                HasFirstPacketFlags = flags,
                ConnState = stateValue,
            };
            _ = Classifier.Default.Classify(record);
            _ = Classifier.Default.Classify(record.Reverse());
        }
    }

    private static void Agree(bool comparable, bool byUtf8, bool byChars, bool sameValue, string what)
    {
        if (!comparable)
        {
            return;
        }

        InvariantException.Check(byUtf8 == byChars, what + ": UTF-8 and char parsers disagree on acceptance");
        InvariantException.Check(!byUtf8 || sameValue, what + ": UTF-8 and char parsers read different values");
    }
}
