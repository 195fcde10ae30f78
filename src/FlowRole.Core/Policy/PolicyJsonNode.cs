using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace FlowRole.Policy;

/// <summary>
/// A parsed JSON value with its line and column, so every policy error can point into the file. JsonDocument keeps
/// no positions, and policy files are small, so a tiny tree read with <see cref="Utf8JsonReader"/> (trim/AOT safe on
/// every target) is the simplest way to get them.
/// </summary>
internal sealed class PolicyJsonNode
{
    private PolicyJsonNode(JsonTokenType kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    /// <summary>StartObject, StartArray, String, Number, True, False or Null.</summary>
    public JsonTokenType Kind { get; }

    /// <summary>1-based line of the value's first character.</summary>
    public int Line { get; }

    /// <summary>1-based column (characters) of the value's first character.</summary>
    public int Column { get; }

    /// <summary>The string's value, or a number's text as written.</summary>
    public string Text { get; private set; } = "";

    /// <summary>An object's members in document order.</summary>
    public List<Member> Members { get; } = new();

    /// <summary>An array's items.</summary>
    public List<PolicyJsonNode> Items { get; } = new();

    /// <summary>What kind of value this is, for error messages.</summary>
    public string KindName => Kind switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };

    /// <summary>
    /// Parses a whole document. Returns null and sets <paramref name="error"/> (with line and column) when the bytes
    /// are not JSON. Comments and trailing commas are accepted: people annotate policy files.
    /// </summary>
    public static PolicyJsonNode? Parse(ReadOnlySpan<byte> utf8, LineIndex lines, out string? error, out int errorLine, out int errorColumn)
    {
        error = null;
        errorLine = 0;
        errorColumn = 0;
        var options = new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = 16,
        };
        var reader = new Utf8JsonReader(utf8, options);
        try
        {
            if (!reader.Read())
            {
                error = "invalid JSON: the file holds no JSON value";
                errorLine = 1;
                errorColumn = 1;
                return null;
            }

            var root = ReadValue(ref reader, lines);

            // Reading past the root makes the reader reject anything after it.
            reader.Read();
            return root;
        }
        catch (JsonException ex)
        {
            string message = ex.Message;
            int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message.Substring(0, cut);
            }

            error = "invalid JSON: " + message.TrimEnd();
            long line = ex.LineNumber ?? -1;
            long bytePos = ex.BytePositionInLine ?? 0;
            if (line >= 0)
            {
                errorLine = (int)line + 1;
                errorColumn = lines.ColumnOf((int)line, (int)bytePos);
            }

            return null;
        }
    }

    private static PolicyJsonNode ReadValue(ref Utf8JsonReader reader, LineIndex lines)
    {
        lines.Locate((int)reader.TokenStartIndex, out int line, out int column);
        var node = new PolicyJsonNode(reader.TokenType, line, column);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    lines.Locate((int)reader.TokenStartIndex, out int keyLine, out int keyColumn);
                    string name = GetString(ref reader, lines);
                    reader.Read();
                    node.Members.Add(new Member(name, keyLine, keyColumn, ReadValue(ref reader, lines)));
                }

                break;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    node.Items.Add(ReadValue(ref reader, lines));
                }

                break;
            case JsonTokenType.String:
                node.Text = GetString(ref reader, lines);
                break;
            case JsonTokenType.Number:
                node.Text = Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                break;
        }

        return node;
    }

    /// <summary>
    /// The current string token's value. <see cref="Utf8JsonReader.GetString"/> throws InvalidOperationException on
    /// invalid UTF-8 (a policy saved as Windows-1252) or a lone surrogate escape; that becomes a located JSON error.
    /// </summary>
    private static string GetString(ref Utf8JsonReader reader, LineIndex lines)
    {
        try
        {
            return reader.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            int start = (int)reader.TokenStartIndex;
            lines.LineAndByte(start, out int line, out int bytePosition);
            throw new JsonException(
                "a string is not valid UTF-8 or holds a lone surrogate escape (save the file as UTF-8).",
                path: null,
                lineNumber: line,
                bytePositionInLine: bytePosition);
        }
    }

    /// <summary>One member of an object, with the position of its name.</summary>
    internal sealed class Member
    {
        public Member(string name, int line, int column, PolicyJsonNode value)
        {
            Name = name;
            Line = line;
            Column = column;
            Value = value;
        }

        public string Name { get; }

        public int Line { get; }

        public int Column { get; }

        public PolicyJsonNode Value { get; }
    }

    /// <summary>Maps byte offsets of a UTF-8 buffer to 1-based lines and character columns.</summary>
    internal sealed class LineIndex
    {
        private readonly byte[] _bytes;
        private readonly List<int> _starts = new() { 0 };

        // The last offset located, its line and its character count from the line start: tokens are located in
        // document order, so counting on from there keeps a one-line (minified) policy linear, not quadratic.
        private int _lastOffset;
        private int _lastLine;
        private int _lastChars;

        public LineIndex(ReadOnlySpan<byte> utf8)
        {
            _bytes = utf8.ToArray();
            for (int i = 0; i < _bytes.Length; i++)
            {
                if (_bytes[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        /// <summary>The 1-based line and column of a byte offset.</summary>
        public void Locate(int offset, out int line, out int column)
        {
            int index = _starts.BinarySearch(offset);
            if (index < 0)
            {
                index = ~index - 1;
            }

            int chars = index == _lastLine && offset >= _lastOffset
                ? _lastChars + CharsBetween(_lastOffset, offset)
                : CharsBetween(_starts[index], offset);
            _lastOffset = offset;
            _lastLine = index;
            _lastChars = chars;
            line = index + 1;
            column = chars + 1;
        }

        /// <summary>The 0-based line of a byte offset and the offset's byte position in that line.</summary>
        public void LineAndByte(int offset, out int zeroBasedLine, out int bytePosition)
        {
            int index = _starts.BinarySearch(offset);
            if (index < 0)
            {
                index = ~index - 1;
            }

            zeroBasedLine = index;
            bytePosition = offset - _starts[index];
        }

        /// <summary>The 1-based character column of a 0-based line and byte position in it.</summary>
        public int ColumnOf(int zeroBasedLine, int bytePosition)
        {
            if (zeroBasedLine >= _starts.Count)
            {
                return bytePosition + 1;
            }

            int start = _starts[zeroBasedLine];
            return CharsBetween(start, Math.Min(_bytes.Length, start + bytePosition)) + 1;
        }

        private int CharsBetween(int start, int end)
        {
            int chars = 0;
            for (int i = start; i < end && i < _bytes.Length; i++)
            {
                // Count every byte that is not a UTF-8 continuation byte.
                if ((_bytes[i] & 0xC0) != 0x80)
                {
                    chars++;
                }
            }

            return chars;
        }
    }
}
