using System.Text.Json.Serialization;

namespace FlowRole.Splunk.Protocol.Metadata;

/// <summary>The metadata of the command's answer to one execute chunk.</summary>
public sealed class ExecuteReply
{
    /// <summary>Messages for the job (must precede <see cref="Error"/>).</summary>
    [JsonPropertyName("inspector")]
    [JsonPropertyOrder(0)]
    public InspectorMessages? Inspector { get; set; }

    /// <summary>Echoes the request's <c>finished</c> flag (as splunklib does), or true with an error.</summary>
    [JsonPropertyName("finished")]
    [JsonPropertyOrder(1)]
    public bool Finished { get; set; }

    /// <summary>A fatal error shown to the user.</summary>
    [JsonPropertyName("error")]
    [JsonPropertyOrder(2)]
    public string? Error { get; set; }
}
