package com.motoo.bench.commands;

/**
 * Options of {@code scripts/motoo gen-commands}: {@code [--commands N] [--symbols S] [--users U] [--seed X]}.
 * Immutable.
 *
 * @param commands how many mix commands follow the set-up and the initial books
 * @param symbols how many symbols are listed
 * @param users how many accounts are opened
 * @param seed the random seed; the same options always give the same file
 */
public record GeneratorOptions(long commands, int symbols, int users, long seed) {
    /** Usage text for errors. */
    public static final String USAGE = "usage: gen-commands [--commands N] [--symbols S] [--users U] [--seed X] > FILE";

    /** Checks ranges. @throws IllegalArgumentException if one is out of range */
    public GeneratorOptions {
        if (commands < 0 || symbols < 1 || symbols > 1_000 || users < 2 || users > 10_000_000) {
            throw new IllegalArgumentException(
                "need --commands >= 0, 1 <= --symbols <= 1000, 2 <= --users <= 10000000");
        }
    }

    /**
     * @param args command-line arguments
     * @return the options, with defaults of 1,000,000 commands, 8 symbols, 1,000 users, seed 1
     * @throws IllegalArgumentException for an unknown option, a missing or non-integer value
     */
    public static GeneratorOptions parse(String[] args) {
        long commands = 1_000_000;
        long symbols = 8;
        long users = 1_000;
        long seed = 1;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("missing value after " + args[i]);
            }
            final long value;
            try {
                value = Long.parseLong(args[i + 1].replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(args[i] + " needs an integer: '" + args[i + 1] + "'");
            }
            switch (args[i]) {
                case "--commands":
                    commands = value;
                    break;
                case "--symbols":
                    symbols = value;
                    break;
                case "--users":
                    users = value;
                    break;
                case "--seed":
                    seed = value;
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (symbols != (int) symbols || users != (int) users) {
            throw new IllegalArgumentException("--symbols and --users must fit an int");
        }
        return new GeneratorOptions(commands, (int) symbols, (int) users, seed);
    }

    @Override
    public String toString() {
        return "--commands " + commands + " --symbols " + symbols + " --users " + users + " --seed " + seed;
    }
}
