namespace FlowRole.Addresses;

/// <summary>Why address text did not parse; paired with a position so the message can point at the culprit.</summary>
internal enum IpParseStatus : byte
{
    Ok = 0,
    Empty,
    TooLong,
    UnexpectedCharacter,
    UnbalancedBracket,
    BracketedIPv4,
    ZoneOnIPv4,
    BadZone,
    IPv4TooFewParts,
    IPv4TooManyParts,
    IPv4EmptyPart,
    IPv4PartTooLong,
    IPv4PartTooLarge,
    IPv6GroupTooLong,
    IPv6EmptyGroup,
    IPv6TooManyGroups,
    IPv6CompressionTooShort,
    IPv6TooFewGroups,
    IPv6TwoCompressions,
    IPv6LoneColon,
    IPv6MisplacedIPv4,
}
