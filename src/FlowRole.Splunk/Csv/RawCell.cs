using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FlowRole.Formats;

namespace FlowRole.Splunk.Csv;

/// <summary>
/// <see cref="Cell"/>'s layout (start, length, kind), for <see cref="SplunkCsvReader"/>'s fast path to write text cells without the
/// constructor's checks (its offsets are never negative). A test holds the two layouts equal.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct RawCell
{
    public readonly int Start;
    public readonly int Length;
    public readonly CellKind Kind;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public RawCell(int start, int length)
    {
        Start = start;
        Length = length;
        Kind = CellKind.Text;
    }
}
