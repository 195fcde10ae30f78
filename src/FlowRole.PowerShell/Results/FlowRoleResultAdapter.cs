using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using FlowRole.Policy;

namespace FlowRole.PowerShell.Results;

/// <summary>
/// Presents <see cref="FlowRoleResult"/> to PowerShell (registered in <c>FlowRole.types.ps1xml</c>): its properties,
/// and <c>FlowRole.FlowResult</c> as its first type name, which the format view and scripts select on. Naming the type
/// here instead of inserting the name into each result's <c>TypeNames</c> keeps a million results from paying for a
/// million type-name lists.
/// </summary>
public sealed class FlowRoleResultAdapter : PSPropertyAdapter
{
    private static readonly Collection<string> TypeNames = new()
    {
        FlowRoleResult.TypeName,
        typeof(FlowRoleResult).FullName!,
        typeof(object).FullName!,
    };

    private static readonly Member[] Members =
    {
        new(nameof(FlowRoleResult.ClientAddress), typeof(string), r => r.ClientAddress),
        new(nameof(FlowRoleResult.ClientPort), typeof(int), r => r.ClientPort),
        new(nameof(FlowRoleResult.ServerAddress), typeof(string), r => r.ServerAddress),
        new(nameof(FlowRoleResult.ServerPort), typeof(int), r => r.ServerPort),
        new(nameof(FlowRoleResult.Transport), typeof(string), r => r.Transport),
        new(nameof(FlowRoleResult.Service), typeof(string), r => r.Service),
        new(nameof(FlowRoleResult.RoleBasis), typeof(string), r => r.RoleBasis),
        new(nameof(FlowRoleResult.RoleConfidence), typeof(double), r => r.RoleConfidence),
        new(nameof(FlowRoleResult.Swapped), typeof(bool), r => r.Swapped),
        new(nameof(FlowRoleResult.ClientPortClass), typeof(string), r => r.ClientPortClass),
        new(nameof(FlowRoleResult.ServerPortClass), typeof(string), r => r.ServerPortClass),
        new(nameof(FlowRoleResult.ClientScope), typeof(string), r => r.ClientScope),
        new(nameof(FlowRoleResult.ServerScope), typeof(string), r => r.ServerScope),
        new(nameof(FlowRoleResult.Direction), typeof(string), r => r.Direction),
        new(nameof(FlowRoleResult.Suspicious), typeof(bool), r => r.Suspicious),
        new(nameof(FlowRoleResult.Severity), typeof(Severity), r => r.Severity),
        new(nameof(FlowRoleResult.Findings), typeof(string[]), r => r.Findings),
        new(nameof(FlowRoleResult.FindingSources), typeof(string[]), r => r.FindingSources),
        new(nameof(FlowRoleResult.AttackTechniques), typeof(string[]), r => r.AttackTechniques),
        new(nameof(FlowRoleResult.CommunityId), typeof(string), r => r.CommunityId),
        new(nameof(FlowRoleResult.InputObject), typeof(object), r => r.InputObject),
        new(nameof(FlowRoleResult.Explanation), typeof(string), r => r.Explanation),
        new(nameof(FlowRoleResult.Reasons), typeof(IReadOnlyList<string>), r => r.Reasons),
        new(nameof(FlowRoleResult.Rules), typeof(PolicyRule[]), r => r.Rules),
        new(nameof(FlowRoleResult.Result), typeof(FlowResult), r => r.Result),
    };

    private static readonly Dictionary<string, int> Index = BuildIndex();

    /// <summary>The property names, in order (what <c>Get-Member</c> and the list view show).</summary>
    public static IEnumerable<string> PropertyNames
    {
        get
        {
            foreach (Member member in Members)
            {
                yield return member.Name;
            }
        }
    }

    /// <inheritdoc/>
    public override Collection<PSAdaptedProperty> GetProperties(object baseObject)
    {
        var properties = new Collection<PSAdaptedProperty>();
        for (int i = 0; i < Members.Length; i++)
        {
            properties.Add(new PSAdaptedProperty(Members[i].Name, i));
        }

        return properties;
    }

    /// <inheritdoc/>
    public override PSAdaptedProperty? GetProperty(object baseObject, string propertyName) =>
        propertyName is not null && Index.TryGetValue(propertyName, out int i) ? new PSAdaptedProperty(Members[i].Name, i) : null;

    /// <inheritdoc/>
    public override object? GetPropertyValue(PSAdaptedProperty adaptedProperty)
    {
        if (adaptedProperty is null)
        {
            throw new ArgumentNullException(nameof(adaptedProperty));
        }

        return Members[(int)adaptedProperty.Tag].Get((FlowRoleResult)adaptedProperty.BaseObject);
    }

    /// <inheritdoc/>
    public override string GetPropertyTypeName(PSAdaptedProperty adaptedProperty)
    {
        if (adaptedProperty is null)
        {
            throw new ArgumentNullException(nameof(adaptedProperty));
        }

        return Members[(int)adaptedProperty.Tag].Type.FullName!;
    }

    /// <inheritdoc/>
    public override Collection<string> GetTypeNameHierarchy(object baseObject) => TypeNames;

    /// <inheritdoc/>
    public override bool IsGettable(PSAdaptedProperty adaptedProperty) => true;

    /// <inheritdoc/>
    public override bool IsSettable(PSAdaptedProperty adaptedProperty) => false;

    /// <inheritdoc/>
    public override void SetPropertyValue(PSAdaptedProperty adaptedProperty, object value) =>
        throw new NotSupportedException("FlowRole results are read-only.");

    private static Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < Members.Length; i++)
        {
            index.Add(Members[i].Name, i);
        }

        return index;
    }

    private sealed class Member
    {
        public Member(string name, Type type, Func<FlowRoleResult, object?> get)
        {
            Name = name;
            Type = type;
            Get = get;
        }

        public string Name { get; }

        public Type Type { get; }

        public Func<FlowRoleResult, object?> Get { get; }
    }
}
