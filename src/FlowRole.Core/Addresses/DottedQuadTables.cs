#if NET
namespace FlowRole.Addresses;

/// <summary>
/// The shuffles behind <see cref="IpParser.TryParseDottedQuadSsse3"/>, computed once: how to line up text of each
/// length, which of the 27 shapes (1-3 digits in each of the first three parts) a set of dot positions is, and for
/// each shape and last-part length where each part's hundreds, tens and ones digits are.
/// </summary>
internal static class DottedQuadTables
{
    private const byte Zero = 0x80; // a shuffle index that yields 0

    /// <summary>
    /// Sixteen bytes per text length (8-15): a vector of the first eight bytes and the last eight, shuffled by it,
    /// is the text followed by zeros.
    /// </summary>
    public static readonly byte[] Align = BuildAlign();

    /// <summary>By dot mask (bit i: a dot at position i, positions 0-14): the shape 1-27, or 0 for any other mask.</summary>
    public static readonly byte[] ShapeOfDots = new byte[1 << 15];

    /// <summary>Sixteen bytes for each shape and last-part length (<c>3 * (shape - 1) + length - 1</c>).</summary>
    public static readonly byte[] Layout = BuildLayout(ShapeOfDots);

    private static byte[] BuildAlign()
    {
        var align = new byte[16 * 16];
        for (int length = 8; length <= 15; length++)
        {
            for (int i = 0; i < 16; i++)
            {
                align[(16 * length) + i] = (byte)(i < 8 ? i : i < length ? i + 16 - length : Zero);
            }
        }

        return align;
    }

    private static byte[] BuildLayout(byte[] shapeOfDots)
    {
        var layout = new byte[81 * 16];
        int shape = 0;
        for (int a = 1; a <= 3; a++)
        {
            for (int b = 1; b <= 3; b++)
            {
                for (int c = 1; c <= 3; c++)
                {
                    shape++;
                    shapeOfDots[(1 << a) | (1 << (a + 1 + b)) | (1 << (a + b + c + 2))] = (byte)shape;
                    for (int d = 1; d <= 3; d++)
                    {
                        int at = 16 * ((3 * (shape - 1)) + d - 1);
                        Part(layout, at, 0, a);
                        Part(layout, at + 4, a + 1, b);
                        Part(layout, at + 8, a + b + 2, c);
                        Part(layout, at + 12, a + b + c + 3, d);
                    }
                }
            }
        }

        return layout;
    }

    /// <summary>A part of <paramref name="digits"/> digits from <paramref name="start"/> as hundreds, tens, ones, nothing.</summary>
    private static void Part(byte[] layout, int at, int start, int digits)
    {
        int ones = start + digits - 1;
        layout[at] = digits == 3 ? (byte)start : Zero;
        layout[at + 1] = digits >= 2 ? (byte)(ones - 1) : Zero;
        layout[at + 2] = (byte)ones;
        layout[at + 3] = Zero;
    }
}
#endif
