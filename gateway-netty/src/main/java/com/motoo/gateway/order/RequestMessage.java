package com.motoo.gateway.order;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.motoo.gateway.json.JsonKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One request as {@link RequestReader} read it: whether it was a JSON object and, for each
 * {@link RequestField}, what it held (its {@link JsonKind} and its string or long value), the order
 * the fields came in and the first unknown field. Well-formed JSON by construction; whether the
 * fields make a valid request is for the adapters to check.
 *
 * <p>Mutable and reused: each thread has one, refilled by its next read, so a caller must be done
 * with it before it reads again. Confined to that thread.
 */
public final class RequestMessage {
    private static final int FIELDS = RequestField.values().length;

    private final JsonKind[] kinds = new JsonKind[FIELDS];
    private final String[] texts = new String[FIELDS];
    private final long[] numbers = new long[FIELDS];
    private final RequestField[] order = new RequestField[FIELDS];
    private final ArrayList<String> channels = new ArrayList<>();
    private int fieldCount;
    private String unknownField;
    private int unknownFieldAt;
    private boolean object;
    private boolean channelsAreStrings;

    RequestMessage() {
        clear();
    }

    /** @return this, holding nothing: not an object, every field absent */
    RequestMessage clear() {
        Arrays.fill(kinds, JsonKind.ABSENT);
        Arrays.fill(texts, null);
        fieldCount = 0;
        unknownField = null;
        object = false;
        channels.clear();
        channelsAreStrings = true;
        return this;
    }

    /** @return whether the message was a JSON object (anything else has no fields) */
    public boolean isObject() {
        return object;
    }

    /** @return what the field held; {@link JsonKind#ABSENT} when the message did not have it */
    public JsonKind kind(RequestField field) {
        return kinds[field.ordinal()];
    }

    /** @return whether the message had the field, null included */
    public boolean has(RequestField field) {
        return kinds[field.ordinal()] != JsonKind.ABSENT;
    }

    /**
     * @return a {@link JsonKind#STRING} field's value (the field's own constant when it is one of the
     *         field's fixed words), the digits of a {@link JsonKind#BIG_INTEGER}, else null
     */
    public String text(RequestField field) {
        return texts[field.ordinal()];
    }

    /** @return an {@link JsonKind#INTEGER} field's value */
    public long number(RequestField field) {
        return numbers[field.ordinal()];
    }

    /**
     * @return the {@code id} as JSON text to echo in answers: a string quoted and escaped as Jackson
     *         writes it, an integer in its shortest form; null when it is absent or neither. Allocates.
     */
    public String echoId() {
        final int id = RequestField.ID.ordinal();
        switch (kinds[id]) {
            case STRING: {
                final StringBuilder out = new StringBuilder(texts[id].length() + 2).append('"');
                JsonStringEncoder.getInstance().quoteAsString(texts[id], out);
                return out.append('"').toString();
            }
            case INTEGER:
                return Long.toString(numbers[id]);
            case BIG_INTEGER:
                return texts[id];
            default:
                return null;
        }
    }

    /**
     * @return the name of the first field, in the message's order, that is not among {@code allowed}
     *         (an unknown field is never allowed), or null when there is none. Allocation-free.
     */
    public String firstFieldOutside(Set<RequestField> allowed) {
        final int known = unknownField == null ? fieldCount : unknownFieldAt;
        for (int i = 0; i < known; i++) {
            if (!allowed.contains(order[i])) {
                return order[i].jsonName();
            }
        }
        return unknownField;
    }

    /** @return the string elements of the {@code channels} array up to its first other element, if any */
    public List<String> channels() {
        return channels;
    }

    /** @return whether every element of the {@code channels} array was a string (true when there is no array) */
    public boolean channelsAreStrings() {
        return channelsAreStrings;
    }

    void object() {
        object = true;
    }

    void field(RequestField field, JsonKind kind) {
        kinds[field.ordinal()] = kind;
        order[fieldCount++] = field;
    }

    void field(RequestField field, JsonKind kind, String text) {
        field(field, kind);
        texts[field.ordinal()] = text;
    }

    void field(RequestField field, long number) {
        field(field, JsonKind.INTEGER);
        numbers[field.ordinal()] = number;
    }

    void unknownField(String name) {
        if (unknownField == null) {
            unknownField = name;
            unknownFieldAt = fieldCount;
        }
    }

    void channel(String channel) {
        channels.add(channel);
    }

    void nonStringChannel() {
        channelsAreStrings = false;
    }
}
