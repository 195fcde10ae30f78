using System.Globalization;
using FlowRole.Fields;
using FlowRole.Flows;

namespace FlowRole.Text;

/// <summary>
/// The outcome of reading one alert line: the flow it states (<see cref="Status"/> <see cref="AlertTextStatus.Ok"/>),
/// or an error value that says what was found instead. A plain value; only <see cref="Message"/> allocates.
/// </summary>
public readonly struct AlertTextResult
{
    private readonly FlowRecord _record;
    private readonly string? _field;
    private readonly int _position;
    private readonly byte _endpoints;
    private readonly bool _sourceHasPort;
    private readonly bool _destinationHasPort;
    private readonly bool _orientationStated;

    internal AlertTextResult(AlertTextStatus status, AlertFormat format, in FlowRecord record, int endpoints,
        bool sourceHasPort, bool destinationHasPort, bool orientationStated, string? field = null, int position = -1)
    {
        Status = status;
        Format = format;
        _record = record;
        _endpoints = (byte)(endpoints > 255 ? 255 : endpoints);
        _sourceHasPort = sourceHasPort;
        _destinationHasPort = destinationHasPort;
        _orientationStated = orientationStated;
        _field = field;
        _position = position;
    }

    /// <summary>What was made of the text.</summary>
    public AlertTextStatus Status { get; }

    /// <summary>True when <see cref="Record"/> holds a flow.</summary>
    public bool IsSuccess => Status == AlertTextStatus.Ok;

    /// <summary>The format the text was read as (<see cref="AlertFormat.Unknown"/> when nothing was recognised).</summary>
    public AlertFormat Format { get; }

    /// <summary>
    /// The flow, in the text's orientation (source first), with the transport and any initiator or TCP-flag evidence
    /// the text states. On <see cref="AlertTextStatus.OneEndpoint"/> and <see cref="AlertTextStatus.MissingPort"/> it
    /// holds the endpoints that were found; otherwise it is empty.
    /// </summary>
    public FlowRecord Record => _record;

    /// <summary>How many distinct endpoints the text held.</summary>
    public int EndpointsFound => _endpoints;

    /// <summary>
    /// True when the text says which endpoint is the source (labels, an arrow, or a format's fixed field order); false
    /// when two bare endpoints were taken in the order written. Roles are decided by evidence and ports either way.
    /// </summary>
    public bool OrientationStated => _orientationStated;

    /// <summary>For <see cref="AlertTextStatus.MissingField"/> and <see cref="AlertTextStatus.InvalidValue"/>: the field's name; otherwise null.</summary>
    public string? Field => _field;

    /// <summary>The 1-based position in the text of the offending value, or -1.</summary>
    public int Position => _position;

    /// <summary>A sentence for the analyst: what was found, or why no flow could be read (allocates).</summary>
    public string Message
    {
        get
        {
            string format = FormatName(Format);
            string at = _position > 0 ? " at position " + _position.ToString(CultureInfo.InvariantCulture) : string.Empty;
            return Status switch
            {
                AlertTextStatus.Ok => format + ": " + EndpointText(_record.Source, true) + " -> " + EndpointText(_record.Destination, true)
                    + "/" + FlowNames.Name(_record.Transport),
                AlertTextStatus.Empty => "the text is empty",
                AlertTextStatus.TooLong => "the text is longer than " + AlertTextParser.MaxLength.ToString(CultureInfo.InvariantCulture)
                    + " characters; an alert line is expected",
                AlertTextStatus.NoEndpoint => Format == AlertFormat.Unknown || Format == AlertFormat.FreeText
                    ? "no endpoint: the text holds no IP address"
                    : "no endpoint: the " + format + " line holds no IP address",
                AlertTextStatus.OneEndpoint => "one endpoint only (" + EndpointText(_record.Source, _sourceHasPort)
                    + (_sourceHasPort ? string.Empty : ", no port") + "): a flow needs two",
                AlertTextStatus.TooManyEndpoints => _endpoints.ToString(CultureInfo.InvariantCulture)
                    + " endpoints and nothing says which is the source and which the destination: cannot tell direction",
                AlertTextStatus.Conflicting => "contradictory text: " + (_field ?? "a value") + " is given twice with different values" + at,
                AlertTextStatus.MissingPort => MissingPortText(),
                AlertTextStatus.MissingField => "the " + format + " line has no " + (_field ?? "required") + " field",
                AlertTextStatus.InvalidValue => "the " + format + " field " + (_field ?? "value") + at + " is not valid",
                _ => "not a flow",
            };
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Message;

    /// <summary>This result with its position moved on by <paramref name="offset"/> units (text trimmed before reading).</summary>
    internal AlertTextResult WithPositionOffset(int offset) => _position > 0
        ? new AlertTextResult(Status, Format, _record, _endpoints, _sourceHasPort, _destinationHasPort, _orientationStated, _field, _position + offset)
        : this;

    /// <summary>The display name of a format, as messages and explanations use it.</summary>
    public static string FormatName(AlertFormat format) => format switch
    {
        AlertFormat.FreeText => "free text",
        AlertFormat.KeyValue => "key=value",
        AlertFormat.Tcpdump => "tcpdump",
        AlertFormat.Netfilter => "netfilter (iptables)",
        AlertFormat.Cef => "CEF",
        AlertFormat.WindowsFirewall => "Windows Firewall log",
        AlertFormat.PfSenseFilterlog => "pfSense filterlog",
        AlertFormat.CiscoAsa => "Cisco ASA",
        AlertFormat.PaloAltoTraffic => "PAN-OS traffic",
        _ => "unrecognised",
    };

    private string MissingPortText()
    {
        string source = EndpointText(_record.Source, _sourceHasPort);
        string destination = EndpointText(_record.Destination, _destinationHasPort);
        string which = !_sourceHasPort && !_destinationHasPort ? "neither has a port"
            : !_sourceHasPort ? source + " has no port"
            : destination + " has no port";
        return "two endpoints (" + source + " and " + destination + ") but " + which + ", and the text states no portless transport such as ICMP";
    }

    private static string EndpointText(Endpoint endpoint, bool withPort) =>
        withPort ? endpoint.ToString() : endpoint.Address.ToString();
}
