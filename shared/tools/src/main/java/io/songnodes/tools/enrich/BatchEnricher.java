package io.songnodes.tools.enrich;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.Validation;
import io.songnodes.enrich.waterfall.EnrichmentResult;
import io.songnodes.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Enriches bronze JSON lines into silver JSON lines, one silver record per valid input line, in input order.
 * A line that is not a valid bronze record, or whose enrichment throws, is reported on the error stream with
 * its line number and counted; blank lines carry no record and are skipped. Tracks are enriched on
 * {@code threads} threads (the global limiter, not the thread count, bounds the provider calls).
 */
public final class BatchEnricher {
    /** What a run did with its input lines. */
    public record Counts(long lines, long written, long invalid, long failed) {}

    /** Lines read ahead per round: enough to keep every thread busy, bounded so a huge file is never held in memory. */
    private static final int CHUNK_PER_THREAD = 32;

    private final Function<BronzeMessage, EnrichmentResult> enrich;
    private final int threads;

    public BatchEnricher(Function<BronzeMessage, EnrichmentResult> enrich, int threads) {
        if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        this.enrich = enrich;
        this.threads = threads;
    }

    private record Pending(long lineNo, Future<EnrichmentResult> result) {}

    public Counts run(BufferedReader in, Writer out, PrintWriter err) throws IOException, InterruptedException {
        long lines = 0, written = 0, invalid = 0, failed = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "enrich");
            t.setDaemon(true);
            return t;
        });
        try {
            boolean eof = false;
            while (!eof) {
                List<Pending> chunk = new ArrayList<>();
                while (chunk.size() < threads * CHUNK_PER_THREAD) {
                    String line = in.readLine();
                    if (line == null) {
                        eof = true;
                        break;
                    }
                    lines++;
                    if (line.isBlank()) continue;
                    Validation v = BronzeValidator.validate(line);
                    if (!v.isValid()) {
                        invalid++;
                        err.println("line " + lines + ": invalid bronze record: " + v.reason());
                        continue;
                    }
                    BronzeMessage m = v.message();
                    chunk.add(new Pending(lines, pool.submit(() -> enrich.apply(m))));
                }
                for (Pending p : chunk) {
                    try {
                        out.write(Json.write(p.result().get().silver()));
                        out.write('\n');
                        written++;
                    } catch (ExecutionException e) {
                        failed++;
                        err.println("line " + p.lineNo() + ": enrichment failed: " + e.getCause());
                    }
                }
                out.flush();
                err.flush();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Counts(lines, written, invalid, failed);
    }
}
