namespace FlowRole.Addresses;

/// <summary>ECS-style <c>network.direction</c> of a role-resolved flow (client to server), seen from the perimeter.</summary>
public enum Direction : byte
{
    /// <summary>No scope could decide.</summary>
    Unknown = 0,

    /// <summary>External client to internal server.</summary>
    Inbound,

    /// <summary>Internal client to external server.</summary>
    Outbound,

    /// <summary>Both sides internal.</summary>
    Internal,

    /// <summary>Both sides external.</summary>
    External,
}
