package com.motoo.bench.simulator;

import java.net.URI;

/**
 * Settings of the market simulator, with their command-line names and defaults side by side.
 * Validated once by {@link #parse(String[])}.
 *
 * <pre>
 * --url URL             gateway base URL                         (http://127.0.0.1:8080)
 * --admin-user NAME     admin account that funds the bots       (admin)
 * --admin-password PW   its password                             (env MOTOO_ADMIN_PASSWORD, else admin-password)
 * --rate N              orders per second over all symbols      (40)
 * --volatility X        fair value step, fraction per second    (0.002)
 * --levels N            quote levels per side per symbol         (5)
 * --seed N              random seed                              (20261125)
 * --duration SECONDS    stop after this long; 0 runs until killed (0)
 * </pre>
 */
public final class SimulatorConfig {
    final URI baseUrl;
    final String adminUser;
    final String adminPassword;
    final double ordersPerSecond;
    final double volatilityPerSecond;
    final int levels;
    final long seed;
    final long durationSeconds;

    private SimulatorConfig(URI baseUrl, String adminUser, String adminPassword, double ordersPerSecond,
                            double volatilityPerSecond, int levels, long seed, long durationSeconds) {
        this.baseUrl = baseUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.ordersPerSecond = ordersPerSecond;
        this.volatilityPerSecond = volatilityPerSecond;
        this.levels = levels;
        this.seed = seed;
        this.durationSeconds = durationSeconds;
    }

    /**
     * @param args command-line options as documented on the class
     * @return the validated configuration
     * @throws IllegalArgumentException naming the bad option
     */
    public static SimulatorConfig parse(String[] args) {
        String url = "http://127.0.0.1:8080";
        String adminUser = "admin";
        String adminPassword = System.getenv().getOrDefault("MOTOO_ADMIN_PASSWORD", "admin-password");
        double rate = 40;
        double volatility = 0.002;
        int levels = 5;
        long seed = 20261125L;
        long duration = 0;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            final String value = args[i + 1];
            switch (args[i]) {
                case "--url": url = value; break;
                case "--admin-user": adminUser = value; break;
                case "--admin-password": adminPassword = value; break;
                case "--rate": rate = Double.parseDouble(value); break;
                case "--volatility": volatility = Double.parseDouble(value); break;
                case "--levels": levels = Integer.parseInt(value); break;
                case "--seed": seed = Long.parseLong(value); break;
                case "--duration": duration = Long.parseLong(value); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (rate <= 0 || rate > 100_000) {
            throw new IllegalArgumentException("--rate must be in (0, 100000]");
        }
        if (volatility < 0 || volatility > 0.05) {
            throw new IllegalArgumentException("--volatility must be in [0, 0.05]");
        }
        if (levels < 1 || levels > 10) {
            throw new IllegalArgumentException("--levels must be 1 to 10");
        }
        if (duration < 0) {
            throw new IllegalArgumentException("--duration must not be negative");
        }
        return new SimulatorConfig(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
            adminUser, adminPassword, rate, volatility, levels, seed, duration);
    }
}
