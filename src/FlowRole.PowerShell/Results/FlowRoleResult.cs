using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Policy;
using FlowRole.PowerShell.Binding;
using FlowRole.PowerShell.Logs;

namespace FlowRole.PowerShell.Results;

/// <summary>
/// What <c>Get-FlowRole</c> concluded about one flow, shown to PowerShell as <c>FlowRole.FlowResult</c>: the output
/// contract's fields as PascalCase properties (text values exactly as the CSV, JSON and Splunk outputs write them),
/// plus the object that came in. Values are rendered by Core on read, so results nobody looks at cost little.
/// </summary>
public sealed class FlowRoleResult
{
    /// <summary>The type name PowerShell sees first (format views and <c>Get-Member</c> use it).</summary>
    public const string TypeName = "FlowRole.FlowResult";

    // A million results may be held at once (`$r = ... | Get-FlowRole`, or the engine collecting a pipeline's output),
    // and every byte of each is copied as the garbage collector promotes it. So a result keeps only its context, its
    // input and the flow record, and derives everything else when read: Core's classification is a pure function of
    // the record under one classifier (about a tenth of a microsecond), so classifying again gives the result that was
    // filtered on when it was written. The record is packed into a few fields when it can be (two IPv4 endpoints, no
    // history or counts: 64 bytes a result instead of 200), read back from an Import-FlowLog record that holds it, and
    // kept whole otherwise.
    private readonly object? _input;
    private readonly object? _stored; // null: _packed holds the record; a FlowLogRecord: its record; a StoredRecord
    private readonly PackedRecord _packed;

    internal FlowRoleResult(in FlowRecord record, ClassificationContext context, object? inputObject, InputRow? row)
    {
        Context = context;
        _input = row ?? inputObject;
        if (!PackedRecord.TryPack(record, out _packed))
        {
            _stored = LogHolding(inputObject, record) ?? (object)new StoredRecord(record);
        }
    }

    /// <summary>The client's (initiator's) address.</summary>
    public string ClientAddress => Text(OutputField.ClientIp);

    /// <summary>The client's port.</summary>
    public int ClientPort => Result.Client.Port;

    /// <summary>The server's (responder's) address.</summary>
    public string ServerAddress => Text(OutputField.ServerIp);

    /// <summary>The server's port.</summary>
    public int ServerPort => Result.Server.Port;

    /// <summary>The transport: tcp, udp, icmp, ipv6-icmp, sctp, another IANA keyword, or unknown.</summary>
    public string Transport => FlowNames.Name(Record.Transport);

    /// <summary>The server port's service name; null when unknown.</summary>
    public string? Service => Result.Service;

    /// <summary>The evidence that decided the roles (e.g. zeek_history, listener, service_port).</summary>
    public string RoleBasis => FlowNames.Name(Result.Basis);

    /// <summary>How sure FlowRole is of the roles, 0.00-1.00.</summary>
    public double RoleConfidence => double.Parse(Text(OutputField.RoleConfidence), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>True when the record's destination is the client (a reply or reversed record).</summary>
    public bool Swapped => Result.Swapped;

    /// <summary>The client port's IANA range: well_known, registered or dynamic.</summary>
    public string ClientPortClass => Text(OutputField.ClientPortClass);

    /// <summary>The server port's IANA range: well_known, registered or dynamic.</summary>
    public string ServerPortClass => Text(OutputField.ServerPortClass);

    /// <summary>The client address's scope (global, private, shared, loopback...).</summary>
    public string ClientScope => Text(OutputField.ClientScope);

    /// <summary>The server address's scope.</summary>
    public string ServerScope => Text(OutputField.ServerScope);

    /// <summary>inbound, outbound, internal, external or unknown (client to server).</summary>
    public string Direction => Text(OutputField.Direction);

    /// <summary>True when a finding is at or above the policy's threshold.</summary>
    public bool Suspicious => Result.Suspicious;

    /// <summary>The highest finding severity; an ordered value, so <c>Where-Object Severity -ge High</c> works.</summary>
    public Severity Severity => Result.Severity;

    /// <summary>Ids of the policy rules that matched.</summary>
    public string[] Findings => Values(OutputField.Findings);

    /// <summary>External rules the findings implement, e.g. sigma:&lt;id&gt;.</summary>
    public string[] FindingSources => Values(OutputField.FindingSources);

    /// <summary>ATT&amp;CK technique ids of the findings.</summary>
    public string[] AttackTechniques => Values(OutputField.AttackTechniques);

    /// <summary>The flow's Community ID v1 hash.</summary>
    public string CommunityId => Text(OutputField.CommunityId);

    /// <summary>The object that was classified (null for flows given as parameters).</summary>
    public object? InputObject => _input is InputRow ? null : _input;

    /// <summary>
    /// A plain-language explanation, one statement per line: the client and why (evidence and port reasoning), the
    /// server and its service, the direction, a client-OS hint from the client port, each finding with its severity
    /// and ATT&amp;CK techniques, and the verdict. Built by Core when read, not stored.
    /// </summary>
    public string Explanation => Context.Classifier.Describe(Result);

    /// <summary>Human-readable reasons: the deciding evidence first, then port and scope facts, then findings.</summary>
    public IReadOnlyList<string> Reasons => Context.Classifier.Explain(Result);

    /// <summary>The policy rules behind <see cref="Findings"/>, in policy order.</summary>
    public PolicyRule[] Rules
    {
        get
        {
            var rules = new List<PolicyRule>();
            foreach (int index in Result.Verdict.Matches)
            {
                rules.Add(Context.Policy.Rules[index]);
            }

            return rules.ToArray();
        }
    }

    /// <summary>Core's result, for scripts that call FlowRole.Core directly.</summary>
    public FlowResult Result => Context.Classifier.Classify(Record);

    internal ClassificationContext Context { get; }

    /// <summary>The input's fields as classified, when the input was not an object that can show them itself.</summary>
    internal InputRow? Row => _input as InputRow;

    /// <inheritdoc/>
    public override string ToString()
    {
        FlowResult result = Result;
        return result.Client.ToString() + " -> " + result.Server.ToString() + "/" + FlowNames.Name(result.Transport);
    }

    /// <summary>The flow record that was classified.</summary>
    internal FlowRecord Record => _stored switch
    {
        null => _packed.Unpack(),
        FlowLogRecord log => log.Record,
        _ => ((StoredRecord)_stored).Record,
    };

    private string Text(OutputField field) => Context.Formatter.Format(field, Result);

    /// <summary>The Import-FlowLog record among the inputs when it holds exactly this flow record, so it need not be kept twice.</summary>
    private static FlowLogRecord? LogHolding(object? input, in FlowRecord record)
    {
        FlowLogRecord? log = input as FlowLogRecord ?? (input as PSObject)?.BaseObject as FlowLogRecord;
        return log is not null && log.Record.Equals(record) ? log : null;
    }

    private string[] Values(OutputField field)
    {
        IReadOnlyList<string> values = Context.Formatter.GetStrings(field, Result);
        var array = new string[values.Count];
        for (int i = 0; i < array.Length; i++)
        {
            array[i] = values[i];
        }

        return array;
    }
}
