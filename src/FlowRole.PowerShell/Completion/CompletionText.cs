using System;
using System.Management.Automation;

namespace FlowRole.PowerShell.Completion;

/// <summary>Shared helpers of the argument completers: prefix matching and quoting.</summary>
internal static class CompletionText
{
    /// <summary>True when <paramref name="candidate"/> completes what the user typed (ignoring case; wildcards allowed).</summary>
    public static bool Matches(string candidate, string typed)
    {
        if (typed.Length == 0)
        {
            return true;
        }

        if (WildcardPattern.ContainsWildcardCharacters(typed))
        {
            return new WildcardPattern(typed.EndsWith("*", StringComparison.Ordinal) ? typed : typed + "*", WildcardOptions.IgnoreCase)
                .IsMatch(candidate);
        }

        return candidate.StartsWith(typed, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What the user typed so far, without the quote they may have opened.</summary>
    public static string Unquote(string? wordToComplete)
    {
        string word = wordToComplete ?? string.Empty;
        if (word.Length > 0 && (word[0] == '\'' || word[0] == '"'))
        {
            word = word.Substring(1);
            if (word.Length > 0 && (word[word.Length - 1] == '\'' || word[word.Length - 1] == '"'))
            {
                word = word.Substring(0, word.Length - 1);
            }
        }

        return word;
    }

    /// <summary>The text to insert: single-quoted when the value holds characters PowerShell would split on.</summary>
    public static string Quote(string value)
    {
        foreach (char c in value)
        {
            if (char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '`' or ',' or ';' or '(' or ')' or '{' or '}' or '@' or '#' or '&' or '|' or '<' or '>')
            {
                return "'" + value.Replace("'", "''") + "'";
            }
        }

        return value;
    }
}
