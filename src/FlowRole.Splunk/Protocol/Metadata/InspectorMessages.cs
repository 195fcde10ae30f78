using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace FlowRole.Splunk.Protocol.Metadata;

/// <summary>The <c>inspector</c> object of a reply: messages shown on the job and in the job inspector.</summary>
public sealed class InspectorMessages
{
    /// <summary>The messages as <c>[level, text]</c> pairs; levels are <c>DEBUG</c>, <c>INFO</c>, <c>WARN</c>, <c>ERROR</c>.</summary>
    [JsonPropertyName("messages")]
    public IList<IReadOnlyList<string>> Messages { get; } = new List<IReadOnlyList<string>>();

    /// <summary>Adds a message.</summary>
    public void Add(string level, string text) => Messages.Add([level, text]);
}
