using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowRole.Splunk.Protocol.Metadata;

/// <summary>
/// Source-generated System.Text.Json metadata for every protocol message: no reflection, so it works under NativeAOT
/// and trimming. Null members are left out of replies; unknown request keys are skipped.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(RequestMetadata))]
[JsonSerializable(typeof(GetInfoReply))]
[JsonSerializable(typeof(ExecuteReply))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the protocol uses: as <see cref="JsonSerializerContext"/>'s default, but text is written as UTF-8
    /// rather than <c>\uXXXX</c> escapes (the replies go to splunkd, never into HTML), so messages stay readable in
    /// search.log and captured streams.
    /// </summary>
    public static ProtocolJsonContext Protocol { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
