package com.motoo.journal.tool;

import com.motoo.engine.command.Symbol;
import com.motoo.engine.event.EventTextFormat;

/**
 * The DESIGN.md event format plus one line for each event kind the format leaves out:
 * <pre>
 * LISTED,&lt;symbol&gt;,&lt;name&gt;,&lt;basePrice&gt;
 * ACCOUNT_OPENED,&lt;userId&gt;,&lt;cash&gt;
 * GRANTED,&lt;userId&gt;,&lt;symbol&gt;,&lt;qty&gt;
 * BASE_PRICE,&lt;symbol&gt;,&lt;basePrice&gt;
 * HALTED,&lt;symbol&gt; | RESUMED,&lt;symbol&gt;
 * DEPOSITED,&lt;userId&gt;,&lt;amount&gt;,&lt;cash&gt;
 * RESET,&lt;userId&gt;,&lt;cash&gt;
 * </pre>
 * Not thread-safe; appends to the builder it was given.
 */
public final class FullEventTextFormat extends EventTextFormat {
    /** @param out where lines are appended, each ending with a newline */
    public FullEventTextFormat(StringBuilder out) {
        super(out);
    }

    @Override
    public void onSymbolListed(long symbol, String name, long basePrice) {
        out().append("LISTED,");
        Symbol.appendTo(symbol, out());
        out().append(',').append(name).append(',').append(basePrice).append('\n');
    }

    @Override
    public void onAccountOpened(long userId, long cash) {
        out().append("ACCOUNT_OPENED,").append(userId).append(',').append(cash).append('\n');
    }

    @Override
    public void onSharesGranted(long userId, long symbol, long qty) {
        out().append("GRANTED,").append(userId).append(',');
        Symbol.appendTo(symbol, out());
        out().append(',').append(qty).append('\n');
    }

    @Override
    public void onBasePriceSet(long symbol, long basePrice) {
        out().append("BASE_PRICE,");
        Symbol.appendTo(symbol, out());
        out().append(',').append(basePrice).append('\n');
    }

    @Override
    public void onHaltChanged(long symbol, boolean halted) {
        out().append(halted ? "HALTED," : "RESUMED,");
        Symbol.appendTo(symbol, out());
        out().append('\n');
    }

    @Override
    public void onCashDeposited(long userId, long amount, long cash) {
        out().append("DEPOSITED,").append(userId).append(',').append(amount).append(',').append(cash).append('\n');
    }

    @Override
    public void onAccountReset(long userId, long cash) {
        out().append("RESET,").append(userId).append(',').append(cash).append('\n');
    }
}
