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

    /// <summary>What an output field holds (the same text as the <see cref="OutputField"/> documentation, after the name).</summary>
    public static string Describe(OutputField field) => field switch
    {
        OutputField.ClientIp => "The client's (initiator's) address.",
        OutputField.ClientPort => "The client's port.",
        OutputField.ServerIp => "The server's (responder's) address.",
        OutputField.ServerPort => "The server's port.",
        OutputField.Transport => "tcp, udp, icmp, ipv6-icmp, sctp, another IANA keyword, or unknown.",
        OutputField.Service => "The server port's service name, empty when unknown.",
        OutputField.RoleBasis => "The evidence that decided the roles (e.g. zeek_history, service_port).",
        OutputField.RoleConfidence => "How sure FlowRole is of the roles, 0.00-1.00.",
        OutputField.Swapped => "True when the record's destination is the client.",
        OutputField.ClientPortClass => "well_known, registered or dynamic.",
        OutputField.ServerPortClass => "well_known, registered or dynamic.",
        OutputField.ClientScope => "The client address's scope (global, private, shared, loopback...).",
        OutputField.ServerScope => "The server address's scope.",
        OutputField.Direction => "inbound, outbound, internal, external or unknown (client to server).",
        OutputField.Suspicious => "True when a finding is at or above the policy's threshold.",
        OutputField.Severity => "The highest finding severity (none, info, low, medium, high, critical).",
        OutputField.Findings => "Ids of the policy rules that matched (multivalue).",
        OutputField.FindingSources => "External rules the findings implement, e.g. sigma:<id> (multivalue).",
        OutputField.AttackTechniques => "ATT&CK technique ids of the findings (multivalue).",
        OutputField.CommunityId => "The flow's Community ID v1 hash.",
        OutputField.Error => "Why the record could not be classified; empty when it was.",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

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
