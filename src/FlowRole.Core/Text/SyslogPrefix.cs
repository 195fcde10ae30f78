using System;

namespace FlowRole.Text;

/// <summary>
/// Finds where the message of a syslog-wrapped line starts, so the header's host (often an IP address) is not read as
/// an endpoint: RFC 3164 (<c>&lt;PRI&gt;Mmm dd hh:mm:ss host </c>), RFC 5424 (<c>&lt;PRI&gt;1 timestamp host app procid
/// msgid [SD] </c>) and the ISO-timestamp form rsyslog writes (<c>2024-01-15T10:23:45Z host </c>).
/// </summary>
internal static class SyslogPrefix
{
    private const string Months = "janfebmaraprmayjunjulaugsepoctnovdec";

    /// <summary>The index the message starts at; 0 when the text has no syslog header.</summary>
    public static int MessageStart<T>(ReadOnlySpan<T> text)
        where T : unmanaged
    {
        int end = text.Length;
        int i = 0;
        if (end > 2 && TextUnits.At(text, 0) == '<')
        {
            int digitsEnd = TextUnits.DigitsEnd(text, 1, Math.Min(end, 5));
            if (digitsEnd > 1 && digitsEnd < end && TextUnits.At(text, digitsEnd) == '>')
            {
                i = digitsEnd + 1;
            }
        }

        // RFC 5424: a version number right after the PRI.
        if (i > 0 && i + 1 < end && TextUnits.IsDigit(TextUnits.At(text, i)) && TextUnits.At(text, i + 1) == ' ')
        {
            int at = i + 2;
            for (int field = 0; field < 5; field++)
            {
                at = TextUnits.TokenEnd(text, at, end);
                if (at >= end)
                {
                    return i;
                }

                at++;
            }

            return SkipStructuredData(text, at, end);
        }

        int m = i;
        if (IsMonth(text, m, end))
        {
            // Mmm dd hh:mm:ss host
            int at = TextUnits.SkipSpaces(text, m + 3, end);
            int dayEnd = TextUnits.DigitsEnd(text, at, end);
            if (dayEnd == at || dayEnd - at > 2 || dayEnd >= end || TextUnits.At(text, dayEnd) != ' ')
            {
                return i;
            }

            at = dayEnd + 1;
            if (!IsClock(text, at, end))
            {
                return i;
            }

            at = TextUnits.SkipSpaces(text, at + 8, end);
            int hostEnd = TextUnits.TokenEnd(text, at, end);
            return hostEnd < end ? TextUnits.SkipSpaces(text, hostEnd, end) : i;
        }

        if (IsIsoTimestamp(text, m, end))
        {
            int at = TextUnits.SkipSpaces(text, TextUnits.TokenEnd(text, m, end), end);
            int hostEnd = TextUnits.TokenEnd(text, at, end);
            return hostEnd < end ? TextUnits.SkipSpaces(text, hostEnd, end) : i;
        }

        return i;
    }

    private static int SkipStructuredData<T>(ReadOnlySpan<T> text, int at, int end)
        where T : unmanaged
    {
        if (at < end && TextUnits.At(text, at) == '-')
        {
            return TextUnits.SkipSpaces(text, at + 1, end);
        }

        // [id param="value"]... ; inside quotes, \" \] \\ are escapes.
        while (at < end && TextUnits.At(text, at) == '[')
        {
            bool quoted = false;
            at++;
            while (at < end)
            {
                int c = TextUnits.At(text, at);
                if (c == '\\' && quoted)
                {
                    at += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == ']' && !quoted)
                {
                    break;
                }

                at++;
            }

            at++;
        }

        return Math.Min(TextUnits.SkipSpaces(text, at, end), end);
    }

    private static bool IsMonth<T>(ReadOnlySpan<T> text, int at, int end)
        where T : unmanaged
    {
        if (at + 4 > end || TextUnits.At(text, at + 3) != ' ')
        {
            return false;
        }

        int a = TextUnits.Lower(TextUnits.At(text, at)), b = TextUnits.Lower(TextUnits.At(text, at + 1)), c = TextUnits.Lower(TextUnits.At(text, at + 2));
        for (int k = 0; k < Months.Length; k += 3)
        {
            if (Months[k] == a && Months[k + 1] == b && Months[k + 2] == c)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>hh:mm:ss followed by a space (or a fraction).</summary>
    private static bool IsClock<T>(ReadOnlySpan<T> text, int at, int end)
        where T : unmanaged =>
        at + 8 < end
        && TextUnits.IsDigit(TextUnits.At(text, at)) && TextUnits.IsDigit(TextUnits.At(text, at + 1)) && TextUnits.At(text, at + 2) == ':'
        && TextUnits.IsDigit(TextUnits.At(text, at + 3)) && TextUnits.IsDigit(TextUnits.At(text, at + 4)) && TextUnits.At(text, at + 5) == ':'
        && TextUnits.IsDigit(TextUnits.At(text, at + 6)) && TextUnits.IsDigit(TextUnits.At(text, at + 7));

    /// <summary>yyyy-mm-ddThh:... as the first token.</summary>
    private static bool IsIsoTimestamp<T>(ReadOnlySpan<T> text, int at, int end)
        where T : unmanaged =>
        at + 11 < end
        && TextUnits.IsDigit(TextUnits.At(text, at)) && TextUnits.IsDigit(TextUnits.At(text, at + 3)) && TextUnits.At(text, at + 4) == '-'
        && TextUnits.At(text, at + 7) == '-' && (TextUnits.At(text, at + 10) | 0x20) == 't';
}
