using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace FlowRole.Splunk.Tests.Infrastructure;

/// <summary>Builds request byte streams as splunkd writes them.</summary>
internal sealed class ScpStream
{
    private readonly MemoryStream _bytes = new();

    public static string GetInfoMetadata(params string[] args) => GetInfoMetadata(args, "flowrole");

    public static string GetInfoMetadata(IReadOnlyList<string> args, string command)
    {
        var json = new StringBuilder();
        json.Append("{\"action\":\"getinfo\",\"preview\":false,\"streaming_command_will_restart\":false,\"searchinfo\":{");
        json.Append("\"args\":[");
        for (int i = 0; i < args.Count; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(System.Text.Json.JsonSerializer.Serialize(args[i]));
        }

        json.Append("],\"raw_args\":[],\"command\":\"").Append(command).Append("\",\"dispatch_dir\":\"/tmp/none\",");
        json.Append("\"earliest_time\":\"0\",\"latest_time\":\"1627333200.5\",\"splunk_version\":\"9.1.0\",\"maxresultrows\":50000,");
        json.Append("\"search\":\"%7C%20flowrole\",\"sid\":\"1.1\",\"app\":\"search\",\"owner\":\"admin\",\"username\":\"admin\",");
        json.Append("\"session_key\":\"k\",\"splunkd_uri\":\"https://127.0.0.1:8089\"}}");
        return json.ToString();
    }

    public static string ExecuteMetadata(bool finished) => finished ? "{\"action\":\"execute\",\"finished\":true}" : "{\"action\":\"execute\",\"finished\":false}";

    public ScpStream GetInfo(params string[] args) => Chunk(GetInfoMetadata(args), "");

    public ScpStream Execute(string body, bool finished = false) => Chunk(ExecuteMetadata(finished), body);

    public ScpStream Execute(byte[] body, bool finished = false) => Chunk(Encoding.UTF8.GetBytes(ExecuteMetadata(finished)), body);

    public ScpStream Chunk(string metadata, string body) => Chunk(Encoding.UTF8.GetBytes(metadata), Encoding.UTF8.GetBytes(body));

    public ScpStream Chunk(byte[] metadata, byte[] body)
    {
        Raw("chunked 1.0," + metadata.Length + "," + body.Length + "\n");
        _bytes.Write(metadata);
        _bytes.Write(body);
        return this;
    }

    public ScpStream Raw(string text)
    {
        _bytes.Write(Encoding.UTF8.GetBytes(text));
        return this;
    }

    public ScpStream Raw(byte[] bytes)
    {
        _bytes.Write(bytes);
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();
}
