namespace FlowRole.Cli.Arguments;

/// <summary>An option a command accepts: its names, its value (if any) and the one description help and docs use.</summary>
internal sealed class OptionSpec
{
    public OptionSpec(string name, char? shortName, string? valueName, string description, bool repeatable = false)
    {
        Name = name;
        ShortName = shortName;
        ValueName = valueName;
        Description = description;
        Repeatable = repeatable;
    }

    /// <summary>The long name, without dashes.</summary>
    public string Name { get; }

    public char? ShortName { get; }

    /// <summary>The value's placeholder (e.g. FILE), or null for a flag.</summary>
    public string? ValueName { get; }

    public string Description { get; }

    public bool Repeatable { get; }

    public bool TakesValue => ValueName is not null;

    /// <summary>How help shows it: <c>-f, --format FORMAT</c>.</summary>
    public string Synopsis =>
        (ShortName is { } s ? "-" + s + ", " : "    ") + "--" + Name + (ValueName is null ? string.Empty : " " + ValueName);
}
