using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FlowRole.Fuzzing;
using Xunit;

namespace FlowRole.Splunk.Tests.Robustness;

/// <summary>
/// The Splunk parsers are total: noise and mutated real exchanges (the fuzz seeds, edited as AFL++ edits them) go
/// through the chunk reader, the CSV body reader and the whole command loop without an exception escaping or an
/// invariant breaking (one reply per request, records in equal records out, framing intact). Each case is seeded, so
/// a failure names an input that reruns alone.
/// </summary>
public sealed class SplunkTotalParserProperties
{
    private static readonly byte[][] Tokens = new[]
    {
        "chunked 1.0,", "chunked  1.0 , 0 , 0\n", ",", "\n", "\r\n", "\"", "\"\"", "{}", "{\"action\":\"execute\",\"finished\":true}", "getinfo", "__mv_", "$;$",
        "99999999999", "0", " ", "\t", "null", "[", "]", "\\u0000", "ท",
    }.Select(Encoding.UTF8.GetBytes).Append([0xFF]).Append([0]).ToArray();

    [Theory]
    [InlineData("scp-chunk", 3000)]
    [InlineData("scp-csv", 3000)]
    [InlineData("scp-command", 400)]
    public void AnyBytesGiveRepliesOrErrors(string target, int count)
    {
        Action<byte[]> run = SplunkTargets.All[target];
        string folder = SplunkCorpusReplayTests.Folder("corpus", target);
        byte[][] seeds = SplunkCorpusReplayTests.Inputs(folder).Where(f => f.StartsWith("seed-", StringComparison.Ordinal))
            .Select(f => File.ReadAllBytes(Path.Combine(folder, f))).ToArray();
        Assert.NotEmpty(seeds);
        for (int i = 0; i < count; i++)
        {
            var random = new Random((target.Length * 7919) + i);
            byte[] input = random.Next(5) == 0 ? Noise(random) : Mutate(random, seeds);
            try
            {
                run(input);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(target + " case " + i + " (" + input.Length + " bytes): " + Convert.ToHexString(input.AsSpan(0, Math.Min(256, input.Length)))
                    + "\n" + e.GetType().Name + ": " + e.Message, e);
            }
        }
    }

    private static byte[] Noise(Random random)
    {
        var bytes = new byte[random.Next(0, 160)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(Random random, byte[][] seeds)
    {
        var data = new List<byte>(seeds[random.Next(seeds.Length)]);
        int edits = 1 + random.Next(6);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(data.Count + 1);
            switch (random.Next(5))
            {
                case 0 when data.Count > 0:
                    data[Math.Min(at, data.Count - 1)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 2 when at < data.Count:
                    data.RemoveRange(at, Math.Min(data.Count - at, random.Next(1, 32)));
                    break;
                case 3:
                    data.Insert(at, (byte)random.Next(256));
                    break;
                default:
                    if (at < data.Count)
                    {
                        data.RemoveRange(at, data.Count - at);
                    }

                    break;
            }
        }

        return data.ToArray();
    }
}
