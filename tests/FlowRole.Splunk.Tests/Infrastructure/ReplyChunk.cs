using System.Text;
using System.Text.Json;

namespace FlowRole.Splunk.Tests.Infrastructure;

/// <summary>One reply chunk as an independent strict parser saw it.</summary>
internal sealed record ReplyChunk(JsonElement Metadata, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public bool Finished => Metadata.TryGetProperty("finished", out JsonElement f) && f.GetBoolean();

    public string? Error => Metadata.TryGetProperty("error", out JsonElement e) ? e.GetString() : null;

    public string[][] Messages
    {
        get
        {
            if (!Metadata.TryGetProperty("inspector", out JsonElement inspector))
            {
                return [];
            }

            var list = new System.Collections.Generic.List<string[]>();
            foreach (JsonElement m in inspector.GetProperty("messages").EnumerateArray())
            {
                list.Add([m[0].GetString()!, m[1].GetString()!]);
            }

            return list.ToArray();
        }
    }
}
