package com.motoo.engine.reference;

import java.math.BigInteger;

/**
 * DESIGN.md's market rules written as plainly as possible, for the test oracle: the KRX tick
 * table as an if-chain, the ±30% band found by walking to the nearest valid price, fees with
 * exact big-integer arithmetic. Slow on purpose; correctness by inspection.
 */
final class ReferenceRules {
    static final long MAX_QTY = 1_000_000_000L;
    static final long MAX_BASE_PRICE = 100_000_000L;
    static final long MAX_CASH = 1_000_000_000_000_000L;
    static final long COMMISSION_PPM = 150;
    static final long SELL_TAX_PPM = 2_000;

    private ReferenceRules() {
    }

    /** KRX tick size since 2023-01-25. */
    static long tick(long price) {
        if (price < 2_000) {
            return 1;
        }
        if (price < 5_000) {
            return 5;
        }
        if (price < 20_000) {
            return 10;
        }
        if (price < 50_000) {
            return 50;
        }
        if (price < 200_000) {
            return 100;
        }
        if (price < 500_000) {
            return 500;
        }
        return 1_000;
    }

    static boolean onTick(long price) {
        return price > 0 && price % tick(price) == 0;
    }

    /** Base + 30%, rounded down to a valid price. */
    static long upperLimit(long base) {
        long price = base * 13 / 10;
        while (!onTick(price)) {
            price--;
        }
        return price;
    }

    /** Base − 30%, rounded up to a valid price. */
    static long lowerLimit(long base) {
        long price = Math.max(1, (base * 7 + 9) / 10);
        while (!onTick(price)) {
            price++;
        }
        return price;
    }

    /** floor(notional × ppm / 1,000,000). */
    static long fee(long notional, long ppm) {
        return BigInteger.valueOf(notional).multiply(BigInteger.valueOf(ppm))
            .divide(BigInteger.valueOf(1_000_000)).longValueExact();
    }

    static long commission(long notional) {
        return fee(notional, COMMISSION_PPM);
    }

    static long sellTax(long notional) {
        return fee(notional, SELL_TAX_PPM);
    }

    /**
     * What a buy of {@code qty} at {@code price} holds, or Long.MAX_VALUE when that does not fit in
     * a long (more than any account can hold).
     */
    static long buyReservation(long price, long qty) {
        final BigInteger notional = BigInteger.valueOf(price).multiply(BigInteger.valueOf(qty));
        return notional.bitLength() < 62 ? buyReservation(notional.longValueExact()) : Long.MAX_VALUE;
    }

    /** What a buy of this notional holds: notional plus its commission. */
    static long buyReservation(long notional) {
        return notional + commission(notional);
    }
}
