package io.songnodes.flink;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The serialization settings every job applies before building its graph. */
public final class Serialization {
    private Serialization() {}

    /**
     * Generic types are switched off: every type that crosses operators or lives in state has a Flink serializer
     * (records are POJO types, collection fields carry {@code @TypeInfo}, the few non-POJO contract types have their own
     * serializers in {@code io.songnodes.flink.types}), so a type that would fall back to Kryo fails when the graph is
     * built instead of slowing every record down (docs/flink.md, "Serialization").
     */
    public static void configure(StreamExecutionEnvironment env) {
        env.getConfig().disableGenericTypes();
    }
}
