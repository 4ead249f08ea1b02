package io.songnodes.jobs.dlqreplay.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import io.songnodes.jobs.dlqreplay.DlqFixture;
import io.songnodes.jobs.dlqreplay.DlqFixture.Stored;
import io.songnodes.jobs.dlqreplay.ReplayCommand;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.testing.TestRabbit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The replay engine against the real broker: what moves where, what stays, and what a kill at each step leaves behind. */
class DlqReplayerITCase {

    static ReplayConfig config(DlqFixture f, String... extra) {
        List<String> args = new ArrayList<>(List.of("--amqp-uri", TestRabbit.uri(), "--dlq", f.dlq, "--parking", f.parking));
        if (!List.of(extra).contains("--allow-queue")) args.addAll(List.of("--allow-queue", f.bronze));
        args.addAll(List.of(extra));
        return ReplayCommand.parse(args.toArray(String[]::new), Map.of(), Clock.systemUTC());
    }

    static ReplayTally runToEnd(ReplayConfig cfg) throws Exception {
        ReplayTally t = new ReplayTally();
        try (DlqReplayer r = new DlqReplayer(cfg, Clock.systemUTC())) {
            t.depthAtStart(r.open());
            while (r.step(t::add)) {
                // each step moves one batch
            }
            t.stopReason(r.stopReason());
        }
        return t;
    }

    @Test
    void replaysMatchingWithNewCountAndHeadersParksAtLimitAndLeavesTheRest() throws Exception {
        try (TestRabbit rabbit = new TestRabbit()) {
            DlqFixture f = new DlqFixture(rabbit);
            List<DeadLetter> seeded = f.seed(140);
            List<Stored> before = f.browse(f.dlq);
            ReplayTally t = runToEnd(config(f, "--error-type", "provider_transient", "--provider", "spotify,deezer", "--batch-size", "7"));

            List<DeadLetter> matching = seeded.stream().filter(d -> d.errorType().wireName().equals("provider_transient")
                    && ("spotify".equals(d.provider()) || "deezer".equals(d.provider()))).toList();
            Set<String> toPark = matching.stream().filter(d -> d.replayCount() >= 3).map(DeadLetter::id).collect(Collectors.toSet());
            Map<String, DeadLetter> toReplay = matching.stream().filter(d -> d.replayCount() < 3).collect(Collectors.toMap(DeadLetter::id, d -> d));
            assertThat(toPark).isNotEmpty();
            assertThat(toReplay).isNotEmpty();

            List<Stored> replayed = f.drain(f.bronze);
            assertThat(replayed).hasSize(toReplay.size());
            for (Stored s : replayed) {
                DeadLetter d = s.envelope();
                DeadLetter was = toReplay.get(d.id());
                assertThat(d).isEqualTo(was.replayed());
                assertThat(s.props().getHeaders().get(DeadLetter.H_REPLAY_COUNT)).isEqualTo(was.replayCount() + 1);
                assertThat(s.props().getHeaders().get(DeadLetter.H_SOURCE).toString()).isIn(DlqFixture.SOURCES);
                assertThat(s.props().getCorrelationId()).isEqualTo(d.id() + "-r" + (was.replayCount() + 1));
                assertThat(s.props().getMessageId()).isEqualTo(d.id());
                assertThat(s.props().getDeliveryMode()).isEqualTo(2);
                assertThat(s.props().getTimestamp()).isNotNull();
            }
            List<Stored> parked = f.drain(f.parking);
            assertThat(parked).extracting(s -> s.envelope().id()).containsExactlyInAnyOrderElementsOf(toPark);
            Map<String, Stored> beforeById = before.stream().collect(Collectors.toMap(s -> s.envelope().id(), s -> s));
            for (Stored p : parked) {
                assertThat(p.body()).isEqualTo(beforeById.get(p.envelope().id()).body());
                assertThat(p.props().getHeaders()).containsKey(EnvelopeProperties.H_PARKED_AT);
                assertThat(p.props().getTimestamp()).isNotNull();
            }
            List<Stored> left = f.browse(f.dlq);
            Set<String> moved = new HashSet<>(toPark);
            moved.addAll(toReplay.keySet());
            assertThat(left.stream().map(Stored::key).toList())
                    .containsExactlyElementsOf(before.stream().filter(s -> !moved.contains(s.envelope().id())).map(Stored::key).toList());
            assertThat(t.count(ReplayStatus.REPLAYED)).isEqualTo(toReplay.size());
            assertThat(t.count(ReplayStatus.PARKED)).isEqualTo(toPark.size());
            assertThat(t.count(ReplayStatus.SKIPPED)).isEqualTo(140 - matching.size());
            assertThat(t.examined()).isEqualTo(140);
        }
    }

    @Test
    void failuresArrivingDuringTheRunAreLeftForTheNextRun() throws Exception {
        try (TestRabbit rabbit = new TestRabbit()) {
            DlqFixture f = new DlqFixture(rabbit);
            f.seed(50);
            ReplayTally t = new ReplayTally();
            try (DlqReplayer r = new DlqReplayer(config(f, "--batch-size", "10"), Clock.systemUTC())) {
                assertThat(r.open()).isEqualTo(50);
                assertThat(r.step(t::add)).isTrue();
                List<String> late = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    DeadLetter d = f.envelope(1000 + i);
                    late.add(d.id());
                    rabbit.channel().basicPublish("", f.dlq, EnvelopeProperties.forDeadLetter(d, "mixesdb", Instant.now()), Json.writeBytes(d));
                }
                rabbit.channel().waitForConfirmsOrDie(10_000);
                while (r.step(t::add)) {
                    // drain the rest
                }
                assertThat(r.stopReason()).contains("examined all 50");
                r.close();
                assertThat(f.browse(f.dlq)).extracting(s -> s.envelope().id()).containsExactlyElementsOf(late);
            }
            assertThat(t.examined()).isEqualTo(50);
            assertThat(rabbit.depth(f.bronze) + rabbit.depth(f.parking)).isEqualTo(50);
        }
    }

    @Test
    void unmovableMessagesStayInTheDlqUntouched() throws Exception {
        try (TestRabbit rabbit = new TestRabbit()) {
            DlqFixture f = new DlqFixture(rabbit);
            DeadLetter good = f.envelope(1);
            DeadLetter ok = new DeadLetter(good.id(), good.errorType(), good.reason(), good.provider(), good.field(), good.job(), 1, 0,
                    good.firstFailedAt(), good.lastFailedAt(), f.bronze, good.payload());
            DeadLetter missingQueue = new DeadLetter("m1", good.errorType(), "r", null, null, "j", 1, 0, good.firstFailedAt(),
                    good.lastFailedAt(), rabbit.prefix() + "no.such.queue", "x");
            DeadLetter loop = new DeadLetter("m2", good.errorType(), "r", null, null, "j", 1, 0, good.firstFailedAt(),
                    good.lastFailedAt(), f.dlq, "x");
            // original_queue comes from the body: an existing queue that is not allowed is never a target
            DeadLetter elsewhere = new DeadLetter("m3", good.errorType(), "r", null, null, "j", 1, 0, good.firstFailedAt(),
                    good.lastFailedAt(), rabbit.queue("elsewhere"), "x");
            var ch = rabbit.channel();
            for (DeadLetter d : List.of(missingQueue, ok, loop, elsewhere)) {
                ch.basicPublish("", f.dlq, EnvelopeProperties.forDeadLetter(d, null, Instant.now()), Json.writeBytes(d));
            }
            AMQP.BasicProperties garbageProps = new AMQP.BasicProperties.Builder().timestamp(new java.util.Date())
                    .headers(Map.of(DeadLetter.H_ERROR_TYPE, "provider_transient")).build();
            ch.basicPublish("", f.dlq, garbageProps, "not json {".getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(10_000);
            List<Stored> before = f.browse(f.dlq);

            ReplayTally t = runToEnd(config(f, "--allow-queue", f.bronze + "," + missingQueue.originalQueue()));

            assertThat(t.count(ReplayStatus.REPLAYED)).isEqualTo(1);
            assertThat(t.count(ReplayStatus.ERROR)).isEqualTo(4);
            assertThat(t.errors().keySet()).anyMatch(k -> k.contains("does not exist")).anyMatch(k -> k.contains("would loop"))
                    .anyMatch(k -> k.contains("not a dead-letter envelope")).anyMatch(k -> k.contains("not an allowed replay target"));
            assertThat(f.browse(f.dlq).stream().map(Stored::key).toList())
                    .containsExactlyElementsOf(Stream.of(before.get(0), before.get(2), before.get(3), before.get(4)).map(Stored::key).toList());
            assertThat(f.drain(f.bronze)).extracting(s -> s.envelope().id()).containsExactly(ok.id());
        }
    }

    @Test
    void aMissingParkingLotLeavesTheMessageInTheDlq() throws Exception {
        try (TestRabbit rabbit = new TestRabbit()) {
            DlqFixture f = new DlqFixture(rabbit);
            List<DeadLetter> seeded = f.seed(23);
            long atLimit = seeded.stream().filter(d -> d.replayCount() >= 3).count();
            assertThat(atLimit).isEqualTo(3);
            ReplayTally t = new ReplayTally();
            try (DlqReplayer r = new DlqReplayer(config(f), Clock.systemUTC())) {
                t.depthAtStart(r.open());
                // the lot is deleted after the start-up check: a non-mandatory publish would drop the message and ack it
                rabbit.channel().queueDelete(f.parking);
                while (r.step(t::add)) {
                    // to the end
                }
            }
            assertThat(t.count(ReplayStatus.PARKED)).isZero();
            assertThat(t.count(ReplayStatus.REPLAYED)).isEqualTo(23 - atLimit);
            assertThat(t.count(ReplayStatus.ERROR)).isEqualTo(atLimit);
            assertThat(t.errors().keySet()).allMatch(k -> k.contains("parking lot"));
            assertThat(f.browse(f.dlq)).extracting(st -> st.envelope().id())
                    .containsExactlyInAnyOrderElementsOf(seeded.stream().filter(d -> d.replayCount() >= 3).map(DeadLetter::id).toList());
        }
    }

    @Test
    void oneNackFailsOnlyItsOwnMessageNotTheBatch() throws Exception {
        try (TestRabbit rabbit = new TestRabbit()) {
            DlqFixture f = new DlqFixture(rabbit);
            // the broker nacks publishes past two messages in this queue
            String limited = rabbit.adopt(rabbit.prefix() + "limited");
            rabbit.channel().queueDeclare(limited, true, false, false, Map.of("x-max-length", 2, "x-overflow", "reject-publish"));
            var ch = rabbit.channel();
            List<String> toLimited = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                DeadLetter base = f.envelope(3 * i + 1);
                String queue = i % 2 == 0 ? limited : f.bronze;
                DeadLetter d = new DeadLetter("nack-" + i, base.errorType(), base.reason(), base.provider(), base.field(), base.job(), 1, 0,
                        base.firstFailedAt(), base.lastFailedAt(), queue, base.payload());
                if (queue.equals(limited)) toLimited.add(d.id());
                ch.basicPublish("", f.dlq, EnvelopeProperties.forDeadLetter(d, null, Instant.now()), Json.writeBytes(d));
            }
            ch.waitForConfirmsOrDie(10_000);

            ReplayTally t = runToEnd(config(f, "--allow-queue", f.bronze + "," + limited));

            assertThat(t.count(ReplayStatus.REPLAYED)).isEqualTo(7);
            assertThat(t.count(ReplayStatus.ERROR)).isEqualTo(3);
            assertThat(t.errors().keySet()).singleElement().asString().contains("nacked");
            assertThat(rabbit.depth(f.bronze)).isEqualTo(5);
            assertThat(rabbit.depth(limited)).isEqualTo(2);
            assertThat(f.browse(f.dlq)).hasSize(3).allSatisfy(st -> assertThat(toLimited).contains(st.envelope().id()));
        }
    }

    @Test
    void idsFileAndMaxMessagesBoundTheRun(@TempDir Path dir) throws Exception {
        try (TestRabbit rabbit = new TestRabbit()) {
            DlqFixture f = new DlqFixture(rabbit);
            List<DeadLetter> seeded = f.seed(40);
            List<String> wanted = List.of(seeded.get(1).id(), seeded.get(5).id(), seeded.get(7).id(), seeded.get(11).id());
            Path ids = Files.writeString(dir.resolve("ids.txt"), "# ids to replay\n" + String.join("\n", wanted) + "\n");

            ReplayTally t = runToEnd(config(f, "--ids", ids.toString(), "--max-messages", "3", "--batch-size", "2"));

            assertThat(t.count(ReplayStatus.REPLAYED) + t.count(ReplayStatus.PARKED)).isEqualTo(3);
            assertThat(t.stopReason()).contains("--max-messages");
            Set<String> movedIds = new HashSet<>();
            f.drain(f.bronze).forEach(s -> movedIds.add(s.envelope().id()));
            f.drain(f.parking).forEach(s -> movedIds.add(s.envelope().id()));
            assertThat(movedIds).hasSize(3).isSubsetOf(wanted);
            assertThat(rabbit.depth(f.dlq)).isEqualTo(37);
        }
    }

    @Test
    void aDryRunNeverOpensATransactionAndMovesNothing() throws Exception {
        try (TestRabbit rabbit = new TestRabbit()) {
            DlqFixture f = new DlqFixture(rabbit);
            f.seed(30);
            List<Stored> before = f.browse(f.dlq);
            ReplayTally t = runToEnd(config(f, "--dry-run", "--error-type", "provider_transient"));
            assertThat(t.count(ReplayStatus.REPLAYED) + t.count(ReplayStatus.PARKED)).isPositive();
            assertThat(f.browse(f.dlq).stream().map(Stored::key).toList()).containsExactlyElementsOf(before.stream().map(Stored::key).toList());
            assertThat(rabbit.depth(f.bronze)).isZero();
            assertThat(rabbit.depth(f.parking)).isZero();
        }
    }

    @Test
    void missingQueuesFailFastNamingTheOption() {
        try (TestRabbit rabbit = new TestRabbit()) {
            DlqFixture f = new DlqFixture(rabbit);
            ReplayConfig cfg = ReplayCommand.parse(new String[] {"--amqp-uri", TestRabbit.uri(), "--dlq", f.dlq, "--parking", rabbit.prefix() + "absent"},
                    Map.of(), Clock.systemUTC());
            assertThatThrownBy(() -> runToEnd(cfg)).hasMessageContaining("--parking").hasMessageContaining("does not exist");
        }
    }

    /** A kill at any step, then a second run to the end: each envelope is in exactly one queue; copies only in the original queue. */
    @ParameterizedTest
    @EnumSource(DlqReplayer.Stage.class)
    void aKillAtAnyStepLosesNothingAndDuplicatesOnlyIntoTheOriginalQueue(DlqReplayer.Stage stage) throws Exception {
        try (TestRabbit rabbit = new TestRabbit()) {
            DlqFixture f = new DlqFixture(rabbit);
            List<DeadLetter> seeded = f.seed(100);
            ReplayConfig cfg = config(f, "--batch-size", "20");
            int[] seen = {0};
            try (DlqReplayer r = new DlqReplayer(cfg, Clock.systemUTC())) {
                r.crashHook(s -> {
                    // the second batch dies at this stage: the first is committed, the second half-done
                    if (s == stage && ++seen[0] == (stage == DlqReplayer.Stage.AFTER_GET ? 30 : 2)) throw new IllegalStateException("killed at " + s);
                });
                r.open();
                assertThatThrownBy(() -> {
                    while (r.step(o -> {})) {
                        // until killed
                    }
                }).hasMessageContaining("killed");
                r.abort();
            }
            runToEnd(cfg);

            assertThat(rabbit.depth(f.dlq)).isZero();
            Map<String, Integer> inBronze = DlqFixture.idCounts(f.drain(f.bronze));
            Map<String, Integer> inParking = DlqFixture.idCounts(f.drain(f.parking));
            Map<String, Integer> duplicates = new HashMap<>();
            for (DeadLetter d : seeded) {
                boolean parked = d.replayCount() >= 3;
                if (parked) {
                    assertThat(inParking.get(d.id())).as("parked once: " + d.id()).isEqualTo(1);
                    assertThat(inBronze).doesNotContainKey(d.id());
                } else {
                    assertThat(inBronze.get(d.id())).as("replayed: " + d.id()).isNotNull();
                    assertThat(inParking).doesNotContainKey(d.id());
                    if (inBronze.get(d.id()) > 1) duplicates.put(d.id(), inBronze.get(d.id()));
                }
            }
            assertThat(inBronze.size() + inParking.size()).isEqualTo(100);
            switch (stage) {
                // nothing of the killed batch was published, or all of it was committed
                case AFTER_GET, AFTER_COMMIT -> assertThat(duplicates).isEmpty();
                // confirmed but not acked: the killed batch's replays are in the original queue twice, same id and count
                case AFTER_REPLAY_CONFIRM, BEFORE_COMMIT -> assertThat(duplicates).isNotEmpty().allSatisfy((id, n) -> assertThat(n).isEqualTo(2));
                // published, not yet confirmed: the broker may or may not have taken them
                case AFTER_REPLAY_PUBLISH -> assertThat(duplicates.values()).allSatisfy(n -> assertThat(n).isEqualTo(2));
            }
        }
    }
}
