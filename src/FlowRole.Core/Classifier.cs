using System;
using System.Collections.Generic;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Identity;
using FlowRole.Policy;
using FlowRole.Ports;
using FlowRole.Roles;

namespace FlowRole;

/// <summary>
/// The facade: classifies flows. Built once from options (policy, internal networks, listeners, learned roles), then
/// immutable, so one instance is safe to share across threads and PowerShell runspaces.
/// </summary>
public sealed class Classifier
{
    private static readonly Lazy<Classifier> DefaultClassifier = new(() => new Classifier());

    private readonly RoleResolver _resolver;
    private readonly NetworkSet _internalNetworks;

    /// <summary>Creates a classifier.</summary>
    /// <param name="options">How to classify; null for every default.</param>
    public Classifier(ClassifierOptions? options = null)
    {
        Options = options ?? new ClassifierOptions();
        Policy = Options.Policy ?? PortPolicy.Default;
        _internalNetworks = Options.InternalNetworks ?? Policy.InternalNetworks;
        _resolver = new RoleResolver(PortRoleTable.Default, Options.Listeners, Options.Learned);
        CommunityId = new CommunityId(Options.CommunityIdSeed);
    }

    /// <summary>A classifier with every default (embedded policy, RFC 1918 and friends as internal, seed 0).</summary>
    public static Classifier Default => DefaultClassifier.Value;

    /// <summary>The options it was built from.</summary>
    public ClassifierOptions Options { get; }

    /// <summary>The policy in force.</summary>
    public PortPolicy Policy { get; }

    /// <summary>The internal networks in force (empty: the default internal scopes decide).</summary>
    public NetworkSet InternalNetworks => _internalNetworks;

    /// <summary>The Community ID hasher (seeded from the options).</summary>
    public CommunityId CommunityId { get; }

    /// <summary>Classifies one record. Allocation-free.</summary>
    public FlowResult Classify(in FlowRecord record)
    {
        IpAddress sourceAddress = record.Source.Address;
        IpAddress destinationAddress = record.Destination.Address;
        AddressScope sourceScope = AddressScopes.Classify(sourceAddress);
        AddressScope destinationScope = AddressScopes.Classify(destinationAddress);
        bool? sourceInternal = AddressScopes.IsInternal(sourceAddress, sourceScope, _internalNetworks);
        bool? destinationInternal = AddressScopes.IsInternal(destinationAddress, destinationScope, _internalNetworks);

        RoleDecision decision = _resolver.Resolve(record, sourceScope, sourceInternal, destinationScope, destinationInternal);
        bool swapped = !decision.SourceIsClient;

        Endpoint client = swapped ? record.Destination : record.Source;
        Endpoint server = swapped ? record.Source : record.Destination;
        AddressScope clientScope = swapped ? destinationScope : sourceScope;
        AddressScope serverScope = swapped ? sourceScope : destinationScope;
        Direction direction = swapped
            ? AddressScopes.DirectionOf(destinationInternal, sourceInternal)
            : AddressScopes.DirectionOf(sourceInternal, destinationInternal);

        Transport transport = record.Transport;
        string? service = CommonServiceNames.Get(server.Port, transport);

        bool? clientInternal = swapped ? destinationInternal : sourceInternal;
        bool? serverInternal = swapped ? sourceInternal : destinationInternal;
        var input = new PolicyInput(transport, client.Address, client.Port, server.Address, server.Port, clientScope, serverScope,
            direction, clientInternal, serverInternal);
        PolicyVerdict verdict = Policy.Evaluate(input);
        bool suspicious = verdict.Severity != Severity.None && verdict.Severity >= Policy.Threshold;

        return new FlowResult(record, swapped, decision.Basis, decision.Confidence, service, clientScope, serverScope, direction, verdict, suspicious);
    }

    /// <summary>Classifies a batch into <paramref name="results"/> (same length or longer). Allocation-free.</summary>
    public void Classify(ReadOnlySpan<FlowRecord> records, Span<FlowResult> results)
    {
        if (results.Length < records.Length)
        {
            throw new ArgumentException("The results span is shorter than the records span.", nameof(results));
        }

        for (int i = 0; i < records.Length; i++)
        {
            results[i] = Classify(records[i]);
        }
    }

    /// <summary>Human-readable reasons for a result: the deciding evidence first, then port and scope facts, then findings.</summary>
    public IReadOnlyList<string> Explain(in FlowResult result) => Explanation.Reasons(this, result);
}
