using FlowRole.Addresses;
using FlowRole.Policy;
using FlowRole.Roles;

namespace FlowRole;

/// <summary>How a <see cref="Classifier"/> is built. Immutable once the classifier is constructed.</summary>
public sealed class ClassifierOptions
{
    /// <summary>The suspicious-port policy (default: the embedded policy).</summary>
    public PortPolicy? Policy { get; init; }

    /// <summary>Internal networks; when set they replace the policy's (and the RFC 1918 default) for scoping and direction.</summary>
    public NetworkSet? InternalNetworks { get; init; }

    /// <summary>Known listeners (host:port/transport) the caller vouches for.</summary>
    public ListenerSet? Listeners { get; init; }

    /// <summary>Roles learned from a batch of records (see <see cref="RoleLearner"/>); null unless the caller asked for learning.</summary>
    public LearnedRoles? Learned { get; init; }

    /// <summary>The Community ID seed (default 0).</summary>
    public ushort CommunityIdSeed { get; init; }

    /// <summary>These options with <paramref name="learned"/> roles, every other setting kept (a second pass after learning).</summary>
    public ClassifierOptions WithLearned(LearnedRoles? learned) => new()
    {
        Policy = Policy,
        InternalNetworks = InternalNetworks,
        Listeners = Listeners,
        Learned = learned,
        CommunityIdSeed = CommunityIdSeed,
    };
}
