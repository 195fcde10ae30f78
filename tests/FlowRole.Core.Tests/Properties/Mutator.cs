using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace FlowRole.Tests.Properties;

/// <summary>
/// Random inputs for the "parsers are total" properties: pure noise, and seeds from the fuzz corpus mutated the way
/// AFL++ does (bit flips, byte insertions and deletions, interesting tokens, splices of two seeds).
/// </summary>
internal static class Mutator
{
    private static readonly byte[][] Tokens = new[]
    {
        ",", "\"", "\"\"", "\n", "\r\n", "\r", "\t", " ", "#", "#fields\t", "#separator \\x2c\n", "#Fields: ", "{", "}", "[", "]", ":", "\\", "\\u0000",
        "\\ud800", "\\udc00", "\\\"", "null", "true", "-", "(empty)", "::", ".", "/", "%", "0", "65536", "999999999999999999999", "\u00e9", "\u0e17",
        "chunked 1.0,", "__mv_", "$;$",
    }.Select(t => Encoding.UTF8.GetBytes(t)).Concat(new[] { new byte[] { 0xFF }, new byte[] { 0xC3 }, new byte[] { 0xEF, 0xBB, 0xBF }, new byte[] { 0 } }).ToArray();

    public static byte[] Noise(Random random)
    {
        var bytes = new byte[random.Next(0, 200)];
        if (random.Next(2) == 0)
        {
            random.NextBytes(bytes);
        }
        else
        {
            // Printable noise reaches further into text grammars than raw bytes do.
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)random.Next(0x09, 0x7F);
            }
        }

        return bytes;
    }

    public static byte[] Mutate(Random random, IReadOnlyList<byte[]> seeds)
    {
        var data = new List<byte>(seeds[random.Next(seeds.Count)]);
        int edits = 1 + random.Next(8);
        for (int e = 0; e < edits; e++)
        {
            int at = data.Count == 0 ? 0 : random.Next(data.Count + 1);
            switch (random.Next(6))
            {
                case 0 when data.Count > 0:
                    int flip = random.Next(data.Count);
                    data[flip] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data.Insert(at, (byte)random.Next(256));
                    break;
                case 2 when data.Count > 0:
                    data.RemoveRange(Math.Min(at, data.Count - 1), Math.Min(random.Next(1, 16), data.Count - Math.Min(at, data.Count - 1)));
                    break;
                case 3:
                    data.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 4:
                    byte[] other = seeds[random.Next(seeds.Count)];
                    int from = random.Next(other.Length + 1);
                    data.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, random.Next(64))).ToArray());
                    break;
                default:
                    if (data.Count > at)
                    {
                        data.RemoveRange(at, data.Count - at); // cut short, as a truncated file is
                    }

                    break;
            }
        }

        return data.ToArray();
    }
}
