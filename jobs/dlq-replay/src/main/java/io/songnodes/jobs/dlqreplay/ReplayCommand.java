package io.songnodes.jobs.dlqreplay;

import io.songnodes.amqp.AmqpSettings;
import io.songnodes.config.ConfigException;
import io.songnodes.config.Durations;
import io.songnodes.config.JobCli;
import io.songnodes.config.Options;
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
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The command line of dlq-replay; {@link #parse} validates it once and fails naming the offending option. */
public final class ReplayCommand {
    /** What {@code --help} prints; a test checks it lists exactly the options {@link #parse} reads. */
    public static final String USAGE = """
              --amqp-uri URI                amqp://user@host:5672/vhost (default: $SONGNODES_AMQP_URI; password from the URI or $SONGNODES_AMQP_PASSWORD)
              --dlq Q                       DLQ to drain (default: songnodes.dlq)
              --parking Q                   parking lot (default: songnodes.dlq.parking)
              --error-type T,...            only these error types (x-error-type)
              --provider P,...              only these providers (x-provider)
              --field F,...                 only these fields (x-field)
              --source S,...                only these bronze sources (x-source)
              --older-than WHEN             only failures before this: an ISO instant, or an age such as 30m, 2h, 7d
              --newer-than WHEN             only failures after this: an ISO instant, or an age such as 30m, 2h, 7d
              --ids FILE                    only the envelope ids listed in this file, one per line
              --max-replays N               a matching message replayed this often goes to parking (default: 3)
              --max-messages N              stop after replaying or parking this many
              --until INSTANT               stop at this ISO instant
              --max-run-time DURATION       stop after this long (default: 25m); keep it below RabbitMQ's consumer_timeout (30m)
              --allow-queue Q,...           also replay to these queues (always: songnodes.bronze.tracks, songnodes.reenrich);
                                            an envelope whose original_queue is not allowed stays in the DLQ
              --dry-run                     change nothing; print what would happen
              --rate N                      at most this many replays per second (default: 0, no cap)
              --batch-size N                moves per confirm and commit round trip (default: 200)
              --confirm-timeout DURATION    how long to wait for broker confirms (default: 30s)
              --provider-limit P=R,...      requests/s a provider allows, for the time estimate, e.g. discogs=1
              --metrics-linger DURATION     keep dlq_replay_total visible this long before and after the run (default: 20s; 0s to skip)
              --progress-every DURATION     progress line interval (default: 5s)
              --help                        print this and exit
            Durations: 500ms, 2s, 10m, 2h, 30d or ISO-8601 (PT2H).
            """;

    private ReplayCommand() {}

    /** Parses {@code args}; returns null when {@code --help} was given (the usage is printed). */
    public static ReplayConfig parse(String[] args, Map<String, String> env, Clock clock) {
        Options o = Options.parse(args, env);
        if (o.helpRequested()) {
            System.out.println("usage: dlq-replay [options]");
            System.out.print(USAGE);
            return null;
        }
        ReplayConfig c = parse(o, env, clock);
        o.rejectUnknown();
        return c;
    }

    /** For {@code main}: {@code --help} prints {@link #USAGE}; a bad option prints one line and exits 2. */
    public static ReplayConfig parseOrExit(String[] args, Clock clock) {
        return JobCli.parseOrExit("dlq-replay", USAGE, args, o -> parse(o, System.getenv(), clock));
    }

    static ReplayConfig parse(Options o, Map<String, String> env, Clock clock) {
        Instant now = clock.instant();
        AmqpSettings amqp = AmqpSettings.resolve(o.string("amqp-uri", null), "--amqp-uri", env);
        String dlq = o.string("dlq", "songnodes.dlq");
        String parking = o.string("parking", "songnodes.dlq.parking");
        Set<String> types = new LinkedHashSet<>();
        for (String t : o.list("error-type")) {
            try {
                types.add(ErrorType.fromWire(t).wireName());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--error-type", "unknown '" + t + "', expected one of "
                        + Arrays.stream(ErrorType.values()).map(ErrorType::wireName).toList());
            }
        }
        Set<String> provs = new LinkedHashSet<>();
        for (String p : o.list("provider")) {
            try {
                provs.add(ProviderName.of(p).id());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--provider", "unknown '" + p + "', expected one of "
                        + Arrays.stream(ProviderName.values()).map(ProviderName::id).toList());
            }
        }
        ReplayFilter filter = new ReplayFilter(types, provs, Set.copyOf(o.list("field")), Set.copyOf(o.list("source")),
                pointInTime(o.string("older-than", null), "--older-than", now), pointInTime(o.string("newer-than", null), "--newer-than", now),
                readIds(o.string("ids", null)));
        int maxReplays = o.integer("max-replays", 3, 0, Integer.MAX_VALUE);
        long maxMessages = o.longValue("max-messages", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        Instant stopAt = now.plus(positive(o.duration("max-run-time", Duration.ofMinutes(25)), "--max-run-time"));
        String until = o.string("until", null);
        if (until != null) {
            Instant u = instant(until, "--until");
            if (u.isBefore(stopAt)) stopAt = u;
        }
        boolean dryRun = o.flag("dry-run");
        double rate = o.decimal("rate", 0, 0, Double.MAX_VALUE);
        int batchSize = o.integer("batch-size", 200, 1, 10_000);
        Duration confirmTimeout = positive(o.duration("confirm-timeout", Duration.ofSeconds(30)), "--confirm-timeout");
        ProviderLimits limits = ProviderLimits.withOverrides(o.pairs("provider-limit"), "--provider-limit");
        Duration progressEvery = positive(o.duration("progress-every", Duration.ofSeconds(5)), "--progress-every");
        String linger = o.string("metrics-linger", "20s").strip();
        Duration metricsLinger = "0".equals(linger) ? Duration.ZERO : o.duration("metrics-linger", Duration.ofSeconds(20));
        return new ReplayConfig(amqp, dlq, parking, filter, maxReplays, maxMessages, stopAt, dryRun, rate, batchSize, confirmTimeout,
                limits, progressEvery, metricsLinger, allowedQueues(o.list("allow-queue"), dlq, parking));
    }

    /** original_queue comes from the message body, so replays go only to the project's queues and those named here. */
    private static Set<String> allowedQueues(java.util.List<String> extra, String dlq, String parking) {
        Set<String> out = new LinkedHashSet<>(ReplayConfig.DEFAULT_ALLOWED_QUEUES);
        for (String q : extra) {
            String name = q.strip();
            if (name.isEmpty()) throw new ConfigException("--allow-queue", "empty queue name");
            if (name.equals(dlq) || name.equals(parking)) throw new ConfigException("--allow-queue", "'" + name + "' is the DLQ or the parking lot (would loop)");
            out.add(name);
        }
        return out;
    }

    private static Duration positive(Duration d, String option) {
        if (d.isNegative() || d.isZero()) throw new ConfigException(option, "must be positive");
        return d;
    }

    private static Set<String> readIds(String file) {
        if (file == null) return Set.of();
        Path ids = Path.of(file);
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

    /** An ISO instant, or an age (now minus it). */
    static Instant pointInTime(String v, String option, Instant now) {
        if (v == null) return null;
        try {
            return now.minus(positive(Durations.parse(v), option));
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException notADuration) {
            return instant(v, option);
        }
    }

    static Instant instant(String v, String option) {
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigException(option, "'" + v + "' is neither an age such as 2h nor an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
