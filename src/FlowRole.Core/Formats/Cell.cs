using System;
using System.Runtime.CompilerServices;

namespace FlowRole.Formats;

/// <summary>
/// One column's value in a row, as a slice of the row's UTF-8 data buffer: readers fill an array of these per row and
/// reuse it, so a row costs no allocation. <c>default(Cell)</c> is a missing value.
/// </summary>
public readonly struct Cell : IEquatable<Cell>
{
    /// <summary>Creates a cell over <paramref name="length"/> bytes at <paramref name="start"/> of the row data.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // Readers make one per field: the throws live out of line so this inlines.
    public Cell(int start, int length, CellKind kind)
    {
        if ((start | length) < 0)
        {
            ThrowNegative(start, length);
        }

        Start = start;
        Length = length;
        Kind = kind;
    }

    /// <summary>Offset of the value in the row data.</summary>
    public int Start { get; }

    /// <summary>Length of the value in bytes (or chars, for a char row).</summary>
    public int Length { get; }

    /// <summary>What the value is.</summary>
    public CellKind Kind { get; }

    /// <summary>True when the row has no value here: the column is absent or the value is JSON null.</summary>
    public bool IsMissing => Kind is CellKind.Missing or CellKind.Null;

    /// <summary>A text cell.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Cell Text(int start, int length) => new(start, length, CellKind.Text);

    /// <summary>The value's bytes in <paramref name="data"/>.</summary>
    public ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> data) => data.Slice(Start, Length);

    /// <summary>The value's chars in <paramref name="data"/>.</summary>
    public ReadOnlySpan<char> Slice(ReadOnlySpan<char> data) => data.Slice(Start, Length);

    /// <inheritdoc/>
    public bool Equals(Cell other) => Start == other.Start && Length == other.Length && Kind == other.Kind;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Cell other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Start, Length, Kind);

    /// <summary>Equality.</summary>
    public static bool operator ==(Cell left, Cell right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Cell left, Cell right) => !left.Equals(right);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNegative(int start, int length) =>
        throw new ArgumentOutOfRangeException(start < 0 ? nameof(start) : nameof(length));
}
