using System;
using System.Text;
using FlowRole.Addresses;
using Xunit;

namespace FlowRole.Tests.Addresses;

/// <summary>
/// The SSSE3 dotted-quad path accepts exactly what the scalar path accepts, with the same value; its constant tables
/// are what their definitions give.
/// </summary>
public class DottedQuadFastPathTests
{
    private const byte Zero = 0x80;

    [Fact]
    public void The_tables_are_what_their_definitions_give()
    {
        // Align: for each length 8-15, the first eight bytes in place, then the last ones moved up after them.
        var align = new byte[8 * 16];
        for (int length = 8; length <= 15; length++)
        {
            for (int i = 0; i < 16; i++)
            {
                align[(16 * (length - 8)) + i] = (byte)(i < 8 ? i : i < length ? i + 16 - length : Zero);
            }
        }

        Assert.Equal(align, DottedQuadTables.Align.ToArray());

        // Shapes and Layout: parts of a, b, c digits (1-3) before the three dots, d after the last.
        var layout = new byte[81 * 16];
        var shapes = new uint[64];
        int shape = 0;
        for (int a = 1; a <= 3; a++)
        {
            for (int b = 1; b <= 3; b++)
            {
                for (int c = 1; c <= 3; c++)
                {
                    shape++;
                    uint dots = (1u << a) | (1u << (a + 1 + b)) | (1u << (a + b + c + 2));
                    int slot = DottedQuadTables.ShapeSlot(dots);
                    Assert.True(shapes[slot] == 0, "two dot masks share slot " + slot);
                    shapes[slot] = (dots << 8) | (uint)shape;
                    for (int d = 1; d <= 3; d++)
                    {
                        int at = 16 * ((3 * (shape - 1)) + d - 1);
                        Part(at, 0, a);
                        Part(at + 4, a + 1, b);
                        Part(at + 8, a + b + 2, c);
                        Part(at + 12, a + b + c + 3, d);
                    }
                }
            }
        }

        Assert.Equal(64 * 4, DottedQuadTables.Shapes.Length);
        for (int slot = 0; slot < 64; slot++)
        {
            Assert.Equal(shapes[slot], DottedQuadTables.ShapeAt(slot));
        }

        Assert.Equal(layout, DottedQuadTables.Layout.ToArray());

        void Part(int at, int start, int digits)
        {
            int ones = start + digits - 1;
            layout[at] = digits == 3 ? (byte)start : Zero;
            layout[at + 1] = digits >= 2 ? (byte)(ones - 1) : Zero;
            layout[at + 2] = (byte)ones;
            layout[at + 3] = Zero;
        }
    }

    private static void Same(string text)
    {
        byte[] utf8 = Encoding.ASCII.GetBytes(text);

        // At the very end of an exact-size array, so any read past the text would be caught as a wrong value or
        // fault on some platforms; and inside a larger buffer, where the bytes after it are digits and dots.
        bool expected = IpParser.TryParseDottedQuadScalar(utf8, out uint expectedValue);
        bool actual = IpParser.TryParseDottedQuadSsse3(utf8, out uint actualValue);
        Assert.True(expected == actual, "'" + text + "': scalar " + expected + ", SSSE3 " + actual);
        if (expected)
        {
            Assert.True(expectedValue == actualValue, "'" + text + "': scalar " + expectedValue + ", SSSE3 " + actualValue);
        }

        byte[] padded = Encoding.ASCII.GetBytes("9.9." + text + ".99.9");
        Assert.Equal(actual, IpParser.TryParseDottedQuadSsse3(padded.AsSpan(4, utf8.Length), out uint inner));
        if (actual)
        {
            Assert.Equal(actualValue, inner);
        }
    }

    [Fact]
    public void Every_shape_and_every_part_width_agrees()
    {
        if (!System.Runtime.Intrinsics.X86.Ssse3.IsSupported)
        {
            return; // the path is not taken on this CPU; the scalar and portable vector paths have their own tests
        }

        // All 81 shapes, each with values at the edges of its digit counts (0, 9, 10, 99, 100, 255, 256, 999, and
        // zero-padded forms), so every layout entry and the over-255 check are reached.
        int[][] byWidth = [[0, 5, 9], [10, 42, 99, 7], [100, 199, 255, 256, 300, 999, 1, 10, 0]];
        var random = new Random(81);
        for (int a = 1; a <= 3; a++)
        {
            for (int b = 1; b <= 3; b++)
            {
                for (int c = 1; c <= 3; c++)
                {
                    for (int d = 1; d <= 3; d++)
                    {
                        for (int round = 0; round < 60; round++)
                        {
                            Same(Part(a) + "." + Part(b) + "." + Part(c) + "." + Part(d));
                        }
                    }
                }
            }
        }

        string Part(int width)
        {
            int[] values = byWidth[width - 1];
            int value = values[random.Next(values.Length)];
            return value.ToString("D" + width, System.Globalization.CultureInfo.InvariantCulture)[^width..];
        }
    }

    [Fact]
    public void Random_text_of_digits_dots_and_other_bytes_agrees()
    {
        if (!System.Runtime.Intrinsics.X86.Ssse3.IsSupported)
        {
            return;
        }

        // Mostly digits and dots (so many strings come close to an address), some bytes either side of '0'-'9'
        // and '.', every length the fast path looks at and a few either side.
        const string Alphabet = "0123456789012345678901234567890123456789....../:-a ";
        var random = new Random(7);
        for (int i = 0; i < 200_000; i++)
        {
            var text = new StringBuilder();
            int length = random.Next(0, 18);
            for (int j = 0; j < length; j++)
            {
                text.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            Same(text.ToString());
        }

        foreach (string text in new[] { "1.2.3.4", "255.255.255.255", "0.0.0.0", "1.2.3.", ".1.2.3", "1..2.3", "1.2.3.4.", "1.2.3.4.5", "1234.1.1.1", "1.2.3.1000", "01.02.03.04", "001.002.003.004" })
        {
            Same(text);
        }
    }
}
