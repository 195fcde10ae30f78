using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using FlowRole.Fields;

namespace FlowRole.Formats;

/// <summary>
/// JSON lines output: one object per row. A JSON input record is kept as written (made single-line) and the output
/// fields are appended to it; other rows become an object of their fields as strings. Ports and confidence are
/// numbers, swapped and suspicious booleans, multivalue fields arrays, a missing service null.
/// </summary>
internal sealed class JsonFlowWriter : FlowWriter
{
    private readonly byte[][] _fieldKeys;

    private IReadOnlyList<string>? _namedColumns;
    private int _namedVersion = -1;
    private readonly List<byte[]> _names = new();

    public JsonFlowWriter(Stream output, FlowResultFormatter formatter, bool leaveOpen, string fieldPrefix)
        : base(output, formatter, leaveOpen)
    {
        _fieldKeys = BuildFieldKeys(fieldPrefix);
    }

    public override OutputFormat Format => OutputFormat.Json;

    private protected override void WriteRow(IFlowRow row, in FlowResult result, string? error, ReadOnlySpan<byte> communityId, bool hasCommunityId)
    {
        bool any;
        ReadOnlySpan<byte> raw = row.RawRecord;

        // A record holding invalid UTF-8 is not JSON a reader downstream can take as it is: its fields are written
        // instead, each made valid (U+FFFD for the bad bytes), as for rows from other formats.
        if (!raw.IsEmpty && JsonText.IsValidUtf8(raw))
        {
            any = WriteRawObjectBody(raw);
        }
        else
        {
            Output.Write((byte)'{');
            any = WriteCells(row);
        }

        if (error is not null)
        {
            Comma(ref any);
            Output.Write(_fieldKeys[(int)OutputField.Error]);
            JsonText.WriteString(Output, Encoding.UTF8.GetBytes(error));
        }
        else
        {
            WriteFields(result, ref any, communityId, hasCommunityId);
        }

        Output.Write("}\n"u8);
    }

    private void WriteFields(in FlowResult result, ref bool any, ReadOnlySpan<byte> communityId, bool hasCommunityId)
    {
        Span<byte> scratch = stackalloc byte[FlowResultFormatter.MaxSingleValueLength];
        IReadOnlyList<OutputField> fields = OutputContract.ClassificationFields;
        for (int f = 0; f < fields.Count; f++)
        {
            OutputField field = fields[f];
            Comma(ref any);
            Output.Write(_fieldKeys[(int)field]);
            if (OutputContract.IsMultivalue(field))
            {
                Output.Write((byte)'[');
                bool first = true;
                OutputValueEnumerator values = Formatter.GetValues(field, result);
                while (values.MoveNext())
                {
                    Comma(ref first, invert: true);
                    JsonText.WriteString(Output, values.Current);
                }

                Output.Write((byte)']');
                continue;
            }

            if (!Formatter.TryFormat(field, result, scratch, out int n, communityId, hasCommunityId))
            {
                n = 0;
            }

            ReadOnlySpan<byte> value = scratch.Slice(0, n);
            switch (field)
            {
                case OutputField.ClientPort:
                case OutputField.ServerPort:
                case OutputField.RoleConfidence:
                case OutputField.Swapped:
                case OutputField.Suspicious:
                    Output.Write(value);
                    break;
                case OutputField.Service:
                case OutputField.CommunityId:
                    if (value.IsEmpty)
                    {
                        Output.Write("null"u8);
                    }
                    else
                    {
                        JsonText.WriteString(Output, value);
                    }

                    break;
                default:
                    JsonText.WriteString(Output, value);
                    break;
            }
        }
    }

    private bool WriteCells(IFlowRow row)
    {
        IReadOnlyList<string> columns = row.Columns;
        // Readers' columns only grow (a new list when replaced): keep the names made so far, or a reader whose every
        // record adds a key would make this quadratic.
        if (!ReferenceEquals(columns, _namedColumns) || columns.Count < _names.Count)
        {
            _names.Clear();
            _namedColumns = columns;
            _namedVersion = row.ColumnsVersion;
        }

        while (_names.Count < columns.Count)
        {
            _names.Add(Key(columns[_names.Count]));
        }

        ReadOnlySpan<byte> data = row.RowData;
        ReadOnlySpan<Cell> cells = row.Cells;
        int count = Math.Min(cells.Length, columns.Count);
        bool any = false;
        for (int i = 0; i < count; i++)
        {
            Cell cell = cells[i];
            if (cell.Kind == CellKind.Missing)
            {
                continue;
            }

            Comma(ref any);
            Output.Write(_names[i]);
            ReadOnlySpan<byte> value = cell.Slice(data);
            if (cell.Kind == CellKind.Text || !JsonText.IsValidUtf8(value))
            {
                // A raw JSON value (number, array, object) holding invalid UTF-8 cannot be copied: it is kept as text.
                JsonText.WriteString(Output, value);
            }
            else if (value.IndexOfAny((byte)'\n', (byte)'\r') >= 0)
            {
                // A multi-line array or object from the input must not break the one-record-per-line output.
                WriteMinified(value);
            }
            else
            {
                Output.Write(value);
            }
        }

        return any;
    }

    /// <summary>Writes a JSON object's text without its closing brace (on one line); true when it has members.</summary>
    private bool WriteRawObjectBody(ReadOnlySpan<byte> raw)
    {
        int close = raw.LastIndexOf((byte)'}');
        ReadOnlySpan<byte> body = raw.Slice(0, close);
        if (body.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            Output.Write(body);
        }
        else
        {
            WriteMinified(body);
        }

        for (int i = body.Length - 1; i >= 0; i--)
        {
            byte b = body[i];
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return b != (byte)'{';
            }
        }

        return false;
    }

    private void WriteMinified(ReadOnlySpan<byte> text)
    {
        // Whitespace outside strings is insignificant; inside strings line breaks are already escaped.
        bool inString = false, escaped = false;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            byte b = text[i];
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    escaped = true;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }

                continue;
            }

            if (b == (byte)'"')
            {
                inString = true;
            }
            else if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                Output.Write(text.Slice(start, i - start));
                start = i + 1;
            }
        }

        Output.Write(text.Slice(start));
    }

    private void Comma(ref bool any, bool invert = false)
    {
        if (invert)
        {
            if (!any)
            {
                Output.Write((byte)',');
            }

            any = false;
            return;
        }

        if (any)
        {
            Output.Write((byte)',');
        }

        any = true;
    }

    private static byte[] Key(string name)
    {
        using var stream = new MemoryStream();
        var output = new Utf8Output(stream);
        JsonText.WriteString(output, Encoding.UTF8.GetBytes(name));
        output.Write((byte)':');
        output.Flush();
        output.Dispose();
        return stream.ToArray();
    }

    private static byte[][] BuildFieldKeys(string prefix)
    {
        var keys = new byte[OutputContract.AllFields.Count][];
        foreach (OutputField field in OutputContract.AllFields)
        {
            keys[(int)field] = Key(prefix + OutputContract.NameOf(field));
        }

        return keys;
    }
}
