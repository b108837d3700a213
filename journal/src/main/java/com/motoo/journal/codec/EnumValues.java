package com.motoo.journal.codec;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.RejectReason;

/**
 * The constants of every enum the journal stores by ordinal, each array made once: an enum's
 * {@code values()} copies its array on every call, which cost the decoders an allocation per
 * field. The arrays are shared and must never be written.
 */
final class EnumValues {
    static final CommandType[] COMMAND_TYPES = CommandType.values();
    static final Side[] SIDES = Side.values();
    static final OrderType[] ORDER_TYPES = OrderType.values();
    static final TimeInForce[] TIMES_IN_FORCE = TimeInForce.values();
    static final RejectReason[] REJECT_REASONS = RejectReason.values();

    private EnumValues() {
    }
}
