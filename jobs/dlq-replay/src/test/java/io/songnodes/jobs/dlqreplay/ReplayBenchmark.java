package io.songnodes.jobs.dlqreplay;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import io.songnodes.jobs.dlqreplay.flink.DlqReplaySource;
import io.songnodes.jobs.dlqreplay.flink.ReplayAuditLog;
import io.songnodes.jobs.dlqreplay.replay.ReplayConfig;
import io.songnodes.jobs.dlqreplay.replay.ReplayStatus;
import io.songnodes.jobs.dlqreplay.replay.ReplayTally;
import io.songnodes.testing.TestRabbit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Replay throughput on a local Flink environment against the real broker: a capped run (is the cap respected, measured
 * by an independent consumer on the original queue) and an uncapped run (msg/s). Prints numbers; asserts nothing.
 * Usage: ReplayBenchmark [capped messages=600] [rate=50] [uncapped messages=20000]
 */
public final class ReplayBenchmark {
    public static void main(String[] args) throws Exception {
        int cappedN = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 50;
        int uncappedN = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        System.out.printf(Locale.ROOT, "cores: %d%n", Runtime.getRuntime().availableProcessors());
        run(cappedN, rate);
        run(uncappedN, 0);
    }

    private static void run(int n, double rate) throws Exception {
        try (TestRabbit rabbit = new TestRabbit(); Connection c = TestRabbit.factory().newConnection("bench-consumer")) {
            DlqFixture f = new DlqFixture(rabbit);
            f.seed(n);
            List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
            Channel ch = c.createChannel();
            DeliverCallback onDeliver = (tag, d) -> arrivals.add(System.nanoTime());
            ch.basicConsume(f.bronze, true, onDeliver, tag -> {});
            List<String> argv = new ArrayList<>(List.of("--amqp-uri", TestRabbit.uri(), "--dlq", f.dlq, "--parking", f.parking, "--allow-queue", f.bronze, "--progress-every", "2s",
                    "--metrics-linger", "0s"));
            if (rate > 0) argv.addAll(List.of("--rate", String.valueOf(rate)));
            ReplayConfig cfg = ReplayCommand.parse(argv.toArray(String[]::new), Map.of(), Clock.systemUTC());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, DlqReplayJob.jobConfiguration());
            new DlqReplayJob(new DlqReplaySource(cfg), new ReplayAuditLog()).build(env);
            long t0 = System.nanoTime();
            JobExecutionResult result = env.execute("dlq-replay-benchmark");
            long jobNanos = System.nanoTime() - t0;
            ReplayTally t = result.getAccumulatorResult(DlqReplaySource.ACCUMULATOR);
            long replayed = t.count(ReplayStatus.REPLAYED);
            DlqFixture.await("all replays to arrive", java.time.Duration.ofSeconds(60), () -> arrivals.size() >= replayed);
            List<Long> times = new ArrayList<>(arrivals);
            Collections.sort(times);
            double span = (times.get(times.size() - 1) - times.get(0)) / 1e9;
            int maxWindow = 0;
            for (int i = 0, j = 0; i < times.size(); i++) {
                while (j < times.size() && times.get(j) - times.get(i) < 1_000_000_000L) j++;
                maxWindow = Math.max(maxWindow, j - i);
            }
            Map<Long, Integer> perSecond = new TreeMap<>();
            for (long x : times) perSecond.merge((x - times.get(0)) / 1_000_000_000L, 1, Integer::sum);
            System.out.printf(Locale.ROOT, "%s: %d examined, %d replayed, %d parked; job wall time %.2fs (incl. start-up)%n",
                    rate > 0 ? "rate cap " + rate + "/s" : "no cap", t.examined(), replayed, t.count(ReplayStatus.PARKED), jobNanos / 1e9);
            System.out.printf(Locale.ROOT, "  replays seen on the original queue: %d over %.2fs = %.1f msg/s; max in any 1 s window: %d%n",
                    times.size(), span, (times.size() - 1) / Math.max(span, 1e-9), maxWindow);
            if (rate > 0) System.out.println("  per second since the first replay: " + perSecond.values());
        }
    }
}
