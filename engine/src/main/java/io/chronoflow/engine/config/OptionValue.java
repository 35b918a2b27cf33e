package io.chronoflow.engine.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/** Reads a {@code chronoflow.*} model option whose values are the ids of an enum. */
public final class OptionValue {

    private OptionValue() {}

    /**
     * The constant whose id is {@code value} (case and surrounding blanks ignored), {@code fallback} when the value is
     * absent.
     *
     * @throws IllegalArgumentException naming the option and every valid value when the value is unknown.
     */
    public static <E extends Enum<E>> E of(
            Class<E> type, Function<E, String> id, String option, String value, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        E[] constants = type.getEnumConstants();
        return Arrays.stream(constants)
                .filter(c -> id.apply(c).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(option + " '" + value + "' is unknown; use one of "
                        + Arrays.stream(constants).map(id).toList()));
    }
}
