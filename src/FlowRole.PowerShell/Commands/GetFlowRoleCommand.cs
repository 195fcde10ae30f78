using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Net.NetworkInformation;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Policy;
using FlowRole.PowerShell.Binding;
using FlowRole.PowerShell.Completion;
using FlowRole.PowerShell.Errors;
using FlowRole.PowerShell.Local;
using FlowRole.PowerShell.Logs;
using FlowRole.PowerShell.Results;
using FlowRole.Roles;

namespace FlowRole.PowerShell.Commands;

/// <summary>
/// Classifies network flows: who is the client, who the server, and whether the port use is suspicious.
/// </summary>
/// <remarks>
/// <para>Get-FlowRole reads flows from the pipeline, from parameters, or from this host's live TCP connections, and
/// returns one FlowRole.FlowResult per flow: the client and server endpoints, the service, the evidence that decided
/// the roles and how sure it is, each address's scope, the direction, and the findings of the suspicious-port policy
/// with their severity, sources and ATT&amp;CK techniques. The original object is kept in the InputObject property.</para>
/// <para>Piped objects are bound by property name through FlowRole's field alias map, so rows from Import-Csv of Splunk
/// CIM, ECS, Zeek, Suricata and Sysmon exports, Get-NetTCPConnection objects, ConvertFrom-Json objects (nested fields are
/// flattened to dotted names such as source.ip) and Import-FlowLog records all bind without renaming anything. Evidence
/// such as TCP flags, Zeek history and conn_state, Sysmon Initiated and firewall path is used when present.</para>
/// <para>A string is read as alert text, one alert per string (<c>Get-Content alerts.txt | Get-FlowRole</c>): a syslog,
/// netfilter, CEF, Cisco ASA, pfSense filterlog, PAN-OS, Windows Firewall, tcpdump or free-text line such as
/// "Source: 10.0.0.5:53210 -&gt; Destination: 192.168.1.100:443". Text that states no flow is a non-terminating error
/// whose ErrorId says what was found (NoEndpoint, OneEndpoint, TooManyEndpoints, MissingPort, Conflicting...). Every
/// result has an Explanation property: who is the client and why, the server and its service, the direction, a
/// client-OS hint and each finding, in plain words.</para>
/// <para>An object that cannot be classified produces a non-terminating error whose ErrorId names the problem
/// (InvalidPort, InvalidAddress, NoColumn, NotAFlow...), whose target is the offending value, and whose message names
/// the property and the value; the pipeline goes on. With -ErrorAction Stop the first such error stops it.</para>
/// </remarks>
/// <example>
/// <code>Import-Csv .\firewall.csv | Get-FlowRole | Where-Object Suspicious</code>
/// <para>Classifies every row of a CSV export (Splunk CIM field names such as src_ip, dest_port) and keeps the suspicious flows.</para>
/// </example>
/// <example>
/// <code>Get-FlowRole -SourceAddress 203.0.113.9 -SourcePort 50211 -DestinationAddress 10.0.0.5 -DestinationPort 3389 -Transport tcp</code>
/// <para>Classifies one flow given as parameters: an inbound RDP connection from the internet, which the default policy flags as high.</para>
/// </example>
/// <example>
/// <code>Import-FlowLog .\conn.log | Get-FlowRole -Learn -InternalNetwork 10.0.0.0/8 | Where-Object Severity -ge High</code>
/// <para>Reads a Zeek conn.log, learns roles across the whole set (fan-in, host pairs) before classifying, treats 10.0.0.0/8 as internal, and keeps findings of high severity or above.</para>
/// </example>
/// <example>
/// <code>Get-Content .\alerts.txt | Get-FlowRole | Format-List</code>
/// <para>Reads each line of an alert file as alert text (syslog, netfilter, CEF, Cisco ASA, pfSense, PAN-OS or free text), classifies the flow it states, and lists each result with its plain-language Explanation.</para>
/// </example>
/// <example>
/// <code>Get-FlowRole -LocalConnections | Format-Table</code>
/// <para>Classifies this host's live TCP connections, using its TCP and UDP listeners as evidence of which side serves.</para>
/// </example>
/// <example>
/// <code>Get-NetTCPConnection -State Established | Get-FlowRole -Policy .\policy.json</code>
/// <para>Classifies Windows' own connection table under a policy file layered over the default policy.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "FlowRole", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(FlowRoleResult))]
public sealed class GetFlowRoleCommand : PSCmdlet
{
    private const string InputObjectSet = "InputObject";
    private const string FlowSet = "Flow";
    private const string LocalSet = "LocalConnections";
    private const int ProgressIntervalMs = 250;

    private static readonly ParameterFlowBinder FlowParameters = new(
        (nameof(SourceAddress), FlowField.SourceAddress),
        (nameof(SourcePort), FlowField.SourcePort),
        (nameof(DestinationAddress), FlowField.DestinationAddress),
        (nameof(DestinationPort), FlowField.DestinationPort),
        (nameof(Transport), FlowField.Transport),
        (nameof(TcpFlags), FlowField.TcpFlags),
        (nameof(History), FlowField.ZeekHistory),
        (nameof(ConnState), FlowField.ConnState));

    private readonly ObjectFlowBinder _binder = new();
    private readonly List<Pending> _pending = new();
    private readonly string?[] _flowValues = new string?[8];
    private readonly Stopwatch _progressClock = new();
    private PortPolicy? _policy;
    private NetworkSet? _internalNetworks;
    private List<(IpAddress Address, ushort Port, Transport Transport)>? _listeners;
    private ClassificationContext? _context;
    private long _position;

    /// <summary>
    /// A flow to classify: any object whose properties name the two endpoints (src_ip/dest_port,
    /// source.ip/destination.port, id.orig_h/id.resp_p, SourceIp/DestinationPort, LocalAddress/RemotePort...), a hashtable,
    /// an Import-FlowLog record, a FlowRole.FlowResult (classified again under this command's settings), or a string of
    /// alert text (one log line, such as "Source: 10.0.0.5:53210 -&gt; Destination: 192.168.1.100:443").
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    public PSObject? InputObject { get; set; }

    /// <summary>
    /// The record's source address (the sender of the first packet, or the local host). Required, with
    /// -DestinationAddress, for a flow given as parameters: a flow without it is reported as an error naming it. Bound
    /// from piped objects by the same names FlowRole's alias map knows when a flow parameter is given on the command line.
    /// </summary>
    // Not Mandatory, nor -DestinationAddress or -LocalConnections: PowerShell re-checks every unbound mandatory
    // parameter of every parameter set for each piped object, which measured about a fifth of Get-FlowRole's
    // allocation per object; the binder reports a missing address itself.
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = FlowSet)]
    [Alias("src_ip", "source.ip", "id.orig_h", "SourceIp", "src-ip", "src_endpoint.ip", "LocalAddress", "orig_h", "src", "source.address")]
    [ValidateNotNullOrEmpty]
    public string? SourceAddress { get; set; }

    /// <summary>The record's source port (0-65535). Not needed for ICMP.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = FlowSet)]
    [Alias("src_port", "source.port", "id.orig_p", "src-port", "src_endpoint.port", "LocalPort", "orig_p")]
    [ValidateRange(0, 65535)]
    public int? SourcePort { get; set; }

    /// <summary>The record's destination address. Required, with -SourceAddress, for a flow given as parameters.</summary>
    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true, ParameterSetName = FlowSet)]
    [Alias("dest_ip", "destination.ip", "id.resp_h", "DestinationIp", "dst-ip", "dst_endpoint.ip", "RemoteAddress", "DestAddress", "dst_ip", "resp_h", "dest", "destination.address")]
    [ValidateNotNullOrEmpty]
    public string? DestinationAddress { get; set; }

    /// <summary>The record's destination port (0-65535). Not needed for ICMP.</summary>
    [Parameter(Position = 3, ValueFromPipelineByPropertyName = true, ParameterSetName = FlowSet)]
    [Alias("dest_port", "destination.port", "id.resp_p", "dst-port", "dst_endpoint.port", "RemotePort", "DestPort", "dst_port", "resp_p")]
    [ValidateRange(0, 65535)]
    public int? DestinationPort { get; set; }

    /// <summary>
    /// The transport: tcp, udp, sctp, icmp, ipv6-icmp, another IANA keyword, or a protocol
    /// number. When no transport is given, ports are still required and TCP's port knowledge is used.
    /// </summary>
    [Parameter(Position = 4, ValueFromPipelineByPropertyName = true, ParameterSetName = FlowSet)]
    [Alias("network.transport", "proto", "connection_info.protocol_name", "network.iana_number", "connection_info.protocol_num", "protocol")]
    [ArgumentCompleter(typeof(TransportCompleter))]
    public string? Transport { get; set; }

    /// <summary>
    /// TCP flags of the record's first packet: letters (S, SA), names (SYN,ACK), a number (0x12, 18)
    /// or tcpdump style ([S.]). A bare SYN says the source is the client.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = FlowSet)]
    [Alias("tcp_flag")]
    public string? TcpFlags { get; set; }

    /// <summary>Zeek conn.log history letters (ShADadFf...), evidence of who sent the SYN.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = FlowSet)]
    [Alias("connection_info.flag_history")]
    public string? History { get; set; }

    /// <summary>Zeek conn.log connection state (S0, SF, REJ, ...).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = FlowSet)]
    [Alias("conn_state")]
    public string? ConnState { get; set; }

    /// <summary>
    /// Classifies this host's live TCP connections (read through .NET, so it works on Windows,
    /// Linux and macOS), using the host's TCP and UDP listeners as evidence of which side is the server.
    /// </summary>
    [Parameter(ParameterSetName = LocalSet)]
    public SwitchParameter LocalConnections { get; set; }

    /// <summary>
    /// A policy file (JSON) layered over the default suspicious-port policy: add, override or
    /// disable rules, name internal networks, allow-list known-good flows, move the threshold. An invalid file stops the
    /// command with an error listing every problem with its line.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Policy { get; set; }

    /// <summary>
    /// The organisation's internal networks as CIDR blocks (10.0.0.0/8, 2001:db8::/32), which
    /// decide each side's scope and the direction. They replace the policy's list; without either, private, shared,
    /// unique-local, loopback and link-local addresses count as internal.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? InternalNetwork { get; set; }

    /// <summary>
    /// Known listeners you vouch for, as host:port/transport (10.0.0.5:443/tcp, [::1]:8080/tcp) or
    /// *:port/transport for any host: a flow touching one has its server settled by that fact.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Listener { get; set; }

    /// <summary>
    /// Collects every flow first, learns roles across the whole set (how many peers reach each
    /// endpoint, which host serves whenever two hosts talk), then classifies. Results come at the end, with progress
    /// while learning.
    /// </summary>
    [Parameter]
    public SwitchParameter Learn { get; set; }

    /// <summary>The Community ID seed (0-65535, default 0).</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int CommunityIdSeed { get; set; }

    /// <summary>
    /// Returns only flows whose highest finding is at least this severity (Info, Low, Medium,
    /// High, Critical). Errors are reported whatever the severity.
    /// </summary>
    [Parameter]
    public Severity MinimumSeverity { get; set; }

    /// <summary>Returns only flows the policy calls suspicious (a finding at or above its threshold).</summary>
    [Parameter]
    public SwitchParameter SuspiciousOnly { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        _policy = ClassifierSettings.LoadPolicy(this, Policy);
        _internalNetworks = ClassifierSettings.ParseInternalNetworks(this, InternalNetwork);
        _listeners = ClassifierSettings.ParseListeners(this, Listener);
        if (!Learn)
        {
            _context = CreateContext(learned: null);
        }

        _progressClock.Start();
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case LocalSet:
                if (LocalConnections)
                {
                    ProcessLocalConnections();
                }

                break;
            case FlowSet:
                ProcessParameters();
                break;
            default:
                ProcessInputObject(InputObject);
                break;
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (!Learn)
        {
            return;
        }

        var learner = new RoleLearner(CreateOptions(learned: null));
        var progress = new ProgressRecord(1, "Get-FlowRole", "Learning roles");
        for (int i = 0; i < _pending.Count; i++)
        {
            learner.Observe(_pending[i].Record);
            Report(progress, "Learning roles", i, _pending.Count);
        }

        _context = CreateContext(learner.Build());
        for (int i = 0; i < _pending.Count; i++)
        {
            Pending item = _pending[i];
            Emit(_context.Classifier.Classify(item.Record), item.Input, item.Row);
            Report(progress, "Classifying", i, _pending.Count);
        }

        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        _pending.Clear();
    }

    private void ProcessInputObject(PSObject? input)
    {
        _position++;
        if (input is null)
        {
            return;
        }

        FlowRecord record;
        InputRow? row = null;
        object? original = input;
        switch (input.BaseObject)
        {
            case FlowLogRecord log:
                if (!log.IsFlow())
                {
                    if (log.ErrorAt(_position) is { } logError)
                    {
                        WriteError(logError);
                    }

                    return;
                }

                record = log.Record;
                break;
            case string alert:
                // A line of alert text (Get-Content alerts.txt | Get-FlowRole): Core reads the flow from it.
                FlowRole.Text.AlertTextResult parsed = FlowRole.Text.AlertTextParser.Parse(alert);
                if (!parsed.IsSuccess)
                {
                    WriteError(ErrorRecords.AlertText(parsed, _position, alert));
                    return;
                }

                record = parsed.Record;
                break;
            case FlowRoleResult previous:
                record = previous.Record;
                original = previous.InputObject;
                row = previous.Row;
                break;
            default:
                if (!_binder.TryBind(input, out record, out FieldError error))
                {
                    WriteError(ErrorRecords.ForField(error, _position, input));
                    return;
                }

                break;
        }

        Accept(record, original, row);
    }

    private void ProcessParameters()
    {
        _position++;
        _flowValues[0] = SourceAddress;
        _flowValues[1] = SourcePort?.ToString(CultureInfo.InvariantCulture);
        _flowValues[2] = DestinationAddress;
        _flowValues[3] = DestinationPort?.ToString(CultureInfo.InvariantCulture);
        _flowValues[4] = Transport;
        _flowValues[5] = TcpFlags;
        _flowValues[6] = History;
        _flowValues[7] = ConnState;
        if (!FlowParameters.TryBind(_flowValues, out FlowRecord record, out FieldError error))
        {
            // A flow typed on the command line has no position worth naming; one bound from the pipeline has.
            WriteError(ErrorRecords.ForField(error, MyInvocation.ExpectingInput ? _position : 0, null));
            return;
        }

        Accept(record, null, FlowParameters.Row(_flowValues));
    }

    private void ProcessLocalConnections()
    {
        LocalConnectionSnapshot snapshot;
        try
        {
            snapshot = LocalConnectionSnapshot.Read();
        }
        catch (Exception e) when (e is NetworkInformationException or PlatformNotSupportedException or UnauthorizedAccessException or System.IO.IOException)
        {
            ThrowTerminatingError(new ErrorRecord(e, ErrorIds.LocalConnectionsUnavailable, ErrorCategory.ResourceUnavailable, null));
            return;
        }

        // The host's own listeners are evidence; any -Listener entries add to them.
        _listeners!.AddRange(snapshot.Listeners);
        if (!Learn)
        {
            _context = CreateContext(learned: null);
        }

        foreach (LocalConnection connection in snapshot.Connections)
        {
            ProcessInputObject(PSObject.AsPSObject(connection));
        }
    }

    private void Accept(in FlowRecord record, object? input, InputRow? row)
    {
        if (Learn)
        {
            _pending.Add(new Pending(record, input, row));
            if (_progressClock.ElapsedMilliseconds >= ProgressIntervalMs)
            {
                _progressClock.Restart();
                WriteProgress(new ProgressRecord(1, "Get-FlowRole", "Collecting flows to learn from: "
                    + _pending.Count.ToString("N0", CultureInfo.InvariantCulture)));
            }

            return;
        }

        Emit(_context!.Classifier.Classify(record), input, row);
    }

    private void Emit(in FlowResult result, object? input, InputRow? row)
    {
        if (result.Severity < MinimumSeverity || (SuspiciousOnly && !result.Suspicious))
        {
            return;
        }

        WriteObject(new FlowRoleResult(result.Record, _context!, input, row));
    }

    private void Report(ProgressRecord progress, string status, int done, int total)
    {
        if (_progressClock.ElapsedMilliseconds < ProgressIntervalMs)
        {
            return;
        }

        _progressClock.Restart();
        progress.StatusDescription = status + ": " + done.ToString("N0", CultureInfo.InvariantCulture) + " of "
            + total.ToString("N0", CultureInfo.InvariantCulture);
        progress.PercentComplete = total == 0 ? 100 : (int)(100L * done / total);
        WriteProgress(progress);
    }

    private ClassifierOptions CreateOptions(LearnedRoles? learned) =>
        ClassifierSettings.Options(_policy!, _internalNetworks, _listeners!, (ushort)CommunityIdSeed, learned);

    private ClassificationContext CreateContext(LearnedRoles? learned) => new(new Classifier(CreateOptions(learned)));

    private readonly struct Pending
    {
        public Pending(in FlowRecord record, object? input, InputRow? row)
        {
            Record = record;
            Input = input;
            Row = row;
        }

        public FlowRecord Record { get; }

        public object? Input { get; }

        public InputRow? Row { get; }
    }
}
