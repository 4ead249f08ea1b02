package io.songnodes.enrich.resilience;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The timers that end rate-limit waits and retry backoffs: a scheduled task instead of a sleeping thread. */
public final class Timers {
    private static volatile ScheduledExecutorService shared;

    private Timers() {}

    /**
     * A new timer with {@code threads} daemon threads; cancelled tasks leave its queue at once (a cancelled track's
     * waits must not pile up). Its tasks are short (a Redis script, handing a request to the HttpClient).
     */
    public static ScheduledExecutorService create(String name, int threads) {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread th = new Thread(r, name);
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** One process-wide timer for limiters built without one (tools and tests); never shut down. */
    public static ScheduledExecutorService shared() {
        ScheduledExecutorService s = shared;
        if (s == null) {
            synchronized (Timers.class) {
                if (shared == null) shared = create("songnodes-timer", 1);
                s = shared;
            }
        }
        return s;
    }
}
