package org.newslens.common.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the date strings real feeds carry into UTC instants: ISO-8601 with or without zone,
 * RFC-1123/822, {@code 24 Nov 2026}, {@code November 24, 2026} (with optional weekday and time),
 * and epoch seconds or milliseconds. A date without a zone is taken as UTC. Ambiguous numeric
 * forms such as {@code 03/05/2024} are not guessed.
 */
public final class Dates {

  /** Dates outside [1800, 2100] are treated as errors in the data, not as real dates. */
  public static final int MIN_YEAR = 1800;

  public static final int MAX_YEAR = 2100;

  private static final Pattern EPOCH = Pattern.compile("-?\\d{9,13}(\\.\\d+)?");
  private static final Pattern MONTH_DOT =
      Pattern.compile("(?i)\\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.");
  private static final Pattern SEPT = Pattern.compile("(?i)\\bsept\\b");
  private static final Pattern ORDINAL = Pattern.compile("(?i)\\b(\\d{1,2})(st|nd|rd|th)\\b");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  // A leading weekday is dropped, not checked: lenient parsing would read "24" as a weekday.
  private static final Pattern WEEKDAY =
      Pattern.compile("(?i)^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+");
  private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("yyyy-MM");

  private static final List<DateTimeFormatter> FORMATS =
      List.of(
          DateTimeFormatter.ISO_OFFSET_DATE_TIME,
          DateTimeFormatter.ISO_ZONED_DATE_TIME,
          DateTimeFormatter.ISO_LOCAL_DATE_TIME,
          DateTimeFormatter.ISO_LOCAL_DATE,
          formatter("yyyy-MM-dd HH:mm[:ss][.SSSSSS][.SSS][ ][XXX][X][ zzz]"),
          formatter("yyyy/MM/dd[ HH:mm[:ss]]"),
          formatter("d [MMMM][MMM] yyyy[ HH:mm[:ss]][ ][XX][zzz]"),
          formatter("[MMMM][MMM] d[,] yyyy[ [h:mm[:ss] a][HH:mm[:ss]]][ ][XX][zzz]"),
          formatter("yyyyMMdd'T'HHmmss[X]"));

  private Dates() {}

  private static DateTimeFormatter formatter(String pattern) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .parseLenient()
        .appendPattern(pattern)
        .toFormatter(Locale.ENGLISH);
  }

  /** The instant the string denotes, if it is in one of the supported forms. */
  public static Optional<Instant> parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String s = SPACES.matcher(raw.strip()).replaceAll(" ");
    if (EPOCH.matcher(s).matches()) {
      return epoch(s);
    }
    s = SEPT.matcher(MONTH_DOT.matcher(s).replaceAll("$1")).replaceAll("Sep");
    s = ORDINAL.matcher(WEEKDAY.matcher(s).replaceFirst("")).replaceAll("$1");
    for (DateTimeFormatter f : FORMATS) {
      try {
        return Optional.of(toInstant(f.parseBest(s, ZonedDateTime::from, LocalDateTime::from, LocalDate::from)));
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return Optional.empty();
  }

  /** A number of 9-10 digits is epoch seconds, 11-13 digits epoch milliseconds. */
  private static Optional<Instant> epoch(String s) {
    try {
      int dot = s.indexOf('.');
      String whole = dot < 0 ? s : s.substring(0, dot);
      long value = Long.parseLong(whole);
      int digits = whole.replace("-", "").length();
      return Optional.of(digits <= 10 ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value));
    } catch (NumberFormatException | DateTimeException e) {
      return Optional.empty();
    }
  }

  private static Instant toInstant(TemporalAccessor t) {
    if (t instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (t instanceof LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC);
    }
    return ((LocalDate) t).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** True when the instant's UTC year is within [{@link #MIN_YEAR}, {@link #MAX_YEAR}]. */
  public static boolean isPlausible(Instant instant) {
    int year = instant.atZone(ZoneOffset.UTC).getYear();
    return year >= MIN_YEAR && year <= MAX_YEAR;
  }

  /** The calendar month {@code yyyy-MM} of the instant in UTC. */
  public static String period(Instant instant) {
    return PERIOD.format(instant.atZone(ZoneOffset.UTC));
  }
}
