package io.songnodes.tools.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The Flink REST API's job overview and checkpoint statistics. */
final class FlinkRest {
    private final URI base;

    FlinkRest(URI base) { this.base = base; }

    List<OpsSnapshot.Job> jobs(long nowMillis) throws JsonHttp.Failure {
        JsonNode overview = JsonHttp.json(base.resolve("/jobs/overview"), null);
        List<OpsSnapshot.Job> out = new ArrayList<>();
        for (JsonNode j : overview.path("jobs")) {
            String id = j.path("jid").asText();
            String state = j.path("state").asText();
            long start = j.path("start-time").asLong(-1);
            long duration = j.path("duration").asLong(-1);
            Long uptime = "RUNNING".equals(state) && start > 0 ? Math.max(0, nowMillis - start) : duration >= 0 ? duration : null;
            Long lastCheckpointAt = null;
            Long completed = null;
            Long failed = null;
            try {
                JsonNode cp = JsonHttp.json(base.resolve("/jobs/" + id + "/checkpoints"), null);
                JsonNode latest = cp.path("latest").path("completed");
                if (latest.isObject()) lastCheckpointAt = latest.path("latest_ack_timestamp").asLong();
                completed = cp.path("counts").path("completed").asLong();
                failed = cp.path("counts").path("failed").asLong();
            } catch (JsonHttp.Failure e) {
                // a finished or batch job may have no checkpoint statistics
            }
            out.add(new OpsSnapshot.Job(id, j.path("name").asText(), state, uptime, lastCheckpointAt,
                    lastCheckpointAt == null ? null : Math.max(0, nowMillis - lastCheckpointAt), completed, failed));
        }
        return out;
    }
}
