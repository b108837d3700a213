package com.motoo.journal.codec;

import com.motoo.engine.command.Command;
import org.agrona.DirectBuffer;

/** The {@link RecordCheck} of command journal excerpts ({@link CommandCodec}). */
public final class CommandRecordCheck extends RecordCheck {
    private final CommandCodec.Decoder decoder = new CommandCodec.Decoder();
    private final Command scratch = new Command();

    @Override
    protected void decodeAll(DirectBuffer excerpt, int length) {
        for (int offset = 0; offset < length; ) {
            offset += decoder.decode(excerpt, offset, length, scratch);
        }
    }

    @Override
    protected boolean readsVersion(byte version) {
        return version == CommandCodec.VERSION || version == CommandCodec.VERSION_FIXED;
    }
}
