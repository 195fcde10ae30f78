using System;

namespace FlowRole.Text;

/// <summary>Splits one CSV line (double quotes around a field may hold commas; <c>""</c> is a quote) into field bounds.</summary>
internal static class CsvFields
{
    /// <summary>
    /// Fills <paramref name="starts"/>/<paramref name="ends"/> with the bounds of the fields of text[start..end) (inside
    /// any quotes) and returns how many there are, stopping when the spans are full.
    /// </summary>
    public static int Split<T>(ReadOnlySpan<T> text, int start, int end, Span<int> starts, Span<int> ends)
        where T : unmanaged
    {
        int count = 0;
        int i = start;
        while (count < starts.Length)
        {
            if (i < end && TextUnits.At(text, i) == '"')
            {
                int close = i + 1;
                while (close < end)
                {
                    if (TextUnits.At(text, close) == '"')
                    {
                        if (close + 1 < end && TextUnits.At(text, close + 1) == '"')
                        {
                            close += 2;
                            continue;
                        }

                        break;
                    }

                    close++;
                }

                starts[count] = i + 1;
                ends[count] = Math.Min(close, end);
                count++;
                i = close + 1;
                while (i < end && TextUnits.At(text, i) != ',')
                {
                    i++;
                }
            }
            else
            {
                int comma = i;
                while (comma < end && TextUnits.At(text, comma) != ',')
                {
                    comma++;
                }

                starts[count] = i;
                ends[count] = comma;
                count++;
                i = comma;
            }

            if (i >= end)
            {
                break;
            }

            i++; // past the comma
        }

        return count;
    }
}
