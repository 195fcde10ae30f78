using System;
using System.Text;
using FlowRole.Addresses;
using Xunit;

namespace FlowRole.Tests.Addresses;

/// <summary>The SSSE3 dotted-quad path accepts exactly what the scalar path accepts, with the same value.</summary>
public class DottedQuadFastPathTests
{
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
