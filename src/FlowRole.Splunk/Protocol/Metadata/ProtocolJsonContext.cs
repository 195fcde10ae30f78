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
}
