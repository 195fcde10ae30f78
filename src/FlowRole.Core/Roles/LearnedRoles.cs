namespace FlowRole.Roles;

/// <summary>Server endpoints learned from a batch of records by <see cref="RoleLearner"/>.</summary>
public sealed class LearnedRoles
{
}
