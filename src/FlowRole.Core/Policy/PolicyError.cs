using System.Globalization;
using System.Text;

namespace FlowRole.Policy;

/// <summary>
/// One problem in a policy: where (source, line, column), in what (rule or allow entry, field) and what is wrong.
/// <see cref="ToString"/> gives the full text, e.g.
/// <c>policy.json:7:25: rule 'MY-RDP' field 'server_ports': '70000' is not a port (0-65535)</c>.
/// </summary>
public sealed class PolicyError
{
    /// <summary>Creates an error.</summary>
    public PolicyError(string source, int line, int column, string? context, string? field, string message)
    {
        Source = source ?? "";
        Line = line;
        Column = column;
        Context = context;
        Field = field;
        Message = message ?? "";
    }

    /// <summary>The file (or name) the policy came from.</summary>
    public string Source { get; }

    /// <summary>1-based line of the offending JSON, or 0 when not known.</summary>
    public int Line { get; }

    /// <summary>1-based column (in characters) of the offending JSON, or 0 when not known.</summary>
    public int Column { get; }

    /// <summary>What holds the problem, e.g. <c>rule 'MY-RDP'</c>, <c>rule #3</c>, <c>allow #2</c>; null at top level.</summary>
    public string? Context { get; }

    /// <summary>The JSON field, e.g. <c>server_ports</c>; null when the problem is not in one field.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, quoting the bad value.</summary>
    public string Message { get; }

    /// <summary>The full text: <c>source[:line:column]: [context ][field 'name']: message</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Source);
        if (Line > 0)
        {
            sb.Append(':').Append(Line.ToString(CultureInfo.InvariantCulture));
            if (Column > 0)
            {
                sb.Append(':').Append(Column.ToString(CultureInfo.InvariantCulture));
            }
        }

        sb.Append(": ");
        if (Context is not null)
        {
            sb.Append(Context);
            if (Field is not null)
            {
                sb.Append(' ');
            }
        }

        if (Field is not null)
        {
            sb.Append("field '").Append(Field).Append('\'');
        }

        if (Context is not null || Field is not null)
        {
            sb.Append(": ");
        }

        sb.Append(Message);
        return sb.ToString();
    }
}
