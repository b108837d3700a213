package com.motoo.gateway.order;

/**
 * A record of the {@link ClientOrderJournal}: its index and whose order it journaled, so that a
 * snapshot naming it can tell its own journal from a lost, cut short or replaced one.
 *
 * @param index the journal index (Chronicle's: roll cycle and sequence), -1 for none
 * @param userId the record's user, 0 for a torn record or none
 * @param orderId the record's order id, 0 for a torn record or none
 */
record JournalPosition(long index, long userId, long orderId) {
    /** The position before the first record. */
    static final JournalPosition START = new JournalPosition(-1, 0, 0);
}
