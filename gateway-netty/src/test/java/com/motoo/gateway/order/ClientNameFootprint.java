package com.motoo.gateway.order;

/**
 * Measures what client-chosen order names cost the gateway's heap (BENCHMARKS.md, "Sixth
 * session"): binds N names of 20 characters to one user's orders, then retires them all as their
 * orders close, and prints the heap held per name after each step (used heap after repeated GCs,
 * so a rough figure; run it alone in a JVM of its own). Not a test: run it by hand with
 * {@code java -cp gateway-netty/target/test-classes:gateway-netty/target/classes:<classpath>
 * com.motoo.gateway.order.ClientNameFootprint N}.
 */
public final class ClientNameFootprint {
    private ClientNameFootprint() {
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        final Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String name(int i) {
        return "bot-7-order-" + (10_000_000 + i);
    }

    public static void main(String[] args) throws InterruptedException {
        final int names = Integer.parseInt(args[0]);
        final long base = usedHeapAfterGc();
        final UserOrderIds ids = new UserOrderIds(0);
        for (int i = 1; i <= names; i++) {
            ids.bind(name(i), i);
        }
        final long bound = usedHeapAfterGc();
        for (int i = 1; i <= names; i++) {
            ids.retire(name(i), i);
        }
        final long retired = usedHeapAfterGc();
        System.out.printf("%d names of 20 characters: %.1f B a name while their orders are open (strings),"
                + " %.1f B once closed (fingerprints); %d strings and %d fingerprints held%n", names,
            (bound - base) / (double) names, (retired - base) / (double) names, ids.clientNamesStored(),
            ids.closedNamesStored());
    }
}
