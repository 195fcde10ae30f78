using System;
using System.Collections.Generic;
using System.IO;

namespace FlowRole.Splunk.Tests.Infrastructure;

/// <summary>
/// A strict reader of Splunk .conf files: <c>[stanza]</c> headers, <c>key = value</c> lines, <c>#</c> comments, a
/// trailing backslash continuing a value. Anything else, a key outside a stanza, a repeated stanza or a repeated key
/// is an error naming the file and line.
/// </summary>
internal sealed class SplunkConf
{
    private SplunkConf(string path, Dictionary<string, Dictionary<string, string>> stanzas, List<string> order)
    {
        Path = path;
        Stanzas = stanzas;
        Order = order;
    }

    public string Path { get; }

    public Dictionary<string, Dictionary<string, string>> Stanzas { get; }

    public List<string> Order { get; }

    public Dictionary<string, string> this[string stanza] => Stanzas.TryGetValue(stanza, out Dictionary<string, string>? keys)
        ? keys
        : throw new KeyNotFoundException(Path + " has no [" + stanza + "]");

    public static SplunkConf Load(string path)
    {
        var stanzas = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var order = new List<string>();
        Dictionary<string, string>? current = null;
        string[] lines = File.ReadAllText(path).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string where = System.IO.Path.GetFileName(path) + ":" + (i + 1);
            string line = lines[i].TrimEnd('\r');
            if (line.Contains('\t', StringComparison.Ordinal))
            {
                throw new FormatException(where + ": tab character");
            }

            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (trimmed.StartsWith('['))
            {
                if (!trimmed.EndsWith(']'))
                {
                    throw new FormatException(where + ": unterminated stanza header");
                }

                string name = trimmed[1..^1];
                if (!stanzas.TryAdd(name, current = new Dictionary<string, string>(StringComparer.Ordinal)))
                {
                    throw new FormatException(where + ": stanza [" + name + "] repeated");
                }

                order.Add(name);
                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException(where + ": not a stanza, a comment or key = value: " + line);
            }

            if (current is null)
            {
                throw new FormatException(where + ": key outside a stanza");
            }

            string key = line[..equals].Trim();
            string value = line[(equals + 1)..].Trim();
            while (value.EndsWith('\\') && i + 1 < lines.Length)
            {
                value = value[..^1] + "\n" + lines[++i].TrimEnd('\r').Trim();
            }

            if (!current.TryAdd(key, value))
            {
                throw new FormatException(where + ": key '" + key + "' repeated");
            }
        }

        return new SplunkConf(path, stanzas, order);
    }
}
