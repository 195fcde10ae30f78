using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using FlowRole.Flows;

namespace FlowRole.Ports;

/// <summary>
/// Reads the IANA service name and port number registry as CSV (RFC 4180: quoted fields may hold commas, doubled
/// quotes and line breaks). Accepts both the flattened snake_case layout kept in the shared data and IANA's own
/// "Service Name,Port Number,Transport Protocol,Description,..." layout. Used only by the generator and tests, so
/// clarity of errors matters more than speed here.
/// </summary>
internal static class IanaRegistryReader
{
    /// <summary>DCCP's protocol number; the registry lists it, FlowRole keeps no table for it.</summary>
    internal const Transport Dccp = (Transport)33;

    /// <summary>Reads a registry file.</summary>
    public static List<IanaRecord> ReadFile(string path)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    /// <summary>Reads registry CSV; <paramref name="source"/> names the input in error messages.</summary>
    public static List<IanaRecord> Read(TextReader reader, string source)
    {
        if (reader is null)
        {
            throw new ArgumentNullException(nameof(reader));
        }

        string text;
        try
        {
            text = reader.ReadToEnd();
        }
        catch (DecoderFallbackException ex)
        {
            throw new FormatException(source + ": the file is not valid UTF-8 (" + ex.Message + ")", ex);
        }

        var rows = new CsvRows(text, source);
        if (!rows.Next(out var headerLine, out var header))
        {
            throw new FormatException(source + ": the file is empty; expected a header row naming service_name, port_number, transport and description");
        }

        var nameColumn = FindColumn(header, source, headerLine, "service_name");
        var portColumn = FindColumn(header, source, headerLine, "port_number");
        var transportColumn = FindColumn(header, source, headerLine, "transport", "transport_protocol");
        var descriptionColumn = FindColumn(header, source, headerLine, "description");

        var records = new List<IanaRecord>(16384);
        while (rows.Next(out var line, out var fields))
        {
            if (fields.Count != header.Count)
            {
                throw new FormatException(Where(source, line) + $"expected {header.Count} fields as in the header, found {fields.Count}");
            }

            var name = fields[nameColumn].Trim();
            var portText = fields[portColumn].Trim();
            var transportText = fields[transportColumn].Trim();
            var hasPort = portText.Length != 0;
            ushort first = 0, last = 0;
            if (hasPort)
            {
                ParsePorts(portText, source, line, out first, out last);
            }

            records.Add(new IanaRecord(
                line,
                name.Length == 0 ? null : name,
                hasPort,
                first,
                last,
                ParseTransport(transportText, source, line),
                FoldWhiteSpace(fields[descriptionColumn])));
        }

        return records;
    }

    /// <summary>Folds every run of white space (line breaks included) into one space and trims; null when empty.</summary>
    internal static string? FoldWhiteSpace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length != 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.Length == 0 ? null : sb.ToString();
    }

    private static int FindColumn(List<string> header, string source, int line, params string[] names)
    {
        for (var i = 0; i < header.Count; i++)
        {
            // IANA's own header says "Transport Protocol"; the flattened copy says "transport".
            var normalized = header[i].Trim().Replace(' ', '_').ToLowerInvariant();
            if (Array.IndexOf(names, normalized) >= 0)
            {
                return i;
            }
        }

        throw new FormatException(Where(source, line) + "the header has no '" + names[0] + "' column (found: " + string.Join(",", header) + ")");
    }

    private static void ParsePorts(string text, string source, int line, out ushort first, out ushort last)
    {
        var dash = text.IndexOf('-');
        if (dash < 0)
        {
            first = last = ParsePort(text, text, source, line);
            return;
        }

        first = ParsePort(text.Substring(0, dash), text, source, line);
        last = ParsePort(text.Substring(dash + 1), text, source, line);
        if (last < first)
        {
            throw new FormatException(Where(source, line) + "port range '" + text + "' ends before it starts");
        }
    }

    private static ushort ParsePort(string part, string whole, string source, int line)
    {
        // Digits only: no signs, spaces or hex, so a typo cannot become a silently different port.
        var value = 0;
        foreach (var c in part)
        {
            if (c < '0' || c > '9' || value > 65535)
            {
                value = -1;
                break;
            }

            value = (value * 10) + (c - '0');
        }

        if (part.Length == 0 || value < 0 || value > 65535)
        {
            throw new FormatException(Where(source, line) + "port number '" + whole + "' is not a port (0-65535) or a range of ports like 6000-6063");
        }

        return (ushort)value;
    }

    private static Transport? ParseTransport(string text, string source, int line)
    {
        if (text.Length == 0)
        {
            return null;
        }

        switch (text.ToLowerInvariant())
        {
            case "tcp": return Transport.Tcp;
            case "udp": return Transport.Udp;
            case "sctp": return Transport.Sctp;
            case "dccp": return Dccp;
            default:
                throw new FormatException(Where(source, line) + "transport '" + text + "' is not one of tcp, udp, sctp, dccp or empty");
        }
    }

    private static string Where(string source, int line) => source + ", line " + line.ToString(CultureInfo.InvariantCulture) + ": ";

    /// <summary>Splits CSV text into rows of fields, tracking the line each row starts on.</summary>
    private sealed class CsvRows
    {
        private readonly string _text;
        private readonly string _source;
        private readonly StringBuilder _field = new();
        private int _pos;
        private int _line = 1;

        public CsvRows(string text, string source)
        {
            _text = text;
            _source = source;
        }

        public bool Next(out int line, out List<string> fields)
        {
            // Blank lines carry no row; skip them rather than reporting a one-field row.
            while (_pos < _text.Length && (_text[_pos] == '\n' || _text[_pos] == '\r'))
            {
                if (_text[_pos] == '\n')
                {
                    _line++;
                }

                _pos++;
            }

            line = _line;
            fields = new List<string>(12);
            if (_pos >= _text.Length)
            {
                return false;
            }

            while (true)
            {
                fields.Add(ReadField(line));
                if (_pos >= _text.Length)
                {
                    return true;
                }

                var c = _text[_pos++];
                if (c == ',')
                {
                    continue;
                }

                if (c == '\r' && _pos < _text.Length && _text[_pos] == '\n')
                {
                    _pos++;
                }

                _line++;
                return true;
            }
        }

        private string ReadField(int rowLine)
        {
            _field.Clear();
            if (_pos < _text.Length && _text[_pos] == '"')
            {
                var quoteLine = _line;
                _pos++;
                while (true)
                {
                    if (_pos >= _text.Length)
                    {
                        throw new FormatException(Where(_source, quoteLine) + "a quoted field is never closed (row starting on line " +
                            rowLine.ToString(CultureInfo.InvariantCulture) + ")");
                    }

                    var c = _text[_pos++];
                    if (c == '"')
                    {
                        if (_pos < _text.Length && _text[_pos] == '"')
                        {
                            _field.Append('"');
                            _pos++;
                            continue;
                        }

                        break;
                    }

                    if (c == '\n')
                    {
                        _line++;
                    }

                    _field.Append(c);
                }

                if (_pos < _text.Length && _text[_pos] != ',' && _text[_pos] != '\r' && _text[_pos] != '\n')
                {
                    throw new FormatException(Where(_source, _line) + "unexpected '" + _text[_pos] + "' after a closing quote");
                }

                return _field.ToString();
            }

            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c == ',' || c == '\r' || c == '\n')
                {
                    break;
                }

                if (c == '"')
                {
                    throw new FormatException(Where(_source, _line) + "a quote inside an unquoted field (quote the whole field and double the quote)");
                }

                _field.Append(c);
                _pos++;
            }

            return _field.ToString();
        }
    }
}
