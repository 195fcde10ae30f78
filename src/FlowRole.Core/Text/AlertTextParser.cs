using System;
using FlowRole.Flows;

namespace FlowRole.Text;

/// <summary>
/// Reads the flow an alert line talks about: its two endpoints (which is the source, which the destination), the
/// transport when stated, and any initiator or TCP-flag evidence the format carries, as a <see cref="FlowRecord"/>
/// ready for <see cref="Classifier.Classify(in FlowRecord)"/>. Text that does not state a flow gives an error value
/// that says what was found; nothing is guessed.
/// </summary>
/// <remarks>
/// <para>Formats, each also inside an RFC 3164 or RFC 5424 syslog header: Cisco ASA/FTD messages (302013-302016 built
/// and teardown, whose inbound/outbound word names the initiator; other messages by their <c>src</c>/<c>dst</c> or
/// <c>from</c>/<c>to</c> endpoints written <c>ifc:ip/port</c>), CEF (<c>src= spt= dst= dpt= proto=</c> in the
/// extension), pfSense/OPNsense filterlog CSV, PAN-OS TRAFFIC CSV (the session source initiated), the Windows Firewall
/// log (its SEND/RECEIVE path names the initiator), netfilter LOG lines (<c>SRC= DST= PROTO= SPT= DPT=</c>, SYN flag
/// words), tcpdump lines, key=value logs and free text.</para>
/// <para>In free text, endpoints are <c>ip:port</c>, <c>[ipv6]:port</c>, <c>ip.port</c>, <c>ip port N</c> or a bare address
/// with a labelled port (<c>Source Port: 53210</c>); their roles come from labels (<c>Source</c>, <c>src</c>, <c>from</c>,
/// <c>Destination</c>, <c>dst</c>, <c>to</c>, with or without <c>IP</c>/<c>Address</c>, <c>:</c> or <c>=</c>) or an arrow
/// between them (<c>-&gt;</c>, <c>→</c>, <c>=&gt;</c>, <c>&gt;</c>, <c>&lt;-</c>). Two bare endpoints are taken in the
/// order written (<see cref="AlertTextResult.OrientationStated"/> is then false); three or more without labels are an
/// error. The transport comes from a <c>proto</c>/<c>protocol</c> field, else from a transport word (<c>TCP</c>,
/// <c>udp</c>) when only one is named.</para>
/// <para>Allocation-free per line for UTF-16 and UTF-8 input; only <see cref="AlertTextResult.Message"/> allocates.
/// Thread-safe.</para>
/// </remarks>
public static class AlertTextParser
{
    /// <summary>The longest text read, in characters (UTF-16) or bytes (UTF-8); longer text is an error value.</summary>
    public const int MaxLength = 65536;

    /// <summary>The name front ends give the alert line when they write it beside the output contract.</summary>
    public const string TextFieldName = "alert_text";

    private static readonly Needle Percent = new("%");
    private static readonly Needle Asa = new("%ASA-");
    private static readonly Needle Ftd = new("%FTD-");
    private static readonly Needle Pix = new("%PIX-");
    private static readonly Needle Cef = new("CEF:");
    private static readonly Needle Filterlog = new("filterlog");
    private static readonly Needle Traffic = new(",TRAFFIC,");
    private static readonly Needle NetfilterSource = new("SRC=");
    private static readonly Needle NetfilterDestination = new("DST=");
    private static readonly Needle NetfilterProtocol = new("PROTO=");

    /// <summary>Reads one alert line.</summary>
    public static AlertTextResult Parse(ReadOnlySpan<char> text) => Read(text);

    /// <summary>Reads one alert line given as UTF-8 bytes (same rules as the char overload).</summary>
    public static AlertTextResult Parse(ReadOnlySpan<byte> utf8) => Read(utf8);

    /// <summary>Reads one alert line.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static AlertTextResult Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return Read(text.AsSpan());
    }

    /// <summary>Reads one alert line; true with the flow, or false (see <see cref="Parse(ReadOnlySpan{char})"/> for why).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out FlowRecord record)
    {
        AlertTextResult result = Read(text);
        record = result.IsSuccess ? result.Record : default;
        return result.IsSuccess;
    }

    private static AlertTextResult Read<T>(ReadOnlySpan<T> text)
        where T : unmanaged
    {
        AlertTextResult result = ReadTrimmed(Trim(text, out int offset));

        // Positions count from the start of the text as given, not of the trimmed line.
        return offset == 0 ? result : result.WithPositionOffset(offset);
    }

    private static AlertTextResult ReadTrimmed<T>(ReadOnlySpan<T> text)
        where T : unmanaged
    {
        if (text.IsEmpty)
        {
            return new AlertTextResult(AlertTextStatus.Empty, AlertFormat.Unknown, default, 0, false, false, false);
        }

        if (text.Length > MaxLength)
        {
            return new AlertTextResult(AlertTextStatus.TooLong, AlertFormat.Unknown, default, 0, false, false, false);
        }

        int end = text.Length;
        Span<EndpointCandidate> candidates = stackalloc EndpointCandidate[TextScanner<T>.MaxCandidates];

        int asa = FindAsa(text);
        if (asa >= 0)
        {
            // %ASA-6-302013: body
            int severityEnd = TextUnits.DigitsEnd(text, asa + 5, end);
            int idStart = severityEnd + 1;
            int idEnd = TextUnits.DigitsEnd(text, idStart, end);
            if (severityEnd < end && TextUnits.At(text, severityEnd) == '-' && idEnd < end && TextUnits.At(text, idEnd) == ':'
                && TextUnits.TryParseNumber(text, idStart, idEnd, 999999, out uint id))
            {
                if (AsaConnectionMessage.Handles((int)id))
                {
                    return AsaConnectionMessage.Read(text, idEnd + 1, end, (int)id);
                }

                return new TextScanner<T>(text, end, slashPorts: true, flagWords: false, candidates).Read(idEnd + 1, AlertFormat.CiscoAsa);
            }
        }

        int cef = TextUnits.IndexOf(text, Cef);
        if (cef >= 0)
        {
            int extension = CefExtensionStart(text, cef + 4, end);
            return extension < 0
                ? FieldReader.Missing(AlertFormat.Cef, "extension (after the seventh '|')")
                : new TextScanner<T>(text, end, slashPorts: false, flagWords: false, candidates).Read(extension, AlertFormat.Cef);
        }

        int filterlog = TextUnits.IndexOf(text, Filterlog);
        if (filterlog >= 0)
        {
            return FilterlogLine.Read(text, filterlog + 9, end);
        }

        int traffic = TextUnits.IndexOf(text, Traffic);
        if (traffic >= 0)
        {
            return PanOsTrafficLine.Read(text, traffic, end);
        }

        int message = SyslogPrefix.MessageStart(text);
        if (WindowsFirewallLine.Matches(text, message, end))
        {
            return WindowsFirewallLine.Read(text, message, end);
        }

        int source = TextUnits.IndexOf(text, NetfilterSource, message);
        int destination = source >= 0 ? TextUnits.IndexOf(text, NetfilterDestination, message) : -1;
        if (destination >= 0 && TextUnits.IndexOf(text, NetfilterProtocol, message) >= 0)
        {
            // An ICMP error quotes the offending packet in brackets after the header: its SRC=/DST= are not this flow.
            int scanEnd = end;
            for (int k = destination; k < end; k++)
            {
                if (TextUnits.At(text, k) == '[')
                {
                    scanEnd = k;
                    break;
                }
            }

            return new TextScanner<T>(text, scanEnd, slashPorts: false, flagWords: true, candidates).Read(message, AlertFormat.Netfilter);
        }

        return new TextScanner<T>(text, end, slashPorts: false, flagWords: false, candidates).Read(message, AlertFormat.FreeText);
    }

    /// <summary>The index of <c>%ASA-</c>, <c>%FTD-</c> or <c>%PIX-</c>, or -1: one scan for '%', then a look at what follows.</summary>
    private static int FindAsa<T>(ReadOnlySpan<T> text)
        where T : unmanaged
    {
        int at = TextUnits.IndexOf(text, Percent);
        while (at >= 0)
        {
            if (TextUnits.Matches(text, at, Asa.Chars) || TextUnits.Matches(text, at, Ftd.Chars) || TextUnits.Matches(text, at, Pix.Chars))
            {
                return at;
            }

            at = TextUnits.IndexOf(text, Percent, at + 1);
        }

        return -1;
    }

    /// <summary>The index after the seventh unescaped '|' of a CEF header (Version|Vendor|Product|Version|ID|Name|Severity|), or -1.</summary>
    private static int CefExtensionStart<T>(ReadOnlySpan<T> text, int start, int end)
        where T : unmanaged
    {
        int pipes = 0;
        for (int i = start; i < end; i++)
        {
            int c = TextUnits.At(text, i);
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (c == '|' && ++pipes == 7)
            {
                return i + 1;
            }
        }

        return -1;
    }

    private static ReadOnlySpan<T> Trim<T>(ReadOnlySpan<T> text, out int offset)
        where T : unmanaged
    {
        int start = 0, end = text.Length;
        if (typeof(T) == typeof(byte) && end >= 3 && TextUnits.At(text, 0) == 0xEF && TextUnits.At(text, 1) == 0xBB && TextUnits.At(text, 2) == 0xBF)
        {
            start = 3;
        }
        else if (typeof(T) == typeof(char) && end >= 1 && TextUnits.At(text, 0) == 0xFEFF)
        {
            start = 1;
        }

        while (start < end && TextUnits.IsSpace(TextUnits.At(text, start)))
        {
            start++;
        }

        while (end > start && TextUnits.IsSpace(TextUnits.At(text, end - 1)))
        {
            end--;
        }

        offset = start;
        return text.Slice(start, end - start);
    }
}
