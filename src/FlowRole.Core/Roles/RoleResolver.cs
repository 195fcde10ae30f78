using System.Runtime.CompilerServices;
using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.Roles;

/// <summary>
/// Decides which side of a record is the client. Evidence is tried strongest first: what the wire showed (TCP
/// flags, Zeek history and conn_state), what a log states (initiator fields), what the caller vouches for (known
/// listeners), protocol special cases; then port knowledge and batch-learned context compete on confidence; then the
/// lower port; then address hints. Stateless per record and allocation-free.
/// </summary>
internal sealed class RoleResolver
{
    private readonly PortRoleTable _ports;
    private readonly ListenerSet? _listeners;
    private readonly LearnedRoles? _learned;

    public RoleResolver(PortRoleTable ports, ListenerSet? listeners, LearnedRoles? learned)
    {
        _ports = ports;
        _listeners = listeners is { Count: > 0 } ? listeners : null;
        _learned = learned;
    }

    /// <summary>Resolves roles; every branch is symmetric in the two sides except orientation-bound evidence.</summary>
    public RoleDecision Resolve(in FlowRecord record, AddressScope sourceScope, bool? sourceInternal,
        AddressScope destinationScope, bool? destinationInternal) =>
        Resolve(record, ScopeState.Of(sourceScope, sourceInternal), ScopeState.Of(destinationScope, destinationInternal));

    /// <summary>Resolves roles from each side's <see cref="ScopeState"/> (the classifier's form).</summary>
    public RoleDecision Resolve(in FlowRecord record, int sourceState, int destinationState)
    {
        RoleDecision decision = ResolveFromEvidence(record);
        if (decision.IsDecided)
        {
            return decision;
        }

        decision = ResolveFromKnowledge(record, _learned);
        return decision.IsDecided ? decision : ResolveFromAddresses(record, sourceState, destinationState);
    }

    // The last resorts, for flows ports cannot decide (same port both sides, ICMP without a request type).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RoleDecision ResolveFromAddresses(in FlowRecord record, int sourceState, int destinationState)
    {
        RoleDecision decision = AddressHints.Decide(record.Source.Address, ScopeState.ScopeOf(sourceState), ScopeState.InternalOf(sourceState),
            record.Destination.Address, ScopeState.ScopeOf(destinationState), ScopeState.InternalOf(destinationState));
        if (decision.IsDecided)
        {
            return decision;
        }

        // One host talking to itself with nothing else to go on (ICMP without a request type): order by port so that
        // a record and its reverse still agree. Fully identical endpoints keep the given orientation.
        ushort sourcePort = record.Source.Port, destinationPort = record.Destination.Port;
        return sourcePort != destinationPort
            ? RoleDecision.ServerIs(sourcePort < destinationPort, RoleBasis.LowerPort, 0.5f)
            : RoleDecision.SourceClient(RoleBasis.None, 0.5f);
    }

    /// <summary>Evidence that records carry about themselves: the wire, the log's statements, known listeners.</summary>
    public RoleDecision ResolveFromEvidence(in FlowRecord record)
    {
        if (record.Transport == Transport.Tcp)
        {
            if (record.HasFirstPacketFlags && TryFromFlags(record.FirstPacketFlags, out var fromFlags))
            {
                return fromFlags;
            }

            if (record.History.IsPresent && TryFromHistory(record.History, out var fromHistory))
            {
                return fromHistory;
            }

            if (record.ConnState != ConnState.None && TryFromConnState(record.ConnState, out var fromState))
            {
                return fromState;
            }
        }
        else if (record.History.IsPresent && record.History.IsFlipped && !record.History.IsFlippedAtCreation)
        {
            // A later flip by Zeek's DNS/NTP analyzers: Zeek's originator now follows the protocol's own request/response.
            return new RoleDecision(!record.History.IsReversed, RoleBasis.ZeekHistory, 0.95f);
        }

        if (record.Initiator != Initiator.Unknown && record.InitiatorSource != InitiatorSource.Suricata)
        {
            float confidence = record.InitiatorSource switch
            {
                InitiatorSource.Explicit => 0.99f,
                InitiatorSource.Sysmon or InitiatorSource.Perimeter => 0.95f,
                _ => 0.9f,
            };
            return new RoleDecision(record.Initiator == Initiator.Source, RoleBasis.Initiator, confidence);
        }

        if (_listeners is not null)
        {
            bool sourceListens = _listeners.Contains(record.Source, record.Transport);
            bool destinationListens = _listeners.Contains(record.Destination, record.Transport);
            if (sourceListens != destinationListens)
            {
                return RoleDecision.ServerIs(sourceListens, RoleBasis.Listener, 0.97f);
            }
        }

        return default;
    }

    /// <summary>Knowledge about ports and protocols, competing with learned context on confidence; then the lower port.</summary>
    public RoleDecision ResolveFromKnowledge(in FlowRecord record, LearnedRoles? learned)
    {
        Transport transport = record.Transport;
        ushort sourcePort = record.Source.Port;
        ushort destinationPort = record.Destination.Port;

        if (transport is Transport.Icmp or Transport.IcmpV6)
        {
            return IcmpTypes.Decide(transport, sourcePort, destinationPort);
        }

        if (SpecialCases.TryDecide(transport, sourcePort, destinationPort, out var special))
        {
            return special;
        }

        RoleDecision best = default;
        float portConfidence = 0f;
        if (sourcePort != destinationPort)
        {
            byte[] scores = _ports.TableFor(transport);
            int sourceScore = scores[sourcePort];
            int destinationScore = scores[destinationPort];
            if (sourceScore != destinationScore)
            {
                int delta = sourceScore > destinationScore ? sourceScore - destinationScore : destinationScore - sourceScore;
                portConfidence = _ports.ConfidenceOf(delta);
                RoleBasis basis = (sourceScore > destinationScore ? sourceScore : destinationScore) >= PortRoleTable.ServiceThreshold
                    ? RoleBasis.ServicePort
                    : RoleBasis.EphemeralPort;
                best = RoleDecision.ServerIs(sourceScore > destinationScore, basis, portConfidence);
            }
        }

        if (record.Initiator != Initiator.Unknown && record.InitiatorSource == InitiatorSource.Suricata && 0.85f > best.Confidence)
        {
            // Suricata orients flows to-server itself but may have joined midstream: strong port knowledge outranks it.
            best = new RoleDecision(record.Initiator == Initiator.Source, RoleBasis.Suricata, 0.85f);
        }

        if (learned is not null && learned.TryDecide(record, portConfidence, out var fromLearning) && fromLearning.Confidence > best.Confidence)
        {
            best = fromLearning;
        }

        if (best.IsDecided)
        {
            return best;
        }

        return sourcePort == destinationPort
            ? default
            : RoleDecision.ServerIs(sourcePort < destinationPort, RoleBasis.LowerPort, 0.51f);
    }

    private static bool TryFromFlags(TcpFlags flags, out RoleDecision decision)
    {
        const TcpFlags handshake = TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Ece | TcpFlags.Cwr;
        if ((flags & TcpFlags.Syn) != 0 && (flags & TcpFlags.Ack) == 0)
        {
            // A bare SYN opens a connection; true both for a first-packet field and for flags OR-ed over a one-way record.
            decision = RoleDecision.SourceClient(RoleBasis.TcpFlags, 0.99f);
            return true;
        }

        if ((flags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack) && (flags & ~handshake) == 0)
        {
            // Exactly a SYN-ACK: the answer of a listener. With PSH/FIN too the field is cumulative and proves nothing.
            decision = RoleDecision.DestinationClient(RoleBasis.TcpFlags, 0.9f);
            return true;
        }

        decision = default;
        return false;
    }

    private static bool TryFromHistory(ZeekHistory history, out RoleDecision decision)
    {
        char first = history.FirstHandshakeEvent;
        if (first != '\0')
        {
            // Letters are already in Zeek's final orientation: upper case = originator, lower = responder.
            bool synFirst = first is 'S' or 's';
            float confidence = synFirst ? (history.FirstEvent == first ? 0.99f : 0.9f) : 0.9f;
            bool originatorIsClient = first is 'S' or 'h';
            decision = new RoleDecision(originatorIsClient, RoleBasis.ZeekHistory, confidence);
            return true;
        }

        if (history.IsFlipped && !history.IsFlippedAtCreation)
        {
            decision = new RoleDecision(!history.IsReversed, RoleBasis.ZeekHistory, 0.95f);
            return true;
        }

        decision = default;
        return false;
    }

    private static bool TryFromConnState(ConnState state, out RoleDecision decision)
    {
        // States that need an originator SYN, or a responder SYN-ACK, identify the client; the rest arise midstream too.
        float confidence = state switch
        {
            ConnState.S0 or ConnState.RSTOS0 => 0.95f,
            ConnState.SH or ConnState.REJ => 0.9f,
            ConnState.RSTRH or ConnState.SHR => 0.85f,
            _ => 0f,
        };
        decision = confidence > 0 ? RoleDecision.SourceClient(RoleBasis.ZeekConnState, confidence) : default;
        return confidence > 0;
    }
}
