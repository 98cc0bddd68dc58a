package org.newslens.jobs.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum constants as the command line writes them: lower-case names, parsed case-insensitively. */
public final class CliNames {

  private CliNames() {}

  /** The lower-case name of a constant. */
  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant named {@code value}; else a {@link UserException} whose message starts with
   * {@code what} and lists the valid names.
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
    E[] constants = type.getEnumConstants();
    return Arrays.stream(constants)
        .filter(c -> of(c).equalsIgnoreCase(value.strip()))
        .findFirst()
        .orElseThrow(() -> new UserException(what + "; use one of "
            + Arrays.stream(constants).map(CliNames::of).collect(Collectors.joining(", "))));
  }
}
