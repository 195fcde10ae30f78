using System;
using System.Collections.Generic;

namespace FlowRole.Cli.Arguments;

/// <summary>
/// A small POSIX-style parser: <c>--name value</c>, <c>--name=value</c>, <c>-x value</c>, flags, <c>--</c> to end
/// options, and <c>-</c> as a positional (standard input). Trim- and AOT-safe: no reflection.
/// </summary>
internal static class ArgumentParser
{
    public static ParsedArguments Parse(IReadOnlyList<string> args, int start, IReadOnlyList<OptionSpec> options)
    {
        var parsed = new ParsedArguments();
        bool optionsEnded = false;
        for (int i = start; i < args.Count; i++)
        {
            string arg = args[i];
            if (optionsEnded || arg == "-" || !arg.StartsWith("-", StringComparison.Ordinal))
            {
                parsed.Positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            if (arg is "-h" or "--help" or "-?")
            {
                parsed.Help = true;
                continue;
            }

            string? inlineValue = null;
            OptionSpec? spec;
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                string name = arg.Substring(2);
                int eq = name.IndexOf('=');
                if (eq >= 0)
                {
                    inlineValue = name.Substring(eq + 1);
                    name = name.Substring(0, eq);
                }

                spec = Find(options, name);
            }
            else
            {
                spec = arg.Length == 2 ? Find(options, arg[1]) : null;
            }

            if (spec is null)
            {
                throw new UsageException("unknown option '" + arg + "'");
            }

            if (!spec.TakesValue)
            {
                if (inlineValue is not null)
                {
                    throw new UsageException("--" + spec.Name + " takes no value");
                }

                parsed.AddFlag(spec.Name);
                continue;
            }

            string? value = inlineValue;
            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    throw new UsageException("--" + spec.Name + " needs a value (" + spec.ValueName + ")");
                }

                value = args[++i];
            }

            if (!spec.Repeatable && parsed.Has(spec.Name))
            {
                throw new UsageException("--" + spec.Name + " is given twice");
            }

            parsed.AddValue(spec.Name, value);
        }

        return parsed;
    }

    private static OptionSpec? Find(IReadOnlyList<OptionSpec> options, string name)
    {
        foreach (OptionSpec o in options)
        {
            if (string.Equals(o.Name, name, StringComparison.Ordinal))
            {
                return o;
            }
        }

        return null;
    }

    private static OptionSpec? Find(IReadOnlyList<OptionSpec> options, char shortName)
    {
        foreach (OptionSpec o in options)
        {
            if (o.ShortName == shortName)
            {
                return o;
            }
        }

        return null;
    }
}
