using System;
using System.Globalization;
using System.Management.Automation;

namespace FlowRole.PowerShell.Binding;

/// <summary>
/// Turns property values (strings from <c>Import-Csv</c>, numbers, enums such as <c>Get-NetTCPConnection</c>'s
/// <c>State</c>, booleans, IP addresses) into the text Core's binder parses. Invariant culture throughout.
/// </summary>
internal static class ValueText
{
    /// <summary>The value itself, unwrapped from PowerShell's wrappers; null for null, AutomationNull and DBNull.</summary>
    public static object? Unwrap(object? value)
    {
        while (value is PSObject wrapped)
        {
            object inner = wrapped.BaseObject;
            if (ReferenceEquals(inner, wrapped) || inner is PSCustomObject)
            {
                return wrapped;
            }

            value = inner;
        }

        return value is DBNull ? null : value;
    }

    /// <summary>The value as text, or null when there is none.</summary>
    public static string? ToText(object? value)
    {
        value = Unwrap(value);
        switch (value)
        {
            case null:
                return null;
            case string s:
                return s;
            case bool b:
                return b ? "true" : "false";
            case Enum e:
                return e.ToString();
            case IFormattable f:
                return f.ToString(null, CultureInfo.InvariantCulture);
            default:
                return LanguagePrimitives.ConvertTo<string>(value);
        }
    }

    /// <summary>True for the numeric types a JSON writer can write as numbers.</summary>
    public static bool IsNumber(object? value) => value is byte or sbyte or short or ushort or int or uint or long or ulong
        or float or double or decimal;
}
