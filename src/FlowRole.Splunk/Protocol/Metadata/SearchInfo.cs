using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace FlowRole.Splunk.Protocol.Metadata;

/// <summary>
/// The <c>searchinfo</c> object of a getinfo request. Keys whose type varies between Splunk versions
/// (<c>earliest_time</c> is a string from splunkd and a number in rewritten recordings) are deliberately not modelled.
/// </summary>
public sealed class SearchInfo
{
    /// <summary>The command's SPL arguments, split by splunkd with quotes removed (<c>internal=10.0.0.0/8,fd00::/8</c>).</summary>
    [JsonPropertyName("args")]
    public IReadOnlyList<string>? Args { get; set; }

    /// <summary>The same arguments with the user's quoting kept.</summary>
    [JsonPropertyName("raw_args")]
    public IReadOnlyList<string>? RawArgs { get; set; }

    /// <summary>The command name as typed in SPL (Splunk 8 and later).</summary>
    [JsonPropertyName("command")]
    public string? Command { get; set; }

    /// <summary>The job's dispatch directory; absent or bogus in getinfo-only probe runs.</summary>
    [JsonPropertyName("dispatch_dir")]
    public string? DispatchDir { get; set; }

    /// <summary>The search id.</summary>
    [JsonPropertyName("sid")]
    public string? Sid { get; set; }

    /// <summary>The app the search runs in.</summary>
    [JsonPropertyName("app")]
    public string? App { get; set; }

    /// <summary>The Splunk version (Splunk 6.3 sent a build date instead).</summary>
    [JsonPropertyName("splunk_version")]
    public string? SplunkVersion { get; set; }
}
