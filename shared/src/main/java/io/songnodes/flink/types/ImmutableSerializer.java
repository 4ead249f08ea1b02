package io.songnodes.flink.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A stateless serializer of an immutable type: a copy is the instance itself, which is what makes chained
 * operators cheap (Flink copies every record between chained operators unless object reuse is on).
 */
public abstract class ImmutableSerializer<T> extends TypeSerializerSingleton<T> {
    private static final long serialVersionUID = 1L;

    @Override public boolean isImmutableType() { return true; }
    @Override public T createInstance() { return null; }
    @Override public T copy(T from) { return from; }
    @Override public T copy(T from, T reuse) { return from; }
    @Override public int getLength() { return -1; }
    @Override public T deserialize(T reuse, DataInputView source) throws IOException { return deserialize(source); }
    @Override public void copy(DataInputView source, DataOutputView target) throws IOException { serialize(deserialize(source), target); }
}
