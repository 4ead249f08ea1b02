package io.songnodes.flink;

import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Serializer registrations every job applies before building its graph. */
public final class Serialization {
    private Serialization() {}

    /**
     * Flink falls back to Kryo 2.24 for types that are not POJOs, and that Kryo cannot construct Java
     * records. Our contract records are all {@link java.io.Serializable}, so records go through Java
     * serialization; everything else keeps Flink's defaults.
     */
    @SuppressWarnings({"deprecation", "unchecked"})
    public static void configure(StreamExecutionEnvironment env) {
        // JavaSerializer is a raw Serializer type, hence the cast
        env.getConfig().addDefaultKryoSerializer(Record.class, (Class<? extends Serializer<?>>) (Class<?>) JavaSerializer.class);
    }
}
