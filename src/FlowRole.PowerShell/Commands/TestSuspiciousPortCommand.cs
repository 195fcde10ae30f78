using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Policy;
using FlowRole.Ports;
using FlowRole.PowerShell.Binding;
using FlowRole.PowerShell.Errors;
using FlowRole.PowerShell.Logs;
using FlowRole.PowerShell.Results;

namespace FlowRole.PowerShell.Commands;

/// <summary>
/// Tests ports or flows against the suspicious-port policy and returns the rules that flag each one.
/// </summary>
/// <remarks>
/// <para>For a port (a number, a service name such as rdp, or an object with a Port or destination port property),
/// Test-SuspiciousPort returns every policy rule that names it as a server port, with what else the rule needs to
/// fire (a direction, a scope, a client port) in each finding's Condition. The port is suspicious when a rule that
/// needs nothing but the port reaches the policy's threshold; ConditionalSeverity shows how bad it gets when the other
/// conditions hold (3389 is High when reached from outside).</para>
/// <para>For a flow (any object Get-FlowRole can classify), it classifies the flow first, so client and server are
/// resolved, and returns the rules that matched it.</para>
/// <para>With -Quiet it returns only $true or $false for each port or flow. Values that are neither a port nor a flow
/// give a non-terminating error and the pipeline goes on.</para>
/// </remarks>
/// <example>
/// <code>Test-SuspiciousPort 4444</code>
/// <para>Lists the rules that flag a server on 4444/tcp (Metasploit's default handler port): a backdoor-port rule, and callback-port rules when the server is external.</para>
/// </example>
/// <example>
/// <code>4444, 3389, 443 | Test-SuspiciousPort -Quiet</code>
/// <para>Returns $true, $false, $false: a server on 4444 is suspicious by itself; 3389 only in context (inbound RDP), which a flow test shows.</para>
/// </example>
/// <example>
/// <code>Import-Csv .\sysmon-network.csv | Test-SuspiciousPort | Where-Object Suspicious</code>
/// <para>Classifies Sysmon event 3 rows as flows (Initiated tells who connected) and keeps those the policy flags.</para>
/// </example>
/// <example>
/// <code>Get-PortInfo -Service rdp | Test-SuspiciousPort -Policy .\policy.json</code>
/// <para>Tests every port registered for RDP against a policy file layered over the default.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Test, "SuspiciousPort", DefaultParameterSetName = PortSet)]
[OutputType(typeof(PortTestResult), typeof(bool))]
public sealed class TestSuspiciousPortCommand : PSCmdlet
{
    private const string PortSet = "Port";
    private const string InputObjectSet = "InputObject";

    private readonly ObjectFlowBinder _binder = new();
    private Classifier? _classifier;
    private ClassificationContext? _context;
    private Transport _transport = Flows.Transport.Tcp;
    private long _position;

    /// <summary>Port numbers to test (0-65535), each as a server port.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PortSet)]
    [ValidateRange(0, 65535)]
    public int[]? Port { get; set; }

    /// <summary>
    /// What to test, from the pipeline: a port number, a service name (rdp, ssh), a Get-PortInfo result, an object with a
    /// Port or destination port property but no addresses, or a flow (any object Get-FlowRole classifies).
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    public PSObject? InputObject { get; set; }

    /// <summary>The transport of the ports tested: tcp (default), udp or sctp. Flows keep their own transport.</summary>
    [Parameter]
    [ValidateSet("tcp", "udp", "sctp", IgnoreCase = true)]
    public string Transport { get; set; } = "tcp";

    /// <summary>A policy file (JSON) layered over the default policy.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Policy { get; set; }

    /// <summary>The organisation's internal networks as CIDR blocks, for flows (they decide scopes and direction).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? InternalNetwork { get; set; }

    /// <summary>Known listeners (host:port/transport) that settle which side of a flow serves.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Listener { get; set; }

    /// <summary>Returns only $true (suspicious) or $false for each port or flow.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        PortPolicy policy = ClassifierSettings.LoadPolicy(this, Policy);
        NetworkSet? internalNetworks = ClassifierSettings.ParseInternalNetworks(this, InternalNetwork);
        var listeners = ClassifierSettings.ParseListeners(this, Listener);
        _transport = ClassifierSettings.ParseTransport(this, Transport, nameof(Transport));
        _classifier = new Classifier(ClassifierSettings.Options(policy, internalNetworks, listeners, 0));
        _context = new ClassificationContext(_classifier);
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == PortSet)
        {
            foreach (int port in Port!)
            {
                TestPort((ushort)port, _transport, port);
            }

            return;
        }

        _position++;
        if (InputObject is not null)
        {
            TestInput(InputObject);
        }
    }

    private void TestInput(PSObject input)
    {
        object value = input.BaseObject;
        switch (value)
        {
            case byte or sbyte or short or ushort or int or uint or long or ulong:
                TestNumber(Convert.ToDecimal(value, CultureInfo.InvariantCulture), input);
                return;
            case string text:
                TestText(text, input);
                return;
            case PortInfo info:
                TestPort(info.Port, info.Transport, input);
                return;
            case FlowRoleResult result:
                TestFlow(result.Record, result.InputObject);
                return;
            case FlowLogRecord log:
                if (log.IsFlow())
                {
                    TestFlow(log.Record, input);
                }
                else if (log.ErrorAt(_position) is { } logError)
                {
                    WriteError(logError);
                }

                return;
        }

        FlowRecordBinder header = _binder.BinderOf(input);
        if (!header.HeaderError.IsError)
        {
            if (_binder.TryBind(input, out FlowRecord record, out FieldError error))
            {
                TestFlow(record, input);
            }
            else
            {
                WriteError(ErrorRecords.ForField(error, _position, input));
            }

            return;
        }

        // No flow: an object that only names a port (a server or destination port, or a Port property).
        if (TryPortOf(input, header, out string? portText, out Transport transport))
        {
            if (FlowValueParser.TryParsePort((portText ?? string.Empty).AsSpan(), out ushort port))
            {
                TestPort(port, transport, input);
            }
            else
            {
                WriteError(ErrorRecords.InvalidArgument(ErrorIds.InvalidPort,
                    "input " + _position.ToString(CultureInfo.InvariantCulture) + ": '" + portText + "' is not a port (0-65535).", portText));
            }

            return;
        }

        WriteError(ErrorRecords.InvalidInput(ErrorIds.UnsupportedInput, "input " + _position.ToString(CultureInfo.InvariantCulture)
            + " is neither a port (a number, a service name, or an object with a Port or destination port property) nor a flow ("
            + header.HeaderError.Message + ").", input));
    }

    private bool TryPortOf(PSObject input, FlowRecordBinder header, out string? portText, out Transport transport)
    {
        transport = _transport;
        int column = -1;
        foreach (FlowField field in new[] { FlowField.ServerPort, FlowField.DestinationPort })
        {
            if (header.CandidatesOf(field) is { Count: > 0 } candidates)
            {
                column = candidates[0];
                break;
            }
        }

        if (column < 0)
        {
            for (int i = 0; i < header.Columns.Count; i++)
            {
                if (string.Equals(header.Columns[i], "Port", StringComparison.OrdinalIgnoreCase))
                {
                    column = i;
                    break;
                }
            }
        }

        if (column < 0)
        {
            portText = null;
            return false;
        }

        portText = _binder.TextOf(column); // the binder's current object is `input` (BinderOf read it)
        if (!MyInvocation.BoundParameters.ContainsKey(nameof(Transport)) && header.CandidatesOf(FlowField.Transport) is { Count: > 0 } transports
            && FlowValueParser.TryParseTransport((_binder.TextOf(transports[0]) ?? string.Empty).AsSpan(), out Transport given)
            && given is Flows.Transport.Tcp or Flows.Transport.Udp or Flows.Transport.Sctp)
        {
            transport = given;
        }

        return true;
    }

    private void TestNumber(decimal number, object input)
    {
        if (number < 0 || number > ushort.MaxValue)
        {
            WriteError(ErrorRecords.InvalidArgument(ErrorIds.InvalidPort,
                "input " + _position.ToString(CultureInfo.InvariantCulture) + ": " + number.ToString(CultureInfo.InvariantCulture)
                + " is not a port (0-65535).", number));
            return;
        }

        TestPort((ushort)number, _transport, input);
    }

    private void TestText(string text, object input)
    {
        if (FlowValueParser.TryParsePort(text.AsSpan(), out ushort port))
        {
            TestPort(port, _transport, input);
            return;
        }

        IReadOnlyList<PortInfo> ports = PortTable.Default.FindByService(text);
        bool transportGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Transport));
        bool any = false;
        foreach (PortInfo info in ports)
        {
            if (!transportGiven || info.Transport == _transport)
            {
                any = true;
                TestPort(info.Port, info.Transport, input);
            }
        }

        if (!any)
        {
            bool numeric = text.Trim().Length > 0 && (char.IsDigit(text.Trim()[0]) || text.Trim()[0] == '-');
            WriteError(numeric
                ? ErrorRecords.InvalidArgument(ErrorIds.InvalidPort, "input " + _position.ToString(CultureInfo.InvariantCulture) + ": '" + text + "' is not a port (0-65535).", text)
                : ErrorRecords.NotFound(ErrorIds.UnknownService, "input " + _position.ToString(CultureInfo.InvariantCulture) + ": '" + text
                    + "' is neither a port number nor a service name known for " + (transportGiven ? Transport : "any transport")
                    + " (Get-PortInfo -Service lists them, with tab completion).", text));
        }
    }

    private void TestPort(ushort port, Transport transport, object input)
    {
        PortPolicy policy = _classifier!.Policy;

        // The rules that name the port as a server port on this transport (Core's selection, as `flowrole port`
        // lists); those that need nothing else fire on the port alone and decide whether it is suspicious.
        var findings = new List<RuleFinding>();
        RuleMask unconditional = default;
        Severity highest = Severity.None;
        Severity conditional = Severity.None;
        foreach (int i in policy.RulesForServerPort(port, transport))
        {
            PolicyRule rule = policy.Rules[i];
            string condition = PolicyRuleText.ConditionsBeyondServerPort(rule);
            findings.Add(new RuleFinding(rule, condition));
            conditional = rule.Severity > conditional ? rule.Severity : conditional;
            if (condition.Length == 0)
            {
                unconditional |= RuleMask.Single(i);
                highest = rule.Severity > highest ? rule.Severity : highest;
            }
        }

        bool suspicious = policy.IsSuspicious(new PolicyVerdict(unconditional, highest));
        if (Quiet)
        {
            WriteObject(suspicious);
            return;
        }

        string transportName = FlowNames.Name(transport);
        WriteObject(new PortTestResult(port.ToString(CultureInfo.InvariantCulture) + "/" + transportName, port, transportName,
            CommonServiceNames.Get(port, transport), findings, highest, conditional, suspicious, null, input));
    }

    private void TestFlow(in FlowRecord record, object? input)
    {
        FlowResult result = _classifier!.Classify(record);
        if (Quiet)
        {
            WriteObject(result.Suspicious);
            return;
        }

        var findings = new List<RuleFinding>();
        foreach (int index in result.Verdict.Matches)
        {
            findings.Add(new RuleFinding(_classifier.Policy.Rules[index], string.Empty));
        }

        var flow = new FlowRoleResult(result.Record, _context!, input, null);
        WriteObject(new PortTestResult(flow.ToString(), result.Server.Port, flow.Transport, result.Service, findings,
            result.Severity, result.Severity, result.Suspicious, flow, flow.InputObject));
    }
}
