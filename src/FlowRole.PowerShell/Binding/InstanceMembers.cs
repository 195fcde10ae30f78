using System;
using System.Collections.Specialized;
using System.Linq.Expressions;
using System.Management.Automation;
using System.Reflection;

namespace FlowRole.PowerShell.Binding;

/// <summary>
/// The members added to one PowerShell object (the note properties of an Import-Csv row or a [pscustomobject]).
/// </summary>
/// <remarks>
/// The public view, <see cref="PSObject.Properties"/>, merges instance members with type data and adapter members on
/// every enumeration, and locks and allocates to do it: measured at several microseconds per object, the largest cost
/// of classifying a property bag. The engine keeps instance members in its own collection, exposed internally as
/// <c>PSObject.InstanceMembers</c> since PowerShell 3; reading it directly is an order of magnitude cheaper. It is
/// reached once through reflection; when an engine lacks it, <see cref="Get"/> returns null and callers use the public
/// view, which gives the same names and values.
/// </remarks>
internal static class InstanceMembers
{
    private static readonly Func<PSObject, PSMemberInfoCollection<PSMemberInfo>>? Getter = CreateGetter();
    private static readonly Func<PSMemberInfoCollection<PSMemberInfo>, int>? Counter = Getter is null ? null : CreateCounter();
    private static readonly Func<PSMemberInfoCollection<PSMemberInfo>, OrderedDictionary?>? TableGetter = Getter is null ? null : CreateTableGetter();

    /// <summary>True when the engine exposes instance members (the fast path is in use).</summary>
    public static bool Available => Getter is not null;

    /// <summary>True when the member count is available too (the shape check of <see cref="ObjectReader"/>).</summary>
    public static bool CanCount => Counter is not null;

    /// <summary>The object's instance members, or null when the engine does not expose them.</summary>
    public static PSMemberInfoCollection<PSMemberInfo>? Get(PSObject value) => Getter?.Invoke(value);

    /// <summary>How many members a collection from <see cref="Get"/> holds (hidden ones included), or -1 when unknown.</summary>
    public static int Count(PSMemberInfoCollection<PSMemberInfo> members) => Counter?.Invoke(members) ?? -1;

    /// <summary>
    /// The table behind a collection from <see cref="Get"/>: its members in the order they were added, each reachable
    /// by position without the name lookup (a case-insensitive hash under a lock) the collection's indexer does, and
    /// counted without the lock its <c>Count</c> takes (measured: that lock, taken on a million distinct objects, cost
    /// more than everything else Get-FlowRole does per object); null when the engine keeps them differently.
    /// </summary>
    public static OrderedDictionary? Table(PSMemberInfoCollection<PSMemberInfo> members) => TableGetter?.Invoke(members);

    private static Func<PSMemberInfoCollection<PSMemberInfo>, OrderedDictionary?>? CreateTableGetter()
    {
        try
        {
            // `((InternalCollection)members)._members`, an OrderedDictionary of name to member since PowerShell 3.
            Type collection = typeof(PSObject).GetProperty("InstanceMembers", BindingFlags.NonPublic | BindingFlags.Instance)!.PropertyType;
            FieldInfo? field = collection.GetField("_members", BindingFlags.NonPublic | BindingFlags.Instance);
            if (field is null || field.FieldType != typeof(OrderedDictionary))
            {
                return null;
            }

            ParameterExpression members = Expression.Parameter(typeof(PSMemberInfoCollection<PSMemberInfo>), "members");
            return Expression.Lambda<Func<PSMemberInfoCollection<PSMemberInfo>, OrderedDictionary?>>(
                Expression.Field(Expression.Convert(members, collection), field), members).Compile();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or MemberAccessException or NotSupportedException)
        {
            return null;
        }
    }

    private static Func<PSMemberInfoCollection<PSMemberInfo>, int>? CreateCounter()
    {
        try
        {
            // The collection's type is internal: compile `((InternalCollection)members).Count` once.
            Type collection = typeof(PSObject).GetProperty("InstanceMembers", BindingFlags.NonPublic | BindingFlags.Instance)!.PropertyType;
            PropertyInfo? count = collection.GetProperty("Count", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance);
            if (count is null || count.PropertyType != typeof(int))
            {
                return null;
            }

            ParameterExpression members = Expression.Parameter(typeof(PSMemberInfoCollection<PSMemberInfo>), "members");
            return Expression.Lambda<Func<PSMemberInfoCollection<PSMemberInfo>, int>>(
                Expression.Property(Expression.Convert(members, collection), count), members).Compile();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or MemberAccessException or NotSupportedException)
        {
            return null;
        }
    }

    private static Func<PSObject, PSMemberInfoCollection<PSMemberInfo>>? CreateGetter()
    {
        try
        {
            PropertyInfo? property = typeof(PSObject).GetProperty("InstanceMembers", BindingFlags.NonPublic | BindingFlags.Instance);
            MethodInfo? getter = property?.GetGetMethod(nonPublic: true);
            if (getter is null || !typeof(PSMemberInfoCollection<PSMemberInfo>).IsAssignableFrom(getter.ReturnType))
            {
                return null;
            }

            return (Func<PSObject, PSMemberInfoCollection<PSMemberInfo>>)Delegate.CreateDelegate(
                typeof(Func<PSObject, PSMemberInfoCollection<PSMemberInfo>>), getter);
        }
        catch (Exception e) when (e is ArgumentException or MemberAccessException or System.Security.SecurityException)
        {
            return null;
        }
    }
}
