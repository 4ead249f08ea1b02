package io.songnodes.flink;

import com.esotericsoftware.kryo.Serializer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.java.typeutils.runtime.kryo.JavaSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Serializer registrations every job applies before building its graph. */
public final class Serialization {
    private Serialization() {}

    /**
     * Flink falls back to Kryo 2.24 for types that are not POJOs, and that Kryo cannot construct Java
     * records. Our contract records are all {@link java.io.Serializable}, so records go through Java
     * serialization; everything else keeps Flink's defaults. Flink's own JavaSerializer, not Kryo's: on a
     * cluster the job's classes live in the user-code class loader, which only Flink's variant resolves
     * against (Kryo's fails with ClassNotFoundException on the TaskManager).
     */
    @SuppressWarnings({"deprecation", "unchecked"})
    public static void configure(StreamExecutionEnvironment env) {
        // JavaSerializer is a raw Serializer type, hence the cast
        Class<? extends Serializer<?>> java = (Class<? extends Serializer<?>>) (Class<?>) JavaSerializer.class;
        env.getConfig().addDefaultKryoSerializer(Record.class, java);
        // nor can it rebuild the JDK's immutable collections (List.of, Map.copyOf, ...), which records hold
        for (Object immutable : new Object[] {List.of(), List.of(1), List.of(1, 2, 3), Set.of(), Set.of(1), Set.of(1, 2, 3),
                Map.of(), Map.of(1, 1), Map.of(1, 1, 2, 2), Collections.unmodifiableList(new ArrayList<>()),
                Collections.unmodifiableMap(new HashMap<>()), Collections.unmodifiableSet(new HashSet<>())}) {
            env.getConfig().addDefaultKryoSerializer(immutable.getClass(), java);
        }
    }
}
