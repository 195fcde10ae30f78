using FlowRole.Addresses;

namespace FlowRole.Text;

/// <summary>An address found in alert text, with its port (-1: none) and what the text around it says of its role.</summary>
internal struct EndpointCandidate
{
    public IpAddress Address;

    public int Port;

    public EndpointRole Role;

    /// <summary>The arrow between the previous endpoint and this one: Source means "previous -&gt; this", Destination "previous &lt;- this".</summary>
    public EndpointRole ArrowBefore;

    /// <summary>True when the role came from a <c>key=</c> label.</summary>
    public bool KeyValue;

    /// <summary>The 1-based position of the address in the text.</summary>
    public int Position;

    public readonly bool SameEndpoint(in EndpointCandidate other) =>
        Address.Equals(other.Address) && (Port == other.Port || Port < 0 || other.Port < 0);
}
