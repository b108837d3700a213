package com.motoo.engine.command;

/**
 * The command-file format of DESIGN.md: one command per line, comma separated, {@code #} starts a
 * comment, blank lines are ignored. Parsing is strict: a wrong field count, a non-integer, a
 * non-positive id or an unknown keyword is an error, never a silent skip.
 *
 * <p>Stateless and thread-safe. Parsing allocates (it splits strings); it is meant for loading
 * files, not for the hot path.
 */
public final class CommandFormat {
    private CommandFormat() {
    }

    /**
     * Parses one line.
     *
     * @param line the text of the line
     * @param lineNumber its 1-based number, for error messages
     * @param into the command to fill
     * @return true if the line held a command, false for a blank or comment-only line
     * @throws CommandFormatException if the line is malformed
     */
    public static boolean parse(String line, long lineNumber, Command into) throws CommandFormatException {
        final int hash = line.indexOf('#');
        final String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (text.isEmpty()) {
            return false;
        }
        final String[] f = text.split(",", -1);
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        final CommandType type = keyword(f[0], lineNumber);
        switch (type) {
            case LIST:
                fields(f, 4, "LIST,<symbol>,<name>,<basePrice>", lineNumber);
                if (f[2].isEmpty()) {
                    throw new CommandFormatException(lineNumber, "LIST needs a name");
                }
                if (f[2].chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                    throw new CommandFormatException(lineNumber, "LIST name must not hold control characters");
                }
                into.list(symbol(f[1], lineNumber), f[2], integer(f[3], "basePrice", lineNumber));
                return true;
            case ACCOUNT:
                fields(f, 3, "ACCOUNT,<userId>,<cash>", lineNumber);
                into.account(id(f[1], "userId", lineNumber), integer(f[2], "cash", lineNumber));
                return true;
            case GRANT:
                fields(f, 4, "GRANT,<userId>,<symbol>,<qty>", lineNumber);
                into.grant(id(f[1], "userId", lineNumber), symbol(f[2], lineNumber), integer(f[3], "qty", lineNumber));
                return true;
            case PLACE:
                fields(f, 9, "PLACE,<userId>,<orderId>,<symbol>,<BUY|SELL>,<LIMIT|MARKET>,<GTC|DAY|IOC|FOK>,<price>,<qty>", lineNumber);
                into.place(id(f[1], "userId", lineNumber), id(f[2], "orderId", lineNumber), symbol(f[3], lineNumber),
                    choice(Side.class, f[4], "side", lineNumber), choice(OrderType.class, f[5], "order type", lineNumber),
                    choice(TimeInForce.class, f[6], "time in force", lineNumber),
                    integer(f[7], "price", lineNumber), integer(f[8], "qty", lineNumber));
                return true;
            case CANCEL:
                fields(f, 3, "CANCEL,<userId>,<orderId>", lineNumber);
                into.cancel(id(f[1], "userId", lineNumber), id(f[2], "orderId", lineNumber));
                return true;
            case MODIFY:
                fields(f, 5, "MODIFY,<userId>,<orderId>,<newPrice>,<newQty>", lineNumber);
                into.modify(id(f[1], "userId", lineNumber), id(f[2], "orderId", lineNumber),
                    integer(f[3], "newPrice", lineNumber), integer(f[4], "newQty", lineNumber));
                return true;
            case EOD:
                fields(f, 1, "EOD", lineNumber);
                into.endOfDay();
                return true;
            case HALT:
            case RESUME:
                fields(f, 2, type + ",<symbol>", lineNumber);
                into.halt(symbol(f[1], lineNumber), type == CommandType.HALT);
                return true;
            case DEPOSIT:
                fields(f, 3, "DEPOSIT,<userId>,<amount>", lineNumber);
                into.deposit(id(f[1], "userId", lineNumber), integer(f[2], "amount", lineNumber));
                return true;
            case RESET:
                fields(f, 3, "RESET,<userId>,<cash>", lineNumber);
                into.reset(id(f[1], "userId", lineNumber), integer(f[2], "cash", lineNumber));
                return true;
            default:
                throw new IllegalStateException("unhandled command type " + type);
        }
    }

    /**
     * Appends a command in the command-file format (no trailing newline).
     *
     * @param command the command
     * @param out where the text goes
     */
    public static void append(Command command, StringBuilder out) {
        final CommandType type = command.type();
        out.append(type);
        switch (type) {
            case LIST:
                symbolField(command.symbol(), out).append(',').append(command.name()).append(',').append(command.price());
                break;
            case ACCOUNT:
            case DEPOSIT:
            case RESET:
                out.append(',').append(command.userId()).append(',').append(command.amount());
                break;
            case GRANT:
                out.append(',').append(command.userId());
                symbolField(command.symbol(), out).append(',').append(command.qty());
                break;
            case PLACE:
                out.append(',').append(command.userId()).append(',').append(command.orderId());
                symbolField(command.symbol(), out)
                    .append(',').append(command.side()).append(',').append(command.orderType())
                    .append(',').append(command.tif()).append(',').append(command.price())
                    .append(',').append(command.qty());
                break;
            case CANCEL:
                out.append(',').append(command.userId()).append(',').append(command.orderId());
                break;
            case MODIFY:
                out.append(',').append(command.userId()).append(',').append(command.orderId())
                    .append(',').append(command.price()).append(',').append(command.qty());
                break;
            case HALT:
            case RESUME:
                symbolField(command.symbol(), out);
                break;
            case EOD:
            default:
                break;
        }
    }

    private static StringBuilder symbolField(long symbol, StringBuilder out) {
        out.append(',');
        Symbol.appendTo(symbol, out);
        return out;
    }

    private static CommandType keyword(String word, long lineNumber) throws CommandFormatException {
        for (CommandType type : CommandType.values()) {
            if (type.name().equals(word)) {
                return type;
            }
        }
        throw new CommandFormatException(lineNumber, "unknown command '" + word + "'");
    }

    private static void fields(String[] f, int expected, String usage, long lineNumber) throws CommandFormatException {
        if (f.length != expected) {
            throw new CommandFormatException(lineNumber,
                "expected " + expected + " fields (" + usage + ") but found " + f.length);
        }
    }

    private static long symbol(String text, long lineNumber) throws CommandFormatException {
        if (!Symbol.isValid(text)) {
            throw new CommandFormatException(lineNumber,
                "symbol must be 1 to " + Symbol.MAX_LENGTH + " characters of [0-9A-Za-z._-]: '" + text + "'");
        }
        return Symbol.encode(text);
    }

    private static long integer(String text, String field, long lineNumber) throws CommandFormatException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CommandFormatException(lineNumber, field + " must be an integer: '" + text + "'");
        }
    }

    private static long id(String text, String field, long lineNumber) throws CommandFormatException {
        final long value = integer(text, field, lineNumber);
        if (value <= 0) {
            throw new CommandFormatException(lineNumber, field + " must be a positive integer: '" + text + "'");
        }
        return value;
    }

    private static <E extends Enum<E>> E choice(Class<E> kind, String text, String field, long lineNumber)
        throws CommandFormatException {
        for (E value : kind.getEnumConstants()) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        final StringBuilder allowed = new StringBuilder();
        for (E value : kind.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : "|").append(value.name());
        }
        throw new CommandFormatException(lineNumber, field + " must be one of " + allowed + ": '" + text + "'");
    }
}
