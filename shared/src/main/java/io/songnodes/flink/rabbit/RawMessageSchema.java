package io.songnodes.flink.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import io.songnodes.bronze.RawBody;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.connectors.rabbitmq.RMQDeserializationSchema;

/**
 * Passes each message body on as text, unparsed, so a malformed one can still be dead-lettered as it came;
 * a body that is not valid UTF-8 passes on marked, with its bytes (see {@link RawBody}).
 * RMQSource with correlation ids fails the job on a message without one; a poison message would then
 * restart the job forever, so such messages are identified by a hash of their body instead.
 */
public final class RawMessageSchema implements RMQDeserializationSchema<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(Envelope envelope, AMQP.BasicProperties properties, byte[] body, RMQCollector<String> collector) throws java.io.IOException {
        String id = properties.getCorrelationId();
        if (id == null || id.isBlank()) id = "sha256:" + sha256(body);
        // the id is kept in the source's checkpointed state until the ack: an oversized one is replaced by its hash
        else if (id.length() > 256) id = "sha256:" + sha256(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (collector.setMessageIdentifiers(id, envelope.getDeliveryTag())) {
            // never new String(body, UTF_8): it would replace bad bytes silently
            collector.collect(RawBody.of(body));
        }
    }

    @Override public boolean isEndOfStream(String next) { return false; }

    @Override public TypeInformation<String> getProducedType() { return Types.STRING; }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
