package dev.ledgerloop.command.channel;

/** An open channel takes messages and participant changes; a closed one takes nothing more. */
enum ChannelStatus {
    Open,
    Closed
}
