using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using Newtonsoft.Json.Linq;

namespace FlowRole.PowerShell.Tests.Infrastructure;

/// <summary>
/// Builds the objects analysts pipe in, the way the cmdlets this engine lacks would: Import-Csv rows (note properties
/// holding strings) and ConvertFrom-Json objects (nested [pscustomobject]s, numbers as long/double, arrays as object[]).
/// </summary>
public static class PSInputs
{
    /// <summary>Rows of a CSV file as Import-Csv returns them (RFC 4180 quoting; empty fields are empty strings).</summary>
    public static PSObject[] ImportCsv(string path) => FromCsv(File.ReadAllText(path));

    /// <summary>CSV text as Import-Csv objects.</summary>
    public static PSObject[] FromCsv(string text)
    {
        List<List<string>> rows = ParseCsv(text);
        var objects = new List<PSObject>();
        List<string> header = rows[0];
        for (int r = 1; r < rows.Count; r++)
        {
            var o = new PSObject();
            for (int c = 0; c < header.Count; c++)
            {
                o.Properties.Add(new PSNoteProperty(header[c], c < rows[r].Count ? rows[r][c] : null));
            }

            objects.Add(o);
        }

        return objects.ToArray();
    }

    /// <summary>A JSON document (an array or one object, or JSON lines) as ConvertFrom-Json objects.</summary>
    public static PSObject[] FromJson(string text)
    {
        var result = new List<PSObject>();
        text = text.Trim();
        if (text.StartsWith('['))
        {
            foreach (JToken token in JArray.Parse(text))
            {
                result.Add((PSObject)Convert(token)!);
            }
        }
        else
        {
            foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                result.Add((PSObject)Convert(JToken.Parse(line))!);
            }
        }

        return result.ToArray();
    }

    /// <summary>A JSON object as ConvertFrom-Json -AsHashtable returns it (nested ordered hashtables).</summary>
    public static IDictionary HashtableFromJson(string json) => (IDictionary)ConvertToHashtable(JToken.Parse(json))!;

    private static object? Convert(JToken token) => token.Type switch
    {
        JTokenType.Object => ToObject((JObject)token),
        JTokenType.Array => ToArray((JArray)token),
        JTokenType.Integer => token.Value<long>(),
        JTokenType.Float => token.Value<double>(),
        JTokenType.Boolean => token.Value<bool>(),
        JTokenType.Null => null,
        _ => token.Value<string>(),
    };

    private static PSObject ToObject(JObject json)
    {
        var o = new PSObject();
        foreach (JProperty property in json.Properties())
        {
            o.Properties.Add(new PSNoteProperty(property.Name, Convert(property.Value)));
        }

        return o;
    }

    private static object?[] ToArray(JArray array)
    {
        var items = new object?[array.Count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = Convert(array[i]);
        }

        return items;
    }

    private static object? ConvertToHashtable(JToken token)
    {
        if (token is JObject json)
        {
            var table = new System.Collections.Specialized.OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (JProperty property in json.Properties())
            {
                table[property.Name] = ConvertToHashtable(property.Value);
            }

            return table;
        }

        return Convert(token);
    }

    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = new List<string>();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
