package io.songnodes.flink.rabbit;

import io.songnodes.flink.types.TypeFactories;
import java.io.Serializable;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One message to publish: to a queue through the default exchange ({@code exchange} empty), or to an
 * exchange. {@code messageId} and {@code correlationId} let consumers dedupe at-least-once redeliveries.
 */
public record Outbound(String exchange, String routingKey, String body, @TypeInfo(TypeFactories.ValueMap.class) Map<String, Object> headers,
                       String messageId, String correlationId) implements Serializable {
    public static Outbound toQueue(String queue, String body, Map<String, Object> headers, String id) {
        return new Outbound("", queue, body, headers, id, id);
    }
}
