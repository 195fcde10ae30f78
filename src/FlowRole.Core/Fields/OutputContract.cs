using System;
using System.Collections.Generic;
using System.Text;

namespace FlowRole.Fields;

/// <summary>
/// The output contract, defined once for every front end: the names and order of the fields FlowRole adds to a
/// record. Every input field is kept, in order, before them. <c>flowrole_error</c> is set only on a record that could
/// not be classified, and then the classification fields are empty.
/// </summary>
public static class OutputContract
{
    /// <summary>Name of the error field.</summary>
    public const string ErrorFieldName = "flowrole_error";

    /// <summary>Separator of multivalue fields in CSV output.</summary>
    public const char MultivalueSeparator = ';';

    private static readonly string[] NameTable =
    {
        "client_ip", "client_port", "server_ip", "server_port", "transport", "service", "role_basis",
        "role_confidence", "swapped", "client_port_class", "server_port_class", "client_scope", "server_scope",
        "direction", "suspicious", "severity", "findings", "finding_sources", "attack_techniques", "community_id",
        ErrorFieldName,
    };

    private static readonly byte[][] Utf8Table = Array.ConvertAll(NameTable, n => Encoding.ASCII.GetBytes(n));

    private static readonly OutputField[] ClassificationTable = BuildFields(NameTable.Length - 1);
    private static readonly OutputField[] AllTable = BuildFields(NameTable.Length);
    private static readonly string[] ClassificationNames = BuildNames(NameTable.Length - 1);

    /// <summary>The classification fields, in output order (without <c>flowrole_error</c>).</summary>
    public static IReadOnlyList<OutputField> ClassificationFields => ClassificationTable;

    /// <summary>Every output field in order: the classification fields, then <c>flowrole_error</c>.</summary>
    public static IReadOnlyList<OutputField> AllFields => AllTable;

    /// <summary>The classification field names, in output order.</summary>
    public static IReadOnlyList<string> FieldNames => ClassificationNames;

    /// <summary>The name of an output field.</summary>
    public static string NameOf(OutputField field) => NameTable[Index(field)];

    /// <summary>The name of an output field as UTF-8.</summary>
    public static ReadOnlySpan<byte> Utf8NameOf(OutputField field) => Utf8Table[Index(field)];

    /// <summary>True for fields that hold several values (findings, finding_sources, attack_techniques).</summary>
    public static bool IsMultivalue(OutputField field) =>
        field is OutputField.Findings or OutputField.FindingSources or OutputField.AttackTechniques;

    /// <summary>Finds an output field by name (exact).</summary>
    public static bool TryParse(string? name, out OutputField field)
    {
        int i = name is null ? -1 : Array.IndexOf(NameTable, name);
        field = i >= 0 ? (OutputField)i : default;
        return i >= 0;
    }

    private static int Index(OutputField field)
    {
        int i = (int)field;
        if ((uint)i >= (uint)NameTable.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }

        return i;
    }

    private static OutputField[] BuildFields(int count)
    {
        var result = new OutputField[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = (OutputField)i;
        }

        return result;
    }

    private static string[] BuildNames(int count)
    {
        var result = new string[count];
        Array.Copy(NameTable, result, count);
        return result;
    }
}
