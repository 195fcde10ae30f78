using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using FlowRole.Tests;

namespace FlowRole.Splunk.Tests.Infrastructure;

/// <summary>A real splunkd to command byte stream from ../shared/data/splunk-scpv2.</summary>
internal sealed class Recording
{
    private Recording(string name, byte[] input)
    {
        Name = name;
        Input = input;
    }

    /// <summary>The recordings that are whole protocol streams, by short name.</summary>
    public static IReadOnlyList<string> Streams { get; } = ["countmatches", "sum.map", "sum.reduce", "pypygeneratetext", "multibyte_input"];

    public string Name { get; }

    public byte[] Input { get; }

    public static string Path6(string file) => TestPaths.InShared("splunk-scpv2", "recordings-splunk-6.3", "Splunk-6.3", file);

    public static Recording Load(string name)
    {
        string path = name == "multibyte_input"
            ? TestPaths.InShared("splunk-scpv2", "splunk-8.0.3", "multibyte_input.gz")
            : Path6(name + ".input.gz");
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var bytes = new MemoryStream();
        gz.CopyTo(bytes);
        return new Recording(name, bytes.ToArray());
    }

    /// <summary>The request chunks, parsed by the independent test parser.</summary>
    public List<ReplyChunk> Requests => ReplyParser.Parse(Input, tolerant: true);

    /// <summary>
    /// The same stream with the getinfo's <c>searchinfo.args</c> replaced (the recordings hold other commands'
    /// arguments); every other key and every execute chunk stays byte for byte.
    /// </summary>
    public byte[] WithArgs(params string[] args)
    {
        int headerEnd = Array.IndexOf(Input, (byte)'\n');
        string[] header = Encoding.ASCII.GetString(Input, 0, headerEnd).Split(',');
        int metaLength = int.Parse(header[1], System.Globalization.CultureInfo.InvariantCulture);
        JsonNode node = JsonNode.Parse(Input.AsSpan(headerEnd + 1, metaLength))!;
        node["searchinfo"]!["args"] = new JsonArray(args.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray());
        byte[] meta = Encoding.UTF8.GetBytes(node.ToJsonString());
        var stream = new MemoryStream();
        stream.Write(Encoding.ASCII.GetBytes("chunked 1.0," + meta.Length + ",0\n"));
        stream.Write(meta);
        stream.Write(Input.AsSpan(headerEnd + 1 + metaLength));
        return stream.ToArray();
    }
}
