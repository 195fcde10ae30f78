using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Csv;
using FlowRole.Splunk.Hosting;

namespace FlowRole.Fuzzing;

/// <summary>
/// The whole Splunk command loop, bytes in to protocol bytes out, exactly as splunkd drives it. Invariants: no
/// exception escapes and no internal error is caught; the exit code is 0 or 1; the output is a sequence of
/// well-formed chunks, each with one JSON object of metadata; a clean run answers every request chunk exactly once;
/// a failed run ends with an error reply (or none, when the request was cut off); each execute reply carries as many
/// records as its request, each with the reply header's field count.
/// </summary>
internal static class ScpCommandTarget
{
    public static void Run(byte[] data)
    {
        var output = new MemoryStream();
        var diagnostics = new StringWriter(CultureInfo.InvariantCulture);
        var host = new SearchCommandHost(new HostOptions { Commands = CommandCatalog.All });
        int exit = host.Run(new MemoryStream(data, writable: false), output, diagnostics);
        string log = diagnostics.ToString();
        InvariantException.Check(exit is SearchCommandHost.ExitSuccess or SearchCommandHost.ExitFailure, "exit code " + exit.ToString(CultureInfo.InvariantCulture));
        InvariantException.Check(!log.Contains("internal error", StringComparison.Ordinal), "an exception reached the host's last-resort handler:\n" + log);

        ScpRequests requests = ScpRequests.Parse(data);
        ScpRequests replies = ScpRequests.Parse(output.ToArray());
        InvariantException.Check(replies.EndsCleanly, "the output is not a sequence of whole chunks");
        foreach ((byte[] metadata, _) in replies.Chunks)
        {
            InvariantException.Check(IsJsonObject(metadata), "a reply's metadata is not one JSON object: " + Encoding.UTF8.GetString(metadata));
        }

        int answered = replies.Chunks.Count;
        if (exit == SearchCommandHost.ExitSuccess)
        {
            InvariantException.Check(requests.EndsCleanly, "a clean exit on a stream splunklib's grammar cannot read to the end");
            InvariantException.Check(answered == requests.Chunks.Count, answered.ToString(CultureInfo.InvariantCulture) + " replies to "
                + requests.Chunks.Count.ToString(CultureInfo.InvariantCulture) + " requests");
        }
        else
        {
            InvariantException.Check(log.Length > 0, "a failed run that says nothing");
            InvariantException.Check(answered <= requests.Chunks.Count + 1, "more replies than requests");
            if (answered > 0)
            {
                string? error = ErrorOf(replies.Chunks[answered - 1].Metadata);
                InvariantException.Check(error is not null || log.Contains("ended", StringComparison.Ordinal) || log.Contains("I/O error", StringComparison.Ordinal),
                    "a failed run whose last reply carries no error");
            }

            // The replies before the failing one answered their requests normally.
            answered = Math.Min(answered - 1, requests.Chunks.Count);
        }

        bool filters = FiltersRecords(requests);
        for (int i = 1; i < answered; i++)
        {
            CheckRecords(requests.Chunks[i].Body, replies.Chunks[i].Body, filters, i);
        }
    }

    private static void CheckRecords(byte[] requestBody, byte[] replyBody, bool filters, int chunk)
    {
        var reader = new SplunkCsvReader();
        reader.Reset((byte[])requestBody.Clone());
        int records = 0;
        if (reader.ReadHeader())
        {
            while (reader.ReadRow())
            {
                records++;
            }
        }

        if (replyBody.Length == 0)
        {
            InvariantException.Check(records == 0 || filters, "chunk " + chunk.ToString(CultureInfo.InvariantCulture) + ": "
                + records.ToString(CultureInfo.InvariantCulture) + " records in, none out");
            return;
        }

        List<List<byte[]>> rows = CsvRecords.Parse(replyBody, crlf: true);
        InvariantException.Check(rows.Count >= 1, "a reply body without a header");
        for (int r = 1; r < rows.Count; r++)
        {
            InvariantException.Check(rows[r].Count == rows[0].Count, "chunk " + chunk.ToString(CultureInfo.InvariantCulture) + " reply row "
                + r.ToString(CultureInfo.InvariantCulture) + " does not have the header's field count");
        }

        InvariantException.Check(filters ? rows.Count - 1 <= records : rows.Count - 1 == records, "chunk " + chunk.ToString(CultureInfo.InvariantCulture)
            + ": " + records.ToString(CultureInfo.InvariantCulture) + " records in, " + (rows.Count - 1).ToString(CultureInfo.InvariantCulture) + " out");
    }

    /// <summary>True when the getinfo arguments may drop records (<c>only_suspicious</c>), so only "no more out than in" holds.</summary>
    private static bool FiltersRecords(ScpRequests requests)
    {
        if (requests.Chunks.Count == 0)
        {
            return false;
        }

        return Encoding.UTF8.GetString(requests.Chunks[0].Metadata).Contains("only_suspicious", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsJsonObject(byte[] metadata)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(metadata);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? ErrorOf(byte[] metadata)
    {
        using JsonDocument document = JsonDocument.Parse(metadata);
        return document.RootElement.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.String
            && error.GetString()!.Length > 0 ? error.GetString() : null;
    }
}
