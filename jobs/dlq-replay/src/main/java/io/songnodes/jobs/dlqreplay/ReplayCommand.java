package io.songnodes.jobs.dlqreplay;

import io.songnodes.amqp.AmqpSettings;
import io.songnodes.enrich.ProviderName;
import io.songnodes.jobs.dlqreplay.replay.ProviderLimits;
import io.songnodes.jobs.dlqreplay.replay.ReplayConfig;
import io.songnodes.jobs.dlqreplay.replay.ReplayFilter;
import io.songnodes.model.ErrorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line of dlq-replay; {@link #toConfig} validates it once and fails naming the offending option. */
@Command(name = "dlq-replay", mixinStandardHelpOptions = true, sortOptions = false, version = "dlq-replay 0.1.0",
        description = "Replays dead letters from the DLQ to their original queues (bounded: ends by itself).")
public final class ReplayCommand {
    @Option(names = "--amqp-uri", description = "amqp://user@host:5672/vhost (default: env SONGNODES_AMQP_URI; password from the URI or env SONGNODES_AMQP_PASSWORD)")
    String amqpUri;
    @Option(names = "--dlq", defaultValue = "songnodes.dlq", description = "DLQ to drain (default: ${DEFAULT-VALUE})")
    String dlq;
    @Option(names = "--parking", defaultValue = "songnodes.dlq.parking", description = "parking lot (default: ${DEFAULT-VALUE})")
    String parking;
    @Option(names = "--error-type", split = ",", description = "only these error types (x-error-type)")
    List<String> errorTypes = new ArrayList<>();
    @Option(names = "--provider", split = ",", description = "only these providers (x-provider)")
    List<String> providers = new ArrayList<>();
    @Option(names = "--field", split = ",", description = "only these fields (x-field)")
    List<String> fields = new ArrayList<>();
    @Option(names = "--source", split = ",", description = "only these bronze sources (x-source)")
    List<String> sources = new ArrayList<>();
    @Option(names = "--older-than", description = "only failures before this: an ISO instant, or an age such as 30m, 2h, 7d")
    String olderThan;
    @Option(names = "--newer-than", description = "only failures after this: an ISO instant, or an age such as 30m, 2h, 7d")
    String newerThan;
    @Option(names = "--ids", description = "only the envelope ids listed in this file, one per line")
    Path ids;
    @Option(names = "--max-replays", defaultValue = "3", description = "a matching message replayed this often goes to parking (default: ${DEFAULT-VALUE})")
    int maxReplays;
    @Option(names = "--max-messages", description = "stop after replaying or parking this many")
    Long maxMessages;
    @Option(names = "--until", description = "stop at this ISO instant")
    String until;
    @Option(names = "--max-run-time", defaultValue = "25m",
            description = "stop after this long (default: ${DEFAULT-VALUE}); keep it below RabbitMQ's consumer_timeout (30m by default), which would close the channel holding the skipped messages")
    String maxRunTime;
    @Option(names = "--allow-queue", split = ",",
            description = "also replay to these queues (always allowed: songnodes.bronze.tracks, songnodes.reenrich); an envelope whose original_queue is not allowed stays in the DLQ")
    List<String> allowQueues = new ArrayList<>();
    @Option(names = "--dry-run", description = "change nothing; print what would happen")
    boolean dryRun;
    @Option(names = "--rate", defaultValue = "0", description = "at most this many replays per second (0: no cap)")
    double rate;
    @Option(names = "--batch-size", defaultValue = "200", description = "moves per confirm and commit round trip (default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--confirm-timeout", defaultValue = "30s", description = "how long to wait for broker confirms (default: ${DEFAULT-VALUE})")
    String confirmTimeout;
    @Option(names = "--provider-limit", description = "requests/s a provider allows, for the time estimate, e.g. discogs=1 (repeatable)")
    Map<String, String> providerLimits = new LinkedHashMap<>();
    @Option(names = "--metrics-linger", defaultValue = "20s",
            description = "keep dlq_replay_total visible this long before and after the run, so that Prometheus scrapes the zero and the final count of a short run (default: ${DEFAULT-VALUE}; 0s to skip)")
    String metricsLinger;
    @Option(names = "--progress-every", defaultValue = "5s", description = "progress line interval (default: ${DEFAULT-VALUE})")
    String progressEvery;

    /** Parses {@code args}; returns null when help or the version was printed. */
    public static ReplayConfig parse(String[] args, Map<String, String> env, Clock clock) {
        ReplayCommand c = new ReplayCommand();
        CommandLine cl = new CommandLine(c);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage() + "\n" + cl.getUsageMessage(), e);
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(System.out);
            return null;
        }
        if (cl.isVersionHelpRequested()) {
            cl.printVersionHelp(System.out);
            return null;
        }
        return c.toConfig(env, clock);
    }

    ReplayConfig toConfig(Map<String, String> env, Clock clock) {
        Instant now = clock.instant();
        AmqpSettings amqp = AmqpSettings.resolve(amqpUri, "--amqp-uri", env);
        Set<String> types = new LinkedHashSet<>();
        for (String t : errorTypes) {
            try {
                types.add(ErrorType.fromWire(t).wireName());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--error-type: unknown '" + t + "', expected one of "
                        + Arrays.stream(ErrorType.values()).map(ErrorType::wireName).toList());
            }
        }
        Set<String> provs = new LinkedHashSet<>();
        for (String p : providers) {
            try {
                provs.add(ProviderName.of(p).id());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--provider: unknown '" + p + "', expected one of "
                        + Arrays.stream(ProviderName.values()).map(ProviderName::id).toList());
            }
        }
        ReplayFilter filter = new ReplayFilter(types, provs, Set.copyOf(fields), Set.copyOf(sources),
                pointInTime(olderThan, "--older-than", now), pointInTime(newerThan, "--newer-than", now), readIds());
        Instant stopAt = now.plus(duration(maxRunTime, "--max-run-time"));
        if (until != null) {
            Instant u = instant(until, "--until");
            if (u.isBefore(stopAt)) stopAt = u;
        }
        return new ReplayConfig(amqp, dlq, parking, filter, maxReplays, maxMessages == null ? Long.MAX_VALUE : maxMessages, stopAt,
                dryRun, rate, batchSize, duration(confirmTimeout, "--confirm-timeout"), ProviderLimits.withOverrides(providerLimits, "--provider-limit"),
                duration(progressEvery, "--progress-every"), "0".equals(metricsLinger.strip()) || "0s".equals(metricsLinger.strip())
                        ? Duration.ZERO : duration(metricsLinger, "--metrics-linger"), allowedQueues());
    }

    private Set<String> allowedQueues() {
        Set<String> out = new LinkedHashSet<>(ReplayConfig.DEFAULT_ALLOWED_QUEUES);
        for (String q : allowQueues) {
            String name = q.strip();
            if (name.isEmpty()) throw new IllegalArgumentException("--allow-queue: empty queue name");
            if (name.equals(dlq) || name.equals(parking)) throw new IllegalArgumentException("--allow-queue: '" + name + "' is the DLQ or the parking lot (would loop)");
            out.add(name);
        }
        return out;
    }

    private Set<String> readIds() {
        if (ids == null) return Set.of();
        try {
            Set<String> out = new LinkedHashSet<>();
            for (String line : Files.readAllLines(ids)) {
                String id = line.strip();
                if (!id.isEmpty() && !id.startsWith("#")) out.add(id);
            }
            if (out.isEmpty()) throw new IllegalArgumentException("--ids: " + ids + " lists no ids");
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("--ids: cannot read " + ids + ": " + e.getMessage());
        }
    }

    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    /** An ISO instant, or an age (now minus it). */
    static Instant pointInTime(String v, String option, Instant now) {
        if (v == null) return null;
        if (AGE.matcher(v.trim().toLowerCase(Locale.ROOT)).matches() || v.trim().toUpperCase(Locale.ROOT).startsWith("P")) {
            return now.minus(duration(v, option));
        }
        return instant(v, option);
    }

    static Instant instant(String v, String option) {
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + v + "' is not an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    /** 500ms, 30s, 25m, 2h, 7d, or ISO-8601 (PT2H, P1D). */
    static Duration duration(String v, String option) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        Matcher m = AGE.matcher(s);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(v.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + ": '" + v + "' is not a duration such as 30s, 25m, 2h, 7d or PT2H");
            }
        }
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(option + ": must be positive");
        return d;
    }
}
