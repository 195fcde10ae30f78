using System;
using System.Collections.Generic;
using System.Text;

namespace FlowRole.Fields;

/// <summary>
/// Why a row could not become a flow record: which field, which column, the offending value and what was expected.
/// Built only on the error path; <see cref="Message"/> reads like <c>dest_port: '70000' is not a port (0-65535)</c>.
/// </summary>
public readonly struct FieldError : IEquatable<FieldError>
{
    private const int MaxShownValue = 80;

    /// <summary>Creates an error.</summary>
    public FieldError(FieldErrorKind kind, FlowField field, string? column, string? value)
    {
        Kind = kind;
        Field = field;
        Column = column;
        Value = value;
    }

    /// <summary>What went wrong; <see cref="FieldErrorKind.None"/> for no error.</summary>
    public FieldErrorKind Kind { get; }

    /// <summary>The field concerned.</summary>
    public FlowField Field { get; }

    /// <summary>The input column concerned, when there is one.</summary>
    public string? Column { get; }

    /// <summary>The offending value as given, when there is one.</summary>
    public string? Value { get; }

    /// <summary>True when this is an error.</summary>
    public bool IsError => Kind != FieldErrorKind.None;

    /// <summary>The message: the column, the value in quotes, and what was expected.</summary>
    public string Message => Kind switch
    {
        FieldErrorKind.None => string.Empty,
        FieldErrorKind.NoColumn => "no " + FieldAliases.DisplayName(Field) + " field (expected one of "
            + JoinAliases(FieldAliases.For(Field)) + ")",
        FieldErrorKind.OverrideColumnMissing => FieldAliases.ParameterName(Field) + "=" + Column + ": the input has no column '" + Column + "'",
        FieldErrorKind.Missing => Column + ": empty; a " + FieldAliases.DisplayName(Field) + " is required",
        _ => Column + ": '" + Shown(Value) + "' " + Expectation(),
    };

    /// <inheritdoc/>
    public override string ToString() => Message;

    /// <inheritdoc/>
    public bool Equals(FieldError other) =>
        Kind == other.Kind && Field == other.Field && string.Equals(Column, other.Column, StringComparison.Ordinal)
        && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FieldError other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Field, Column, Value);

    /// <summary>Equality.</summary>
    public static bool operator ==(FieldError left, FieldError right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(FieldError left, FieldError right) => !left.Equals(right);

    private string Expectation() => Kind switch
    {
        FieldErrorKind.InvalidAddress => "is not an IP address",
        FieldErrorKind.InvalidPort => "is not a port (0-65535)",
        FieldErrorKind.InvalidTransport => "is not a transport (a name such as tcp, udp, icmp, or an IANA protocol number 0-255)",
        FieldErrorKind.InvalidIcmp => "is not an ICMP " + (Field == FlowField.IcmpCode ? "code" : "type") + " (0-255)",
        FieldErrorKind.InvalidTcpFlags => "is not a set of TCP flags (such as S, SA, SYN,ACK, 0x12, 18 or [S.])",
        FieldErrorKind.InvalidHistory => "is not a Zeek history (letters such as ShADadFf, optionally with ^)",
        FieldErrorKind.InvalidConnState => "is not a Zeek conn_state (S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH)",
        FieldErrorKind.InvalidInitiator => Field switch
        {
            FlowField.OcsfInitiatorId => "is not an OCSF initiator_id (0, 1, 2 or 99)",
            FlowField.Initiator => "is not an initiator (source or destination)",
            _ => "is not true or false",
        },
        FieldErrorKind.InvalidFirewallPath => "is not a firewall path (SEND, RECEIVE, FORWARD or UNKNOWN)",
        FieldErrorKind.InvalidSocketState => "is not a TCP connection state (Listen, SynSent, SynReceived, Established, ...)",
        FieldErrorKind.InvalidCount => "is not a count (a whole number, 0 or more)",
        FieldErrorKind.NotAFlow => Field == FlowField.SocketState
            ? "is a listening socket, not a connection"
            : "is not a flow record (only Suricata flow and netflow events are classified)",
        _ => "is not valid",
    };

    private static string JoinAliases(IReadOnlyList<FieldAlias> aliases)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < aliases.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(aliases[i].Name);
        }

        return sb.ToString();
    }

    private static string Shown(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var sb = new StringBuilder(Math.Min(value.Length, MaxShownValue + 3));
        int n = Math.Min(value.Length, MaxShownValue);
        for (int i = 0; i < n; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '\r': sb.Append("\\r"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                default: sb.Append(c); break;
            }
        }

        if (value.Length > MaxShownValue)
        {
            sb.Append("...");
        }

        return sb.ToString();
    }
}
