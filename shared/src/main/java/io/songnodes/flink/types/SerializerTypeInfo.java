package io.songnodes.flink.types;

import java.util.Objects;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information for a type with its own stateless Flink serializer (no Kryo, no Java serialization). */
public final class SerializerTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final TypeSerializer<T> serializer;

    public SerializerTypeInfo(Class<T> type, TypeSerializer<T> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    @Override public boolean isBasicType() { return false; }
    @Override public boolean isTupleType() { return false; }
    @Override public int getArity() { return 1; }
    @Override public int getTotalFields() { return 1; }
    @Override public Class<T> getTypeClass() { return type; }
    @Override public boolean isKeyType() { return false; }
    @Override public TypeSerializer<T> createSerializer(SerializerConfig config) { return serializer.duplicate(); }

    @Override
    @Deprecated
    public TypeSerializer<T> createSerializer(ExecutionConfig config) { return serializer.duplicate(); }

    @Override public String toString() { return type.getSimpleName() + "<" + serializer.getClass().getSimpleName() + ">"; }

    @Override
    public boolean equals(Object o) {
        return o instanceof SerializerTypeInfo<?> other && other.canEqual(this) && type == other.type
                && serializer.getClass() == other.serializer.getClass();
    }

    @Override public int hashCode() { return Objects.hash(type, serializer.getClass()); }
    @Override public boolean canEqual(Object o) { return o instanceof SerializerTypeInfo; }
}
