using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using FlowRole.Fields;

namespace FlowRole.Formats;

/// <summary>
/// JSON records: JSON lines, concatenated or pretty-printed objects, or arrays of objects. Nested objects are
/// flattened to dotted names (<c>{"id":{"orig_h":..}}</c> gives <c>id.orig_h</c>, as a flat <c>"id.orig_h"</c> key
/// does); arrays and empty objects are kept as raw JSON. Columns are the union of the names seen so far. A record
/// that is not valid JSON is returned as an error row holding its text; reading resumes at the next line that starts
/// an object.
/// </summary>
internal sealed class JsonRecordReader : FlowReader
{
    private const int MaxQuotedBytes = 1024 * 1024;
    private const string BadEscapeText = "holds a lone surrogate escape or invalid UTF-8; kept as written";

    private readonly ColumnSet _columns = new();
    private byte[] _path = new byte[256];
    private byte[] _scratch = new byte[256];
    private int _pathLength;
    private int[] _prefixes = new int[16];
    private bool _inArray;
    private int _rawStart;
    private int _rawLength;

    public JsonRecordReader(Stream stream, ReadOnlySpan<byte> prefix, string? sourceName, bool leaveOpen)
        : base(stream, prefix, sourceName, leaveOpen)
    {
    }

    private enum Status
    {
        Record,
        NeedMore,
        NotObject,
        Invalid,
    }

    /// <inheritdoc/>
    public override InputFormat Format => InputFormat.Json;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Columns => _columns.Names;

    /// <inheritdoc/>
    public override ReadOnlySpan<byte> RawRecord => RowError is null ? Buffer.AsSpan(_rawStart, _rawLength) : default;

    /// <inheritdoc/>
    protected override bool ReadRow()
    {
        while (true)
        {
            if (!SkipSeparators())
            {
                return false;
            }

            byte first = Pending[0];
            if (first == (byte)'[' && !_inArray)
            {
                _inArray = true;
                Position++;
                continue;
            }

            if (first == (byte)']' && _inArray)
            {
                _inArray = false;
                Position++;
                continue;
            }

            Status status = Parse(out int consumed, out string? problem, out long problemLine, out long problemByte);
            switch (status)
            {
                case Status.NeedMore:
                    if (Pending.Length > MaxRowBytes)
                    {
                        LineNumber = CurrentLine;
                        ResetCells(_columns.Count);
                        SkipToNextRecord(0, out _);
                        RowError = Line(LineNumber) + "JSON record longer than "
                            + (MaxRowBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB; skipped";
                        return true;
                    }

                    // At the end of input the next parse runs as the final block and reports what is incomplete.
                    FillMore();
                    continue;

                case Status.Record:
                    LineNumber = CurrentLine;
                    _rawStart = Position;
                    _rawLength = consumed;
                    CurrentLine += CountNewlines(Pending.Slice(0, consumed));
                    Position += consumed;
                    if (problem is not null)
                    {
                        RowError = Line(LineNumber) + problem;
                    }

                    return true;

                case Status.NotObject:
                    LineNumber = CurrentLine;
                    ResetCells(_columns.Count);
                    string text = Quote(Pending.Slice(0, consumed));
                    CurrentLine += CountNewlines(Pending.Slice(0, consumed));
                    Position += consumed;
                    RowError = Line(LineNumber) + "not a JSON object: " + text;
                    return true;

                default:
                    LineNumber = CurrentLine;
                    ResetCells(_columns.Count);
                    string skipped = SkipToNextRecord(ErrorOffset(problemLine), out bool cut);
                    RowError = Line(LineNumber) + "invalid JSON (" + problem + " at line "
                        + (LineNumber + problemLine).ToString(CultureInfo.InvariantCulture) + ", byte "
                        + (problemByte + 1).ToString(CultureInfo.InvariantCulture) + "): " + skipped + (cut ? "..." : string.Empty);
                    return true;
            }
        }
    }

    private static string Line(long line) => "line " + line.ToString(CultureInfo.InvariantCulture) + ": ";

    private static string Quote(ReadOnlySpan<byte> text)
    {
        text = AsciiText.Trim(text);
        return AsciiText.ToString(text.Length > MaxQuotedBytes ? text.Slice(0, MaxQuotedBytes) : text);
    }

    private static int CountNewlines(ReadOnlySpan<byte> text)
    {
        int n = 0, at;
        while ((at = text.IndexOf((byte)'\n')) >= 0)
        {
            n++;
            text = text.Slice(at + 1);
        }

        return n;
    }

    /// <summary>Skips whitespace (and commas between array elements); false at the end of input.</summary>
    private bool SkipSeparators()
    {
        while (true)
        {
            ReadOnlySpan<byte> p = Pending;
            int i = 0;
            while (i < p.Length)
            {
                byte b = p[i];
                if (b == (byte)'\n')
                {
                    CurrentLine++;
                }
                else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r') && !(b == (byte)',' && _inArray))
                {
                    Position += i;
                    return true;
                }

                i++;
            }

            Position += i;
            if (!FillMore())
            {
                return false;
            }
        }
    }

    /// <summary>Offset (from <see cref="FlowReader.Position"/>) of the start of the line <paramref name="line"/> lines into the pending text.</summary>
    private int ErrorOffset(long line)
    {
        ReadOnlySpan<byte> p = Pending;
        int offset = 0;
        for (long k = 0; k < line; k++)
        {
            int nl = p.Slice(offset).IndexOf((byte)'\n');
            if (nl < 0)
            {
                return p.Length;
            }

            offset += nl + 1;
        }

        return offset;
    }

    /// <summary>
    /// Consumes from the current position to the next line (after the line holding <paramref name="from"/>) that
    /// starts an object, or the end of input; returns the skipped text (cut at 1 MB).
    /// </summary>
    private string SkipToNextRecord(int from, out bool cut)
    {
        cut = false;
        var text = new StringBuilder();
        int scan = from;
        while (true)
        {
            // Find the end of the current line.
            int nl = scan < Pending.Length ? Pending.Slice(scan).IndexOf((byte)'\n') : -1;
            if (nl < 0)
            {
                if (Pending.Length > MaxRowBytes)
                {
                    Keep(text, Pending.Length, ref cut);
                    scan = 0;
                }

                if (!FillMore())
                {
                    Keep(text, Pending.Length, ref cut);
                    return text.ToString().Trim();
                }

                continue;
            }

            scan += nl + 1;

            // Does the next line start an object?
            int i = scan;
            while (true)
            {
                while (i < Pending.Length && Pending[i] is (byte)' ' or (byte)'\t' or (byte)'\r')
                {
                    i++;
                }

                if (i < Pending.Length || !FillMore())
                {
                    break;
                }
            }

            if (i >= Pending.Length || Pending[i] == (byte)'{')
            {
                Keep(text, scan, ref cut);
                return text.ToString().Trim();
            }
        }
    }

    private void Keep(StringBuilder text, int length, ref bool cut)
    {
        ReadOnlySpan<byte> skipped = Pending.Slice(0, length);
        CurrentLine += CountNewlines(skipped);
        int room = MaxQuotedBytes - text.Length;
        if (room > 0)
        {
            ReadOnlySpan<byte> keep = skipped.Length > room ? skipped.Slice(0, room) : skipped;
            text.Append(AsciiText.ToString(keep));
            cut |= skipped.Length > room;
        }
        else
        {
            cut |= !skipped.IsEmpty;
        }

        Position += length;
    }

    private Status Parse(out int consumed, out string? problem, out long problemLine, out long problemByte)
    {
        consumed = 0;
        problem = null;
        problemLine = problemByte = 0;
        RowLength = 0;
        ResetCells(_columns.Count);
        int depth = 0;
        var reader = new Utf8JsonReader(Pending, AtEndOfStream, default);
        try
        {
            if (!reader.Read())
            {
                return Status.NeedMore;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                if (reader.TokenType is JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return Status.NeedMore;
                }

                consumed = (int)reader.BytesConsumed;
                return Status.NotObject;
            }

            JsonTokenType previous = JsonTokenType.StartObject;
            while (true)
            {
                if (!reader.Read())
                {
                    return Status.NeedMore;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        _pathLength = depth == 0 ? 0 : _prefixes[depth - 1];
                        AppendKey(ref reader, ref problem);
                        break;
                    case JsonTokenType.StartObject:
                        AppendPath((byte)'.');
                        if (depth == _prefixes.Length)
                        {
                            Array.Resize(ref _prefixes, depth * 2);
                        }

                        _prefixes[depth++] = _pathLength;
                        break;
                    case JsonTokenType.EndObject:
                        if (depth == 0)
                        {
                            consumed = (int)reader.BytesConsumed;
                            return Status.Record;
                        }

                        depth--;
                        if (previous == JsonTokenType.StartObject)
                        {
                            // An empty object would leave no trace: keep it as "{}" under its own name.
                            _pathLength = _prefixes[depth] - 1;
                            SetValue("{}"u8, CellKind.Json, ref problem);
                        }

                        break;
                    case JsonTokenType.StartArray:
                        int start = (int)reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            return Status.NeedMore;
                        }

                        SetValue(Pending.Slice(start, (int)reader.BytesConsumed - start), CellKind.Json, ref problem);
                        break;
                    case JsonTokenType.String:
                        if (reader.ValueIsEscaped)
                        {
                            if (_scratch.Length < reader.ValueSpan.Length)
                            {
                                _scratch = new byte[Math.Max(reader.ValueSpan.Length, _scratch.Length * 2)];
                            }

                            if (TryUnescape(ref reader, _scratch, out int n))
                            {
                                SetValue(_scratch.AsSpan(0, n), CellKind.Text, ref problem);
                            }
                            else
                            {
                                // Kept as written (escapes and all) so nothing is lost; the row says why.
                                SetValue(reader.ValueSpan, CellKind.Text, ref problem);
                                problem ??= "field '" + AsciiText.ToString(_path.AsSpan(0, _pathLength)) + "' " + BadEscapeText;
                            }
                        }
                        else
                        {
                            SetValue(reader.ValueSpan, CellKind.Text, ref problem);
                        }

                        break;
                    case JsonTokenType.Number:
                        SetValue(reader.ValueSpan, CellKind.Number, ref problem);
                        break;
                    case JsonTokenType.True:
                    case JsonTokenType.False:
                        SetValue(reader.ValueSpan, CellKind.Boolean, ref problem);
                        break;
                    case JsonTokenType.Null:
                        SetValue(reader.ValueSpan, CellKind.Null, ref problem);
                        break;
                }

                previous = reader.TokenType;
            }
        }
        catch (JsonException ex)
        {
            problem = Describe(ex);
            problemLine = ex.LineNumber ?? 0;
            problemByte = ex.BytePositionInLine ?? 0;
            return Status.Invalid;
        }
    }

    private static string Describe(JsonException ex)
    {
        // System.Text.Json appends its own (block-relative) position; FlowRole reports the input's.
        string message = ex.Message;
        int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return TrimLiteral((at > 0 ? message.Substring(0, at) : message).TrimEnd(' ', '.'));
    }

    /// <summary>
    /// "'fa...' is an invalid JSON literal. Expected the literal 'false'" quotes everything System.Text.Json had
    /// buffered after the literal's start, which depends on read boundaries (a file and a pipe would differ) and can
    /// run into the following records. Cut the quote after its first wrong character, the part every reading sees.
    /// </summary>
    private static string TrimLiteral(string message)
    {
        const string Middle = "' is an invalid JSON literal. Expected the literal '";
        int middle = message.IndexOf(Middle, StringComparison.Ordinal);
        if (message.Length < 2 || message[0] != '\'' || middle < 1 || message[message.Length - 1] != '\'')
        {
            return message;
        }

        string found = message.Substring(1, middle - 1);
        string expected = message.Substring(middle + Middle.Length, message.Length - middle - Middle.Length - 1);
        int same = 0;
        while (same < found.Length && same < expected.Length && found[same] == expected[same])
        {
            same++;
        }

        return same + 1 >= found.Length ? message : "'" + found.Substring(0, same + 1) + message.Substring(middle);
    }

    private void AppendKey(ref Utf8JsonReader reader, ref string? problem)
    {
        int length = reader.ValueSpan.Length;
        EnsurePath(length);
        if (reader.ValueIsEscaped)
        {
            if (TryUnescape(ref reader, _path.AsSpan(_pathLength), out int n))
            {
                _pathLength += n;
                return;
            }

            problem ??= "a field name " + BadEscapeText;
        }

        // Unescaped, or an escape that cannot be decoded: the name as written.
        reader.ValueSpan.CopyTo(_path.AsSpan(_pathLength));
        _pathLength += length;
    }

    /// <summary>
    /// Unescapes the current string token; false when it is not valid Unicode (a lone <c>\ud800</c>, or invalid
    /// UTF-8 next to an escape), which <see cref="Utf8JsonReader.CopyString(Span{byte})"/> reports by throwing.
    /// </summary>
    private static bool TryUnescape(ref Utf8JsonReader reader, Span<byte> destination, out int written)
    {
        try
        {
            written = reader.CopyString(destination);
            return true;
        }
        catch (InvalidOperationException)
        {
            written = 0;
            return false;
        }
    }

    private void AppendPath(byte b)
    {
        EnsurePath(1);
        _path[_pathLength++] = b;
    }

    private void EnsurePath(int extra)
    {
        if (_pathLength + extra > _path.Length)
        {
            Array.Resize(ref _path, Math.Max(_pathLength + extra, _path.Length * 2));
        }
    }

    private void SetValue(ReadOnlySpan<byte> value, CellKind kind, ref string? problem)
    {
        ReadOnlySpan<byte> name = _path.AsSpan(0, _pathLength);
        int column = _columns.GetOrAdd(name, out bool added);
        if (column < 0)
        {
            // Hostile input can name a new key in every record: past the caps a key is reported, not kept.
            problem ??= "field '" + AsciiText.ToString(name.Length > 256 ? name.Slice(0, 256) : name) + (name.Length > 256 ? "...'" : "'")
                + " is past " + ColumnSet.CapText + ", the most a reader holds; its value was not kept";
            return;
        }

        if (added)
        {
            ColumnsVersion++;
        }

        ExtendCells(_columns.Count);
        Cell existing = GetCell(column);
        if (existing.Kind != CellKind.Missing)
        {
            // The same name twice ({"id.orig_h":..} and {"id":{"orig_h":..}}): the first stays; a different value is reported.
            if (problem is null && !existing.Slice(RowData).SequenceEqual(value))
            {
                problem = "field '" + _columns.Names[column] + "' appears twice with different values; the first is used";
            }

            return;
        }

        SetCell(column, value, kind);
    }
}
