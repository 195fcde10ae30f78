using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace FlowRole.Splunk.Tests.Infrastructure;

/// <summary>
/// A strict parser for the command's replies, written independently of the product's reader: the header must be
/// exactly <c>chunked 1.0,m,b\n</c>, the metadata exactly m bytes of one JSON object, the next header right after
/// the body. With <c>tolerant</c> it skips whitespace between chunks (for the recordings' expected files).
/// </summary>
internal static class ReplyParser
{
    public static List<ReplyChunk> Parse(byte[] stream, bool tolerant = false)
    {
        var chunks = new List<ReplyChunk>();
        int at = 0;
        while (true)
        {
            if (tolerant)
            {
                while (at < stream.Length && stream[at] is (byte)'\n' or (byte)'\r' or (byte)' ')
                {
                    at++;
                }
            }

            if (at == stream.Length)
            {
                return chunks;
            }

            int newline = Array.IndexOf(stream, (byte)'\n', at);
            if (newline < 0)
            {
                throw new FormatException("reply " + chunks.Count + ": no header line at byte " + at);
            }

            string header = Encoding.ASCII.GetString(stream, at, newline - at);
            string[] parts = header.Split(',');
            if (parts.Length != 3 || parts[0] != "chunked 1.0" || !int.TryParse(parts[1], out int meta) || !int.TryParse(parts[2], out int body)
                || parts[1] != meta.ToString() || parts[2] != body.ToString())
            {
                throw new FormatException("reply " + chunks.Count + ": bad header '" + header + "'");
            }

            at = newline + 1;
            if (at + meta + body > stream.Length)
            {
                throw new FormatException("reply " + chunks.Count + ": declares " + (meta + body) + " bytes, " + (stream.Length - at) + " left");
            }

            using JsonDocument doc = JsonDocument.Parse(stream.AsMemory(at, meta));
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("reply " + chunks.Count + ": metadata is not an object");
            }

            JsonElement metadata = doc.RootElement.Clone();
            byte[] bodyBytes = stream.AsSpan(at + meta, body).ToArray();
            at += meta + body;
            chunks.Add(new ReplyChunk(metadata, bodyBytes));
        }
    }
}
