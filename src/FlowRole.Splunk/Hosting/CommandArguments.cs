using System;
using System.Collections.Generic;
using System.Linq;

namespace FlowRole.Splunk.Hosting;

/// <summary>
/// The <c>name=value</c> options of a search command as splunkd passes them in <c>searchinfo.args</c> (already split,
/// quotes removed). A command takes the options it knows; whatever is left, repeated or positional is an error that
/// names the option.
/// </summary>
public sealed class CommandArguments
{
    private readonly string _command;
    private readonly List<KeyValuePair<string, string>> _options;
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    private CommandArguments(string command, List<KeyValuePair<string, string>> options)
    {
        _command = command;
        _options = options;
    }

    /// <summary>The options in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Options => _options;

    /// <summary>Parses <c>name=value</c> items; the value is everything after the first <c>=</c>.</summary>
    public static CommandArguments Parse(string command, IReadOnlyList<string>? args)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string arg in args ?? [])
        {
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CommandArgumentException(command + ": unexpected argument '" + arg + "'; every option is name=value, e.g. "
                    + command + " dest_port=dport");
            }

            string name = arg[..equals];
            string value = arg[(equals + 1)..];
            if (!seen.Add(name))
            {
                throw new CommandArgumentException(command + ": option '" + name + "' is given more than once");
            }

            options.Add(new KeyValuePair<string, string>(name, value));
        }

        return new CommandArguments(command, options);
    }

    /// <summary>The value of an option, or null when absent. An empty value is an error.</summary>
    public string? Take(string name)
    {
        _taken.Add(name);
        foreach (KeyValuePair<string, string> option in _options)
        {
            if (string.Equals(option.Key, name, StringComparison.Ordinal))
            {
                if (option.Value.Length == 0)
                {
                    throw new CommandArgumentException(_command + ": option '" + name + "' has an empty value");
                }

                return option.Value;
            }
        }

        return null;
    }

    /// <summary>A field-name option: any non-empty text without a comma (Splunk field names may hold spaces and dots).</summary>
    public string? TakeField(string name)
    {
        string? value = Take(name);
        if (value is not null && (value.Contains(',', StringComparison.Ordinal) || value.Trim().Length == 0))
        {
            throw new CommandArgumentException(_command + ": option '" + name + "' must name one field, got '" + value + "'");
        }

        return value;
    }

    /// <summary>A boolean option in Splunk's spellings (<c>true/false</c>, <c>t/f</c>, <c>yes/no</c>, <c>y/n</c>, <c>1/0</c>).</summary>
    public bool TakeBoolean(string name, bool defaultValue)
    {
        string? value = Take(name);
        if (value is null)
        {
            return defaultValue;
        }

        switch (value.ToUpperInvariant())
        {
            case "TRUE" or "T" or "YES" or "Y" or "1":
                return true;
            case "FALSE" or "F" or "NO" or "N" or "0":
                return false;
            default:
                throw new CommandArgumentException(_command + ": option '" + name + "' must be true or false, got '" + value + "'");
        }
    }

    /// <summary>Throws for the first option no one took, listing the options the command knows.</summary>
    public void ThrowIfUnknown()
    {
        foreach (KeyValuePair<string, string> option in _options)
        {
            if (!_taken.Contains(option.Key))
            {
                if (_taken.Count == 0)
                {
                    throw new CommandArgumentException(_command + ": unknown option '" + option.Key + "'; " + _command + " takes no options");
                }

                throw new CommandArgumentException(_command + ": unknown option '" + option.Key + "'; valid options are "
                    + string.Join(", ", _taken.OrderBy(n => n, StringComparer.Ordinal)));
            }
        }
    }
}
