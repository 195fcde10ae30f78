using System.Runtime.CompilerServices;

namespace FlowRole.Addresses;

/// <summary>
/// An address's scope and internal-ness as one small number, <c>scope * 3 + internal</c> (internal: 0 cannot say,
/// 1 internal, 2 external), and a client/server pair of them as <c>client * 36 + server</c>. The classifier carries
/// these instead of an <see cref="AddressScope"/> and a <c>bool?</c> per side: the policy's scope table is indexed by
/// the pair directly and the direction is one read, with no nullable logic per flow.
/// </summary>
internal static class ScopeState
{
    /// <summary>Scopes (<see cref="AddressScope"/> values 0-11).</summary>
    public const int ScopeCount = 12;

    /// <summary>Distinct states: every scope with each of the three internal-ness values.</summary>
    public const int Count = ScopeCount * 3;

    /// <summary>Internal-ness: the scope cannot say (multicast, broadcast, unspecified, unknown).</summary>
    public const int Undecided = 0;

    /// <summary>Internal-ness: inside the organisation.</summary>
    public const int Internal = 1;

    /// <summary>Internal-ness: outside the organisation.</summary>
    public const int External = 2;

    // Direction of every pair (client state, server state): 1,296 bytes, built once.
    private static readonly Direction[] DirectionTable = BuildDirections();

    /// <summary>The state of a scope (out-of-range scopes count as unknown, as the policy tables treat them) and an internal-ness.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(AddressScope scope, int internalState) => (((uint)scope < ScopeCount ? (int)scope : 0) * 3) + internalState;

    /// <summary>The state of a scope and a nullable internal-ness.</summary>
    public static int Of(AddressScope scope, bool? isInternal) => Of(scope, InternalStateOf(isInternal));

    /// <summary>The internal-ness number of a nullable internal-ness.</summary>
    public static int InternalStateOf(bool? isInternal) => isInternal is null ? Undecided : isInternal.GetValueOrDefault() ? Internal : External;

    /// <summary>The scope of a state.</summary>
    public static AddressScope ScopeOf(int state) => (AddressScope)(state / 3);

    /// <summary>The internal-ness of a state as <see cref="AddressScopes.IsInternal"/> gives it.</summary>
    public static bool? InternalOf(int state) => (state % 3) switch
    {
        Internal => true,
        External => false,
        _ => null,
    };

    /// <summary>The pair index of a client and a server state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Pair(int clientState, int serverState) => (clientState * Count) + serverState;

    /// <summary>The direction of every pair, indexed by <see cref="Pair"/> (for hot paths that hold it in a field).</summary>
    public static Direction[] Directions => DirectionTable;

    /// <summary>The ECS direction of a pair (<see cref="AddressScopes.DirectionOf"/> of the two internal-nesses).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Direction DirectionOf(int pair) => DirectionTable[pair];

    private static Direction[] BuildDirections()
    {
        var table = new Direction[Count * Count];
        for (int client = 0; client < Count; client++)
        {
            for (int server = 0; server < Count; server++)
            {
                table[Pair(client, server)] = AddressScopes.DirectionOf(InternalOf(client), InternalOf(server));
            }
        }

        return table;
    }
}
