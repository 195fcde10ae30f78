namespace FlowRole.Roles;

/// <summary>Learns server endpoints across a data set: an endpoint that many distinct peers reach is a server.</summary>
public sealed class RoleLearner
{
}
