using System;
using System.Collections.Generic;
using System.Text;

namespace FlowRole.Splunk.Tests.Infrastructure;

/// <summary>An independent, simple RFC 4180 parser (LF or CRLF record ends) for checking the command's output.</summary>
internal static class TestCsv
{
    public static List<string[]> Parse(byte[] body) => Parse(Encoding.UTF8.GetString(body));

    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        bool any = false;
        while (i < text.Length)
        {
            char c = text[i];
            any = true;
            if (c == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("unterminated quote");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }

                continue;
            }

            if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
                i++;
                continue;
            }

            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                continue;
            }

            if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row.ToArray());
                row.Clear();
                any = false;
                i++;
                continue;
            }

            field.Append(c);
            i++;
        }

        if (any)
        {
            row.Add(field.ToString());
            rows.Add(row.ToArray());
        }

        return rows;
    }

    /// <summary>Rows as dictionaries keyed by the header.</summary>
    public static List<Dictionary<string, string>> Records(byte[] body)
    {
        List<string[]> rows = Parse(body);
        var records = new List<Dictionary<string, string>>();
        if (rows.Count == 0)
        {
            return records;
        }

        string[] header = rows[0];
        for (int r = 1; r < rows.Count; r++)
        {
            if (rows[r].Length != header.Length)
            {
                throw new FormatException("row " + r + " has " + rows[r].Length + " fields, header " + header.Length);
            }

            var record = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int c = 0; c < header.Length; c++)
            {
                record[header[c]] = rows[r][c];
            }

            records.Add(record);
        }

        return records;
    }
}
