using System.Text.Json.Serialization;

namespace FlowRole.Splunk.Protocol.Metadata;

/// <summary>
/// The metadata splunkd sends with each request: <c>getinfo</c> first, then <c>execute</c> chunks. Only the keys the
/// command uses are modelled; every other key is ignored, and every key is optional.
/// </summary>
public sealed class RequestMetadata
{
    /// <summary>The action: <c>getinfo</c> or <c>execute</c>.</summary>
    [JsonPropertyName("action")]
    public string? Action { get; set; }

    /// <summary>True on the last execute chunk.</summary>
    [JsonPropertyName("finished")]
    public bool Finished { get; set; }

    /// <summary>True when splunkd runs the search for a preview.</summary>
    [JsonPropertyName("preview")]
    public bool Preview { get; set; }

    /// <summary>The search context (getinfo only).</summary>
    [JsonPropertyName("searchinfo")]
    public SearchInfo? SearchInfo { get; set; }
}
