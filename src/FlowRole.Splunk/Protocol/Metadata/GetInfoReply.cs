using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace FlowRole.Splunk.Protocol.Metadata;

/// <summary>The command's answer to getinfo: what kind of command it is and which fields it needs.</summary>
public sealed class GetInfoReply
{
    /// <summary><c>streaming</c> (distributable: splunkd may run it on every indexer), <c>stateful</c>, <c>events</c> or <c>reporting</c>.</summary>
    [JsonPropertyName("type")]
    [JsonPropertyOrder(0)]
    public string Type { get; set; } = "streaming";

    /// <summary>True for a generating command; omitted when null.</summary>
    [JsonPropertyName("generating")]
    [JsonPropertyOrder(1)]
    public bool? Generating { get; set; }

    /// <summary>The fields the command reads; splunkd then sends only those (plus <c>_chunked_idx</c>). Omitted when null.</summary>
    [JsonPropertyName("required_fields")]
    [JsonPropertyOrder(2)]
    public IReadOnlyList<string>? RequiredFields { get; set; }

    /// <summary>Messages for the job (must precede <see cref="Error"/>, as Splunk's own MLTK code notes).</summary>
    [JsonPropertyName("inspector")]
    [JsonPropertyOrder(3)]
    public InspectorMessages? Inspector { get; set; }

    /// <summary>True to end the command (only with an error).</summary>
    [JsonPropertyName("finished")]
    [JsonPropertyOrder(4)]
    public bool? Finished { get; set; }

    /// <summary>A fatal error shown to the user.</summary>
    [JsonPropertyName("error")]
    [JsonPropertyOrder(5)]
    public string? Error { get; set; }
}
