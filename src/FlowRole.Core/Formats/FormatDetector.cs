using System;

namespace FlowRole.Formats;

/// <summary>Recognises an input's format from its first bytes.</summary>
public static class FormatDetector
{
    /// <summary>How many leading bytes <see cref="FlowReader.Open"/> reads to decide.</summary>
    public const int SniffBytes = 4096;

    /// <summary>
    /// Decides a format: <c>{</c> or <c>[</c> first is JSON; a <c>#separator</c> or <c>#fields</c> header is a Zeek
    /// log; a <c>#Version:</c>/<c>#Software:</c>/<c>#Fields:</c> header is a W3C log (the Windows Firewall log);
    /// otherwise the first line decides between TSV (more tabs than commas) and CSV. Empty input reads as CSV.
    /// </summary>
    public static InputFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        {
            head = head.Slice(3);
        }

        int i = 0;
        while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        if (i == head.Length)
        {
            return InputFormat.Csv;
        }

        if (head[i] is (byte)'{' or (byte)'[')
        {
            return InputFormat.Json;
        }

        ReadOnlySpan<byte> text = head.Slice(i);
        if (text[0] == (byte)'#')
        {
            if (StartsWith(text, "#separator") || StartsWith(text, "#fields") || StartsWith(text, "#set_separator")
                || StartsWith(text, "#path") || Contains(text, "\n#fields\t"))
            {
                return InputFormat.Zeek;
            }

            if (StartsWith(text, "#Version:") || StartsWith(text, "#Software:") || StartsWith(text, "#Fields:")
                || StartsWith(text, "#Date:") || Contains(text, "\n#Fields:"))
            {
                return InputFormat.WindowsFirewall;
            }
        }

        int end = text.IndexOf((byte)'\n');
        ReadOnlySpan<byte> firstLine = end >= 0 ? text.Slice(0, end) : text;
        int tabs = 0, commas = 0;
        bool quoted = false;
        foreach (byte b in firstLine)
        {
            if (b == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (!quoted && b == (byte)'\t')
            {
                tabs++;
            }
            else if (!quoted && b == (byte)',')
            {
                commas++;
            }
        }

        return tabs > commas ? InputFormat.Tsv : InputFormat.Csv;
    }

    private static bool StartsWith(ReadOnlySpan<byte> text, string ascii)
    {
        if (text.Length < ascii.Length)
        {
            return false;
        }

        for (int i = 0; i < ascii.Length; i++)
        {
            if (text[i] != ascii[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(ReadOnlySpan<byte> text, string ascii)
    {
        for (int i = 0; i + ascii.Length <= text.Length; i++)
        {
            if (StartsWith(text.Slice(i), ascii))
            {
                return true;
            }
        }

        return false;
    }
}
