using System;
using System.Collections.Generic;
using System.Management.Automation;
using FlowRole.Flows;
using FlowRole.Ports;
using FlowRole.PowerShell.Completion;
using FlowRole.PowerShell.Errors;

namespace FlowRole.PowerShell.Commands;

/// <summary>
/// Looks up what FlowRole knows about a port number or a service name.
/// </summary>
/// <remarks>
/// <para>Returns Core's port facts (FlowRole.Ports.PortInfo): the IANA service name and description, the IANA range
/// (well_known, registered, dynamic) and the operating systems that pick the port as an ephemeral client port. The
/// facts come from the IANA registry embedded in FlowRole; nothing is looked up online.</para>
/// <para>A port is shown for TCP and UDP, and for SCTP when IANA assigns it there, unless -Transport narrows it. A
/// service name (IANA's, such as ms-wbt-server, or a common one such as rdp, smb or winrm) returns every port and
/// transport registered for it; the -Service parameter completes names with the Tab key.</para>
/// </remarks>
/// <example>
/// <code>Get-PortInfo 3389</code>
/// <para>Shows 3389/tcp and 3389/udp: ms-wbt-server, registered range, not an ephemeral port on Linux.</para>
/// </example>
/// <example>
/// <code>Get-PortInfo -Service rdp</code>
/// <para>Finds the ports behind a service name; rdp is FlowRole's alias for IANA's ms-wbt-server.</para>
/// </example>
/// <example>
/// <code>Get-PortInfo 49152, 50000 -Transport tcp | Select-Object Port, Class, EphemeralOs</code>
/// <para>Shows which operating systems use two ports as ephemeral client ports.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "PortInfo", DefaultParameterSetName = PortSet)]
[OutputType(typeof(PortInfo))]
public sealed class GetPortInfoCommand : PSCmdlet
{
    private const string PortSet = "Port";
    private const string ServiceSet = "Service";

    private static readonly Transport[] AllTransports = { Flows.Transport.Tcp, Flows.Transport.Udp, Flows.Transport.Sctp };

    private Transport[] _transports = AllTransports;
    private bool _transportGiven;

    /// <summary>Port numbers to look up (0-65535).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PortSet)]
    [ValidateRange(0, 65535)]
    public int[]? Port { get; set; }

    /// <summary>
    /// Service names to look up (case-insensitive): IANA names such as ms-wbt-server or microsoft-ds, or common names
    /// such as rdp, smb, dns, winrm. Press Tab to complete.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ServiceSet)]
    [ArgumentCompleter(typeof(ServiceNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Service { get; set; }

    /// <summary>Only these transports: tcp, udp, sctp.</summary>
    [Parameter]
    [ValidateSet("tcp", "udp", "sctp", IgnoreCase = true)]
    public string[]? Transport { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        if (Transport is { Length: > 0 })
        {
            var transports = new List<Transport>();
            foreach (string name in Transport)
            {
                Transport transport = ClassifierSettings.ParseTransport(this, name, nameof(Transport));
                if (!transports.Contains(transport))
                {
                    transports.Add(transport);
                }
            }

            _transports = transports.ToArray();
            _transportGiven = true;
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ServiceSet)
        {
            foreach (string name in Service!)
            {
                LookUpService(name);
            }

            return;
        }

        foreach (int port in Port!)
        {
            foreach (Transport transport in _transports)
            {
                PortInfo info = PortTable.Default.Get((ushort)port, transport);

                // SCTP registrations are few: show SCTP only when asked for or when IANA assigns the port there.
                if (_transportGiven || transport != Flows.Transport.Sctp || info.IsAssigned)
                {
                    WriteObject(info);
                }
            }
        }
    }

    private void LookUpService(string name)
    {
        bool any = false;
        foreach (PortInfo info in PortTable.Default.FindByService(name))
        {
            if (Array.IndexOf(_transports, info.Transport) >= 0)
            {
                any = true;
                WriteObject(info);
            }
        }

        if (!any)
        {
            WriteError(ErrorRecords.NotFound(ErrorIds.UnknownService, "'" + name + "' is not a service name FlowRole knows"
                + (_transportGiven ? " on " + string.Join(", ", Transport!) : string.Empty)
                + " (press Tab after -Service to list them).", name));
        }
    }
}
