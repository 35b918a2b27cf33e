package io.chronoflow.worker.http;

import java.util.BitSet;

/**
 * The response statuses an HTTP task counts as success, written as a comma-separated list of codes ({@code 200}),
 * ranges ({@code 200-299}) and classes ({@code 2xx}), e.g. {@code 200-299} (the default) or {@code 200,201,204}.
 *
 * @param text the list as written.
 * @param codes the statuses it contains.
 */
record StatusSet(String text, BitSet codes) {

    static final String DEFAULT = "200-299";
    private static final int MIN = 100;
    private static final int MAX = 599;

    StatusSet {
        codes = (BitSet) codes.clone();
    }

    boolean contains(int status) {
        return status >= MIN && status <= MAX && codes.get(status);
    }

    /** Parses {@code text}; the message of the exception says what is wrong, without naming the property. */
    static StatusSet parse(String text) {
        BitSet codes = new BitSet(MAX + 1);
        for (String part : text.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("an empty entry");
            }
            if (item.length() == 3 && item.toLowerCase().endsWith("xx")) {
                int first = digit(item.charAt(0), item) * 100;
                add(codes, first, first + 99, item);
                continue;
            }
            int dash = item.indexOf('-');
            if (dash < 0) {
                int code = code(item);
                add(codes, code, code, item);
            } else {
                add(
                        codes,
                        code(item.substring(0, dash).strip()),
                        code(item.substring(dash + 1).strip()),
                        item);
            }
        }
        return new StatusSet(text.strip(), codes);
    }

    private static int digit(char c, String item) {
        if (c < '1' || c > '5') {
            throw new IllegalArgumentException("'" + item + "' is no status class (1xx to 5xx)");
        }
        return c - '0';
    }

    private static int code(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is no status code");
        }
    }

    private static void add(BitSet codes, int from, int to, String item) {
        if (from < MIN || to > MAX || from > to) {
            throw new IllegalArgumentException("'" + item + "' is outside " + MIN + "-" + MAX + " or runs backwards");
        }
        codes.set(from, to + 1);
    }

    @Override
    public String toString() {
        return text;
    }
}
