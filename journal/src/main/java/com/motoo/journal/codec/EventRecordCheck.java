package com.motoo.journal.codec;

import org.agrona.DirectBuffer;

/**
 * The {@link RecordCheck} of event journal excerpts ({@link EventCodec}); also remembers the
 * command sequence of the last group of the last excerpt that decoded whole.
 */
public final class EventRecordCheck extends RecordCheck {
    private final EventCodec.Decoder decoder = new EventCodec.Decoder();
    private long lastSequence;

    /** @return the sequence of the last group of the last complete excerpt checked, 0 before any */
    public long lastSequence() {
        return lastSequence;
    }

    @Override
    protected void decodeAll(DirectBuffer excerpt, int length) {
        long sequence = 0;
        for (int offset = 0; offset < length; ) {
            offset = decoder.decodeGroup(excerpt, offset, length, null);
            sequence = decoder.sequence();
        }
        lastSequence = sequence;
    }

    @Override
    protected boolean readsVersion(byte version) {
        return version == EventCodec.VERSION || version == EventCodec.VERSION_FIXED;
    }
}
