package io.songnodes.tools.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Queue depth and rates from the RabbitMQ management API. */
final class RabbitQueues {
    private final URI base;
    private final String authorization;
    private final String vhost;

    RabbitQueues(URI base, String authorization, String vhost) {
        this.base = base;
        this.authorization = authorization;
        this.vhost = vhost;
    }

    /** Throws when the management API does not answer. */
    void ping() throws JsonHttp.Failure { JsonHttp.json(base.resolve("/api/overview"), authorization); }

    OpsSnapshot.Queue queue(String role, String name) throws JsonHttp.Failure {
        URI uri = base.resolve("/api/queues/" + enc(vhost) + "/" + enc(name));
        JsonNode q;
        try {
            q = JsonHttp.json(uri, authorization);
        } catch (JsonHttp.Failure e) {
            if (e.status == 404) return new OpsSnapshot.Queue(role, name, false, null, null, null, null);
            throw e;
        }
        JsonNode stats = q.path("message_stats");
        return new OpsSnapshot.Queue(role, name, true, q.path("messages").asLong(), q.path("consumers").asLong(),
                rate(stats, "publish_details"), Math.max(rate(stats, "deliver_get_details"), rate(stats, "ack_details")));
    }

    private static double rate(JsonNode stats, String field) { return stats.path(field).path("rate").asDouble(0); }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }
}
