using System;
using System.Collections.Generic;
using FlowRole.Formats;

namespace FlowRole.Fuzzing;

/// <summary>
/// The Core fuzz targets by name. The fuzz program (fuzz/FlowRole.Fuzz) runs them under AFL++; the replay tests feed
/// them every file of fuzz/corpus/&lt;name&gt;/. One definition serves both, so a corpus file means the same thing in
/// either place.
/// </summary>
internal static class CoreTargets
{
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["address"] = AddressTarget.Run,
        ["values"] = ValuesTarget.Run,
        ["policy"] = PolicyTarget.Run,
        ["alert-text"] = AlertTextTarget.Run,
        ["csv"] = data => FlowsTarget.Run(data, InputFormat.Csv),
        ["tsv"] = data => FlowsTarget.Run(data, InputFormat.Tsv),
        ["zeek"] = data => FlowsTarget.Run(data, InputFormat.Zeek),
        ["zeek-json"] = data => FlowsTarget.Run(data, InputFormat.Json),
        ["eve"] = data => FlowsTarget.Run(data, InputFormat.Json),
        ["w3c"] = data => FlowsTarget.Run(data, InputFormat.WindowsFirewall),
        ["auto"] = data => FlowsTarget.Run(data, InputFormat.Auto),
    };
}
