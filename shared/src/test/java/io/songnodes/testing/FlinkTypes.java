package io.songnodes.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.api.java.typeutils.MapTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

/** Checks on Flink type information, job graphs and serializers: no Kryo fallback anywhere, and lossless round trips. */
public final class FlinkTypes {
    private FlinkTypes() {}

    /** Every generic (Kryo) type inside {@code type}, by path; empty when the type is fully typed. */
    public static List<String> genericParts(TypeInformation<?> type) {
        List<String> out = new ArrayList<>();
        walk(type, type.toString().length() > 60 ? type.getTypeClass().getSimpleName() : type.toString(), out);
        return out;
    }

    private static void walk(TypeInformation<?> t, String path, List<String> out) {
        if (t instanceof GenericTypeInfo<?>) {
            out.add(path + ": " + t.getTypeClass().getName());
        } else if (t instanceof CompositeType<?> c) {
            for (int i = 0; i < c.getArity(); i++) walk(c.getTypeAt(i), path + "." + c.getFieldNames()[i], out);
        } else if (t instanceof ListTypeInfo<?> l) {
            walk(l.getElementTypeInfo(), path + "[]", out);
        } else if (t instanceof MapTypeInfo<?, ?> m) {
            walk(m.getKeyTypeInfo(), path + "{key}", out);
            walk(m.getValueTypeInfo(), path + "{value}", out);
        }
    }

    /**
     * Checks the graph built on {@code env}: generic types are switched off, no transformation's type has a generic
     * part, and building the stream graph (which creates every serializer, so a generic type would throw) yields no
     * Kryo serializer for any node's input, output or key.
     */
    public static void assertNoGenericTypes(StreamExecutionEnvironment env) {
        assertThat(env.getConfig().hasGenericTypesDisabled()).as("generic types switched off").isTrue();
        Set<Transformation<?>> all = new HashSet<>();
        for (Transformation<?> t : env.getTransformations()) all.addAll(t.getTransitivePredecessors());
        assertThat(all).as("transformations").isNotEmpty();
        for (Transformation<?> t : all) assertThat(genericParts(t.getOutputType())).as("type of " + t.getName()).isEmpty();
        StreamGraph g = env.getStreamGraph();
        for (StreamNode n : g.getStreamNodes()) {
            List<TypeSerializer<?>> serializers = new ArrayList<>(List.of(n.getTypeSerializersIn()));
            serializers.add(n.getTypeSerializerOut());
            serializers.add(n.getStateKeySerializer());
            for (TypeSerializer<?> s : serializers) {
                if (s == null) continue;   // a source has no input, a sink no output, an unkeyed node no key
                assertThat(s).as("serializer of " + n.getOperatorName()).isNotInstanceOf(KryoSerializer.class);
            }
        }
    }

    /**
     * Serializes {@code value} with its type's Flink serializer and reads it back, through a duplicated serializer and
     * through one restored from the serializer's snapshot (as after a savepoint); also checks copy() and that the
     * restored serializer is compatible as is. Returns the value read back.
     */
    @SuppressWarnings("unchecked")
    public static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
        assertThat(genericParts(type)).as("generic parts of " + type).isEmpty();
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        T back = serializer.duplicate().deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).as("round trip of " + type).isEqualTo(value);
        assertThat(serializer.copy(value)).as("copy of " + type).isEqualTo(value);

        DataOutputSerializer snapshotOut = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(snapshotOut, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<T> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(snapshotOut.getCopyOfBuffer()), FlinkTypes.class.getClassLoader());
        TypeSerializerSchemaCompatibility<T> compatibility = serializer.snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertThat(compatibility.isCompatibleAsIs()).as("restored snapshot of " + type + " compatible as is: " + compatibility).isTrue();
        T fromRestored = restored.restoreSerializer().deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(fromRestored).as("read back by the restored serializer of " + type).isEqualTo(value);
        return back;
    }
}
