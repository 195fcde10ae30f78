using System;
using System.Collections.Generic;

namespace FlowRole.Fuzzing;

/// <summary>
/// The Splunk fuzz targets by name, for the fuzz program (fuzz/FlowRole.Fuzz) and the replay tests, which feed them
/// every file of fuzz/corpus/&lt;name&gt;/.
/// </summary>
internal static class SplunkTargets
{
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["scp-chunk"] = ScpChunkTarget.Run,
        ["scp-csv"] = ScpCsvTarget.Run,
        ["scp-command"] = ScpCommandTarget.Run,
    };
}
