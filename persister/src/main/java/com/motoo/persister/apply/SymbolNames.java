package com.motoo.persister.apply;

import com.motoo.engine.command.Symbol;
import org.agrona.collections.Long2ObjectHashMap;

/** Decodes packed symbol codes to text once each and remembers them. Single-threaded. */
final class SymbolNames {
    private final Long2ObjectHashMap<String> texts = new Long2ObjectHashMap<>();

    /** @return the text of a packed symbol code (allocates only the first time per code) */
    String text(long code) {
        String text = texts.get(code);
        if (text == null) {
            text = Symbol.decode(code);
            texts.put(code, text);
        }
        return text;
    }
}
