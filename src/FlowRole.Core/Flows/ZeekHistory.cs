using System;

namespace FlowRole.Flows;

/// <summary>
/// A Zeek conn.log <c>history</c> string reduced to what role inference needs: which handshake event came first and
/// who sent it, and whether (and how) Zeek flipped the orientation. Parsed once from a span; no string is kept.
/// </summary>
public readonly struct ZeekHistory : IEquatable<ZeekHistory>
{
    private const byte PresentFlag = 1;
    private const byte CaretFlag = 2;
    private const byte CaretFirstFlag = 4;
    private const byte ReversedFlag = 8;

    private readonly byte _flags;

    private ZeekHistory(byte flags, char firstEvent, char firstHandshake, char beforeCaret)
    {
        _flags = flags;
        FirstEvent = firstEvent;
        FirstHandshakeEvent = firstHandshake;
        EventBeforeCaret = beforeCaret;
    }

    /// <summary>True when a history string was given (even an empty one is "not given").</summary>
    public bool IsPresent => (_flags & PresentFlag) != 0;

    /// <summary>True when the history holds <c>^</c>: Zeek flipped the orientation.</summary>
    public bool IsFlipped => (_flags & CaretFlag) != 0;

    /// <summary>True when <c>^</c> is the first character: the flip came from Zeek's port rule at creation (a heuristic).</summary>
    public bool IsFlippedAtCreation => (_flags & CaretFirstFlag) != 0;

    /// <summary>
    /// True when this history was re-expressed from the other side (<see cref="Reverse"/>): Zeek's originator is then
    /// the record's destination.
    /// </summary>
    public bool IsReversed => (_flags & ReversedFlag) != 0;

    /// <summary>The first event letter, ignoring checksum marks (<c>C</c>/<c>c</c>) and <c>^</c>; '\0' when none.</summary>
    public char FirstEvent { get; }

    /// <summary>The first of <c>S s H h</c> (bare SYN or SYN-ACK, by orig or resp); '\0' when the handshake was not seen.</summary>
    public char FirstHandshakeEvent { get; }

    /// <summary>The event letter just before a non-leading <c>^</c> (the analyzer flip's trigger); '\0' when none.</summary>
    public char EventBeforeCaret { get; }

    /// <summary>
    /// The same history seen from the other side: upper and lower case swap (originator and responder trade places);
    /// the flip markers keep their meaning.
    /// </summary>
    public ZeekHistory Reverse() =>
        IsPresent ? new ZeekHistory((byte)(_flags ^ ReversedFlag), SwapCase(FirstEvent), SwapCase(FirstHandshakeEvent), SwapCase(EventBeforeCaret)) : default;

    private static char SwapCase(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') ? (char)(c ^ 0x20) : c;

    /// <summary>Parses a history string. Returns false (and a default value) when it holds a character Zeek never writes.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ZeekHistory history)
    {
        history = default;
        text = text.Trim();
        if (text.IsEmpty || (text.Length == 1 && text[0] == '-'))
        {
            return true;
        }

        byte flags = PresentFlag;
        char first = '\0', handshake = '\0', beforeCaret = '\0', previous = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '^')
            {
                flags |= CaretFlag;
                if (i == 0)
                {
                    flags |= CaretFirstFlag;
                }
                else if (beforeCaret == '\0')
                {
                    beforeCaret = previous;
                }

                continue;
            }

            if (!IsHistoryLetter(c))
            {
                return false;
            }

            previous = c;
            if (first == '\0' && c != 'C' && c != 'c')
            {
                first = c;
            }

            if (handshake == '\0' && (c == 'S' || c == 's' || c == 'H' || c == 'h'))
            {
                handshake = c;
            }
        }

        history = new ZeekHistory(flags, first, handshake, beforeCaret);
        return true;
    }

    private static bool IsHistoryLetter(char c)
    {
        // The letters Zeek's conn.log documents, upper case from the originator, lower case from the responder.
        char lower = (char)(c | 0x20);
        return lower switch
        {
            's' or 'h' or 'a' or 'd' or 'f' or 'r' or 'c' or 'g' or 't' or 'w' or 'i' or 'q' or 'x' or 'o' or 'n' => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z'),
            _ => false,
        };
    }

    /// <inheritdoc/>
    public bool Equals(ZeekHistory other) =>
        _flags == other._flags && FirstEvent == other.FirstEvent && FirstHandshakeEvent == other.FirstHandshakeEvent
        && EventBeforeCaret == other.EventBeforeCaret;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ZeekHistory other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_flags, FirstEvent, FirstHandshakeEvent, EventBeforeCaret);

    /// <summary>Equality.</summary>
    public static bool operator ==(ZeekHistory left, ZeekHistory right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ZeekHistory left, ZeekHistory right) => !left.Equals(right);
}
