package com.motoo.engine.reference;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded stream of engine commands of every kind, valid and invalid: bad ticks, prices out of
 * the band, unknown users, symbols and orders, duplicate and non-positive order ids, quantities
 * too small or too large, orders beyond a user's cash or shares, self-trades (few users trade
 * with each other all the time), halts, deposits, resets, end of day. Prices cluster around the
 * middle of each symbol's band so that books cross often; the band is read from a {@link Band}
 * view of whichever exchange is being driven. The same seed and the same band answers give the
 * same stream. Test code; allocates.
 */
public final class RandomCommandStream {
    /** Today's price band of the n-th listed symbol. */
    public interface Band {
        /** @return the lower price limit */
        long lower(int listingIndex);

        /** @return the upper price limit */
        long upper(int listingIndex);
    }

    private static final long[] BASE_PRICES = {1_990, 4_990, 10_050, 49_900, 199_500, 499_000, 71_000, 1_000, 19_990};
    private static final int INITIAL_SYMBOLS = 6;
    private static final int MAX_SYMBOLS = BASE_PRICES.length;
    private static final int INITIAL_USERS = 12;
    private static final int MAX_USERS = 20;
    private static final int RECENT = 48;

    private final SplittableRandom random;
    private final Band band;
    private final ArrayDeque<Command> prelude = new ArrayDeque<>();
    private final List<String> symbols = new ArrayList<>();
    private final List<UserOrders> users = new ArrayList<>();
    private final List<Boolean> halted = new ArrayList<>();

    /** What the stream remembers of one user's orders, to aim cancels and modifies at them. */
    private static final class UserOrders {
        long nextOrderId;
        final long[] ids = new long[RECENT];
        final int[] symbolIndexes = new int[RECENT];
        final Side[] sides = new Side[RECENT];
        final long[] prices = new long[RECENT];
        final long[] qtys = new long[RECENT];
        int count;
        int cursor;

        void remember(long id, int symbolIndex, Side side, long price, long qty) {
            ids[cursor] = id;
            symbolIndexes[cursor] = symbolIndex;
            sides[cursor] = side;
            prices[cursor] = price;
            qtys[cursor] = qty;
            cursor = (cursor + 1) % RECENT;
            count = Math.min(count + 1, RECENT);
        }

        /** @return a remembered slot, usually one of the newest */
        int pickSlot(SplittableRandom random) {
            if (random.nextInt(10) < 7) {
                return Math.floorMod(cursor - 1 - random.nextInt(Math.min(count, 6)), RECENT);
            }
            return random.nextInt(count);
        }
    }

    /**
     * @param seed the seed; print it on failure
     * @param band today's band of each listed symbol, from the exchange being driven
     */
    public RandomCommandStream(long seed, Band band) {
        this.random = new SplittableRandom(seed);
        this.band = band;
        for (int i = 0; i < INITIAL_SYMBOLS; i++) {
            final String symbol = "S" + i;
            symbols.add(symbol);
            halted.add(false);
            prelude.add(new Command().list(Symbol.encode(symbol), "Stock" + i, BASE_PRICES[i]));
        }
        for (int u = 1; u <= INITIAL_USERS; u++) {
            addUser(u);
        }
    }

    /** A band view of the engine. */
    public static Band bandOf(MatchingEngine engine) {
        return new Band() {
            @Override
            public long lower(int listingIndex) {
                return engine.books().get(listingIndex).lowerLimit();
            }

            @Override
            public long upper(int listingIndex) {
                return engine.books().get(listingIndex).upperLimit();
            }
        };
    }

    /** A band view of the reference exchange. */
    public static Band bandOf(ReferenceExchange exchange) {
        return new Band() {
            @Override
            public long lower(int listingIndex) {
                return exchange.lowerLimit(listingIndex);
            }

            @Override
            public long upper(int listingIndex) {
                return exchange.upperLimit(listingIndex);
            }
        };
    }

    private void addUser(long userId) {
        users.add(new UserOrders());
        final long cash = userId % 4 == 0 ? 2_000_000 : 500_000_000 + random.nextLong(4_500_000_000L);
        prelude.add(new Command().account(userId, cash));
        for (String symbol : symbols) {
            prelude.add(new Command().grant(userId, Symbol.encode(symbol), random.nextLong(3_000)));
        }
    }

    /** Fills {@code into} with the next command. */
    public void next(Command into) {
        if (!prelude.isEmpty()) {
            into.copyFrom(prelude.poll());
            return;
        }
        final int haltedIndex = halted.indexOf(true);
        if (haltedIndex >= 0 && pick(0.02)) {
            halted.set(haltedIndex, false);
            into.halt(Symbol.encode(symbols.get(haltedIndex)), false);
            return;
        }
        final int r = random.nextInt(10_000);
        if (r < 1_500) {
            cancel(into);
        } else if (r < 3_000) {
            modify(into);
        } else if (r < 3_025) {
            into.endOfDay();
        } else if (r < 3_028) {
            final int index = random.nextInt(symbols.size());
            halted.set(index, true);
            into.halt(Symbol.encode(symbols.get(index)), true);
        } else if (r < 3_035) {
            final int index = random.nextInt(symbols.size());
            final boolean halt = pick(0.2);
            if (pick(0.5)) {
                into.halt(Symbol.encode("NOPE"), halt);
            } else {
                halted.set(index, halt);
                into.halt(Symbol.encode(symbols.get(index)), halt);
            }
        } else if (r < 3_300) {
            deposit(into);
        } else if (r < 3_310) {
            into.reset(userId(), pick(0.9) ? 1_000_000 + random.nextLong(10_000_000_000L)
                : pick(0.5) ? -1 : MatchingEngine.MAX_CASH + 1);
        } else if (r < 3_330) {
            list(into);
        } else if (r < 3_350) {
            account(into);
        } else if (r < 3_400) {
            grant(into);
        } else {
            place(into);
        }
    }

    private void place(Command into) {
        final long userId = userId();
        final UserOrders user = knownUser(userId);
        final boolean unlisted = pick(0.01);
        final int symbolIndex = random.nextInt(symbols.size());
        final Side side = pick(0.5) ? Side.BUY : Side.SELL;
        final OrderType type = pick(0.85) ? OrderType.LIMIT : OrderType.MARKET;
        final int t = random.nextInt(100);
        final TimeInForce tif = t < 35 ? TimeInForce.GTC : t < 70 ? TimeInForce.DAY : t < 85 ? TimeInForce.IOC : TimeInForce.FOK;
        final long price = type == OrderType.MARKET ? (pick(0.9) ? 0 : limitPrice(symbolIndex)) : limitPrice(symbolIndex);
        final long qty = quantity();
        final long orderId = orderId(user);
        if (user != null && type == OrderType.LIMIT && (tif == TimeInForce.GTC || tif == TimeInForce.DAY)) {
            user.remember(orderId, symbolIndex, side, price, qty);
        }
        into.place(userId, orderId, unlisted ? Symbol.encode("NOPE") : Symbol.encode(symbols.get(symbolIndex)),
            side, type, tif, price, qty);
    }

    private void cancel(Command into) {
        final long userId = userId();
        final UserOrders user = knownUser(userId);
        final long orderId;
        if (user != null && user.count > 0 && pick(0.85)) {
            orderId = user.ids[user.pickSlot(random)];
        } else if (user != null && pick(0.7)) {
            orderId = 1 + random.nextLong(user.nextOrderId + 1);
        } else {
            orderId = pick(0.5) ? -random.nextLong(5) : 1_000_000_000_000L + random.nextLong(1_000);
        }
        into.cancel(userId, orderId);
    }

    private void modify(Command into) {
        final long userId = userId();
        final UserOrders user = knownUser(userId);
        if (user == null || user.count == 0) {
            into.modify(userId, 1 + random.nextLong(100), limitPrice(0), 1 + random.nextLong(10));
            return;
        }
        final int slot = user.pickSlot(random);
        final long orderId = user.ids[slot];
        final long price = user.prices[slot];
        final long qty = Math.max(1, user.qtys[slot]);
        final int r = random.nextInt(100);
        final long newPrice;
        final long newQty;
        if (r < 25) {
            newPrice = price;
            newQty = 1 + random.nextLong(qty);
        } else if (r < 35) {
            newPrice = price;
            newQty = qty;
        } else if (r < 45) {
            newPrice = price;
            newQty = qty + 1 + random.nextLong(50);
        } else if (r < 75) {
            newPrice = limitPrice(user.symbolIndexes[slot]);
            newQty = 1 + random.nextLong(2 * qty);
        } else if (r < 85) {
            newPrice = invalidPrice(user.symbolIndexes[slot]);
            newQty = 1 + random.nextLong(qty);
        } else if (r < 95) {
            newPrice = pick(0.5) ? price : limitPrice(user.symbolIndexes[slot]);
            newQty = pick(0.4) ? 0 : pick(0.5) ? -random.nextLong(1, 100) : MatchingEngine.MAX_QTY + 1;
        } else {
            into.modify(userId, orderId + RECENT * 1_000L, price, qty);
            return;
        }
        user.prices[slot] = newPrice;
        user.qtys[slot] = newQty;
        into.modify(userId, orderId, newPrice, newQty);
    }

    private void deposit(Command into) {
        final int r = random.nextInt(100);
        final long amount;
        if (r < 60) {
            amount = 1 + random.nextLong(100_000_000);
        } else if (r < 80) {
            amount = -1 - random.nextLong(100_000_000);
        } else if (r < 85) {
            amount = 0;
        } else if (r < 90) {
            amount = pick(0.5) ? MatchingEngine.MAX_CASH + 1 : -MatchingEngine.MAX_CASH - 1;
        } else if (r < 95) {
            amount = -10_000_000_000L - random.nextLong(1_000_000_000_000L);
        } else {
            amount = MatchingEngine.MAX_CASH;
        }
        into.deposit(userId(), amount);
    }

    private void list(Command into) {
        final int r = random.nextInt(100);
        final String existing = symbols.get(random.nextInt(symbols.size()));
        if (r < 50 || symbols.size() == MAX_SYMBOLS) {
            into.list(Symbol.encode(existing), "Again", BASE_PRICES[random.nextInt(BASE_PRICES.length)]);
        } else if (r < 65) {
            into.list(Symbol.encode("BAD"), "Bad", pick(0.5) ? -random.nextLong(10) : MatchingEngine.MAX_BASE_PRICE + 1_000);
        } else if (r < 80) {
            into.list(Symbol.encode("BAD"), "Bad", 10_051);
        } else {
            final int index = symbols.size();
            final String symbol = "S" + index;
            symbols.add(symbol);
            halted.add(false);
            into.list(Symbol.encode(symbol), "Stock" + index, BASE_PRICES[index]);
        }
    }

    private void account(Command into) {
        final int r = random.nextInt(100);
        if (r < 50 || users.size() == MAX_USERS) {
            into.account(1 + random.nextInt(users.size()), 1_000_000);
        } else if (r < 65) {
            into.account(users.size() + 1, pick(0.5) ? -1 : MatchingEngine.MAX_CASH + 1);
        } else {
            addUser(users.size() + 1);
            into.copyFrom(prelude.poll());
        }
    }

    private void grant(Command into) {
        final int r = random.nextInt(100);
        final long symbol = symbolCode();
        if (r < 80) {
            into.grant(userId(), symbol, 1 + random.nextLong(1_000));
        } else if (r < 85) {
            into.grant(users.size() + 7, symbol, 10);
        } else if (r < 90) {
            into.grant(1, Symbol.encode("NOPE"), 10);
        } else {
            into.grant(userId(), symbol, pick(0.3) ? 0 : pick(0.5) ? -5 : MatchingEngine.MAX_QTY + 1);
        }
    }

    /** A price for a LIMIT order: mostly valid near the middle of the band, sometimes not. */
    private long limitPrice(int symbolIndex) {
        final int r = random.nextInt(100);
        if (r < 82) {
            final long lower = band.lower(symbolIndex);
            final long upper = band.upper(symbolIndex);
            final long mid = roundDownToTick((lower + upper) / 2);
            final long price = roundDownToTick(mid + random.nextInt(-6, 7) * ReferenceRules.tick(mid));
            return Math.max(lower, Math.min(upper, price));
        }
        if (r < 88) {
            final long lower = band.lower(symbolIndex);
            final long upper = band.upper(symbolIndex);
            final int edge = random.nextInt(4);
            return edge == 0 ? upper : edge == 1 ? lower : edge == 2 ? upper + ReferenceRules.tick(upper) : lower - 1;
        }
        return invalidPrice(symbolIndex);
    }

    private long invalidPrice(int symbolIndex) {
        final long lower = band.lower(symbolIndex);
        final long upper = band.upper(symbolIndex);
        final int r = random.nextInt(4);
        if (r == 0) {
            return lower + 1 + random.nextLong(upper - lower);
        }
        if (r == 1) {
            return pick(0.5) ? 0 : -random.nextLong(1, 10_000);
        }
        if (r == 2) {
            return roundDownToTick(pick(0.5) ? upper * 2 : Math.max(1, lower / 2));
        }
        return 1_000_000_000_000L;
    }

    private long quantity() {
        final int r = random.nextInt(100);
        if (r < 85) {
            return 1 + random.nextLong(30);
        }
        if (r < 93) {
            return 31 + random.nextLong(470);
        }
        if (r < 95) {
            return 0;
        }
        if (r < 96) {
            return -random.nextLong(1, 1_000);
        }
        if (r < 97) {
            return MatchingEngine.MAX_QTY + 1;
        }
        if (r < 98) {
            return MatchingEngine.MAX_QTY;
        }
        return 500 + random.nextLong(20_000);
    }

    private long orderId(UserOrders user) {
        if (user == null) {
            return 1 + random.nextLong(10);
        }
        final int r = random.nextInt(1_000);
        if (r < 930) {
            return ++user.nextOrderId;
        }
        if (r < 960) {
            return 1 + random.nextLong(user.nextOrderId + 1);
        }
        if (r < 975) {
            return -random.nextLong(3);
        }
        user.nextOrderId += 2 + random.nextLong(100);
        return user.nextOrderId;
    }

    private long userId() {
        return pick(0.98) ? 1 + random.nextInt(users.size()) : users.size() + 1 + random.nextInt(5);
    }

    private UserOrders knownUser(long userId) {
        return userId <= users.size() ? users.get((int) userId - 1) : null;
    }

    private long symbolCode() {
        return pick(0.98) ? Symbol.encode(symbols.get(random.nextInt(symbols.size()))) : Symbol.encode("NOPE");
    }

    private boolean pick(double probability) {
        return random.nextDouble() < probability;
    }

    private static long roundDownToTick(long price) {
        return Math.max(1, price - price % ReferenceRules.tick(price));
    }
}
