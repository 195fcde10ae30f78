using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FlowRole.Splunk.Csv;
using FlowRole.Splunk.Protocol;
using FlowRole.Splunk.Tests.Infrastructure;
using Xunit;

namespace FlowRole.Splunk.Tests.Recordings;

/// <summary>The product's reader and CSV parser against what the recordings are known to contain.</summary>
public sealed class RecordingFactsTests
{
    [Theory]
    [InlineData("countmatches", 2, new[] { 0, 500 })]
    [InlineData("sum.map", 2, new[] { 0, 50000 })]
    [InlineData("sum.reduce", 2, new[] { 0, 1 })]
    [InlineData("pypygeneratetext", 1, new[] { 0 })]
    [InlineData("multibyte_input", 10, new[] { 0, 6638, 5861, 1, 6574, 5926, 6412, 6088, 1741, 1441 })]
    public void Reader_sees_the_documented_chunks_and_records(string name, int chunks, int[] records)
    {
        Recording recording = Recording.Load(name);
        var reader = new ChunkReader(new MemoryStream(recording.Input));
        var csv = new SplunkCsvReader();
        var counts = new List<int>();
        while (reader.TryRead(out Chunk chunk))
        {
            csv.Reset(chunk.Body);
            int n = 0;
            if (csv.ReadHeader())
            {
                while (csv.ReadRow())
                {
                    Assert.Null(csv.RowError);
                    n++;
                }
            }

            counts.Add(n);
        }

        Assert.Equal(chunks, reader.ChunksRead);
        Assert.Equal(records, counts);
        Assert.Equal(recording.Input.Length, reader.Position);
    }

    [Fact]
    public void Generatehello_input_ends_inside_a_chunk()
    {
        var reader = new ChunkReader(new MemoryStream(Recording.Load("generatehello").Input));
        Assert.True(reader.TryRead(out _));
        ProtocolException e = Assert.Throws<ProtocolException>(() => reader.TryRead(out _));
        Assert.True(e.Truncated);
        Assert.Contains("after 0 of the 150 body bytes", e.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("countmatches.output", 2)]
    [InlineData("sum.map.output", 2)]
    [InlineData("sum.reduce.output", 2)]
    [InlineData("generatehello.output", 2)]
    [InlineData("pypygeneratetext.output", 2)]
    [InlineData("TestInternals.test_record_writer_with_recordings.1443154424.42.output", 1)]
    public void Expected_outputs_frame_by_byte_counts(string file, int chunks)
    {
        var reader = new ChunkReader(new MemoryStream(File.ReadAllBytes(Recording.Path6(file))));
        int n = 0;
        while (reader.TryRead(out _))
        {
            n++;
        }

        Assert.Equal(chunks, n);
    }

    [Fact]
    public void Countmatches_reply_declares_bytes_not_characters()
    {
        byte[] output = File.ReadAllBytes(Recording.Path6("countmatches.output"));
        var reader = new ChunkReader(new MemoryStream(output));
        reader.TryRead(out _);
        reader.TryRead(out Chunk reply);
        Assert.Equal(49651, reply.Body.Length);
        // Python counts code points: 40,626 of them (emoji are two UTF-16 units each here).
        Assert.Equal(40626, Encoding.UTF8.GetString(reply.Body.Span).EnumerateRunes().Count());
    }

    [Fact]
    public void Splunklib_multivalue_golden_file_matches_our_encoder()
    {
        var reader = new ChunkReader(new MemoryStream(File.ReadAllBytes(Recording.Path6("TestInternals.test_record_writer_with_recordings.1443154424.42.output"))));
        Assert.True(reader.TryRead(out Chunk chunk));
        var csv = new SplunkCsvReader();
        csv.Reset(chunk.Body.ToArray());
        Assert.True(csv.ReadHeader());
        SplunkCsvHeader header = csv.Header!;
        var builder = new MultivalueBuilder();
        int records = 0;
        int multivalues = 0;
        while (csv.ReadRow())
        {
            Assert.Null(csv.RowError);
            records++;
            for (int c = 0; c < header.Count; c++)
            {
                int mv = header.MultivalueColumnOf(c);
                if (mv < 0 || csv.Field(mv).IsEmpty)
                {
                    continue;
                }

                List<byte[]> items = DecodeMultivalue(csv.Field(mv).ToArray());
                builder.Clear();
                foreach (byte[] item in items)
                {
                    builder.Add(item);
                }

                // splunklib writes one-item lists as plain values, so every __mv_ value here has two or more.
                Assert.True(items.Count > 1);
                Assert.Equal(items.Count, MultivalueBuilder.CountEncoded(csv.Field(mv)));
                Assert.True(System.MemoryExtensions.SequenceEqual(builder.Encoded, csv.Field(mv)), header[c]);
                Assert.True(System.MemoryExtensions.SequenceEqual(builder.Joined, csv.Field(c)), header[c]);
                multivalues++;
            }
        }

        Assert.Equal(31, records);
        Assert.Equal(31, multivalues);
    }

    /// <summary>splunklib's decoder: \$(?P&lt;item&gt;(?:\$\$|[^$])*)\$(?:;|$), then $$ to $.</summary>
    private static List<byte[]> DecodeMultivalue(byte[] encoded)
    {
        var items = new List<byte[]>();
        int i = 0;
        while (i < encoded.Length)
        {
            Assert.Equal((byte)'$', encoded[i]);
            i++;
            var item = new List<byte>();
            while (true)
            {
                if (encoded[i] == (byte)'$' && i + 1 < encoded.Length && encoded[i + 1] == (byte)'$')
                {
                    item.Add((byte)'$');
                    i += 2;
                    continue;
                }

                if (encoded[i] == (byte)'$')
                {
                    i++;
                    break;
                }

                item.Add(encoded[i++]);
            }

            items.Add(item.ToArray());
            if (i < encoded.Length)
            {
                Assert.Equal((byte)';', encoded[i]);
                i++;
            }
        }

        return items;
    }
}
