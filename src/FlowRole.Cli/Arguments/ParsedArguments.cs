using System;
using System.Collections.Generic;
using System.Globalization;

namespace FlowRole.Cli.Arguments;

/// <summary>A command line parsed against a command's options: values by option name, and the positional arguments.</summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Positionals { get; } = new();

    public bool Help { get; set; }

    public void AddValue(string option, string value)
    {
        if (!_values.TryGetValue(option, out List<string>? list))
        {
            list = new List<string>();
            _values.Add(option, list);
        }

        list.Add(value);
    }

    public void AddFlag(string option) => _flags.Add(option);

    public bool Has(string option) => _flags.Contains(option) || _values.ContainsKey(option);

    public string? Value(string option) => _values.TryGetValue(option, out List<string>? list) ? list[list.Count - 1] : null;

    public IReadOnlyList<string> Values(string option) =>
        _values.TryGetValue(option, out List<string>? list) ? list : (IReadOnlyList<string>)Array.Empty<string>();

    /// <summary>An option's value as one of a set of words (case-insensitive), or the default.</summary>
    public string Choice(string option, string defaultValue, params string[] allowed)
    {
        string? value = Value(option);
        if (value is null)
        {
            return defaultValue;
        }

        foreach (string a in allowed)
        {
            if (string.Equals(a, value, StringComparison.OrdinalIgnoreCase))
            {
                return a;
            }
        }

        throw new UsageException("--" + option + ": '" + value + "' is not one of " + string.Join(", ", allowed));
    }

    /// <summary>An option's value as a whole number in a range, or the default.</summary>
    public int Integer(string option, int defaultValue, int min, int max)
    {
        string? value = Value(option);
        if (value is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < min || n > max)
        {
            throw new UsageException("--" + option + ": '" + value + "' is not a whole number from "
                + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture));
        }

        return n;
    }
}
