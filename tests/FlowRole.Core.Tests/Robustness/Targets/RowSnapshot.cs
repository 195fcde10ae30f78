using System;
using System.Text;

namespace FlowRole.Fuzzing;

/// <summary>
/// One row as a reader returned it: its line, its error, its cell values (null for a missing value) and how many
/// columns there were then (cells past that are a long row's extra fields, which belong to no column).
/// </summary>
internal sealed class RowSnapshot : IEquatable<RowSnapshot>
{
    public RowSnapshot(long line, string? error, byte[]?[] values, int columns)
    {
        Line = line;
        Error = error;
        Values = values;
        Columns = columns;
    }

    public long Line { get; }

    public int Columns { get; }

    public string? Error { get; }

    public byte[]?[] Values { get; }

    public bool Equals(RowSnapshot? other)
    {
        if (other is null || other.Line != Line || other.Columns != Columns || !string.Equals(other.Error, Error, StringComparison.Ordinal) || other.Values.Length != Values.Length)
        {
            return false;
        }

        for (int i = 0; i < Values.Length; i++)
        {
            byte[]? a = Values[i], b = other.Values[i];
            if ((a is null) != (b is null) || (a is not null && !a.AsSpan().SequenceEqual(b)))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as RowSnapshot);

    public override int GetHashCode() => HashCode.Combine(Line, Error, Values.Length);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Line).Append(" | ").Append(Error ?? "-");
        foreach (byte[]? value in Values)
        {
            text.Append(" | ").Append(value is null ? "<missing>" : Encoding.UTF8.GetString(value));
        }

        return text.ToString();
    }
}
