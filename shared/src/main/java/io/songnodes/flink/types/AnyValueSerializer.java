package io.songnodes.flink.types;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.songnodes.json.Json;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * A JSON-like value typed {@code Object} (a provenance value, an AMQP header, an unknown bronze field): null, strings,
 * numbers, booleans, instants, lists and string-keyed maps, each behind a one-byte tag; anything else travels as its
 * JSON text. Values are treated as immutable once built.
 */
public final class AnyValueSerializer extends ImmutableSerializer<Object> {
    private static final long serialVersionUID = 1L;
    public static final AnyValueSerializer INSTANCE = new AnyValueSerializer();
    public static final TypeInformation<Object> TYPE = new SerializerTypeInfo<>(Object.class, INSTANCE);

    private static final byte NULL = 0, STRING = 1, INT = 2, LONG = 3, DOUBLE = 4, BOOLEAN = 5, LIST = 6, MAP = 7, INSTANT = 8,
            FLOAT = 9, JSON = 10;

    @Override
    public void serialize(Object v, DataOutputView out) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            StringValue.writeString(s, out);
        } else if (v instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeFloat(f);
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (v instanceof Instant t) {
            out.writeByte(INSTANT);
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        } else if (v instanceof List<?> l) {
            out.writeByte(LIST);
            out.writeInt(l.size());
            for (Object e : l) serialize(e, out);
        } else if (v instanceof Map<?, ?> m && m.keySet().stream().allMatch(k -> k instanceof String)) {
            out.writeByte(MAP);
            out.writeInt(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                StringValue.writeString((String) e.getKey(), out);
                serialize(e.getValue(), out);
            }
        } else {
            out.writeByte(JSON);
            StringValue.writeString(Json.write(v), out);
        }
    }

    @Override
    public Object deserialize(DataInputView in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL: return null;
            case STRING: return StringValue.readString(in);
            case INT: return in.readInt();
            case LONG: return in.readLong();
            case DOUBLE: return in.readDouble();
            case FLOAT: return in.readFloat();
            case BOOLEAN: return in.readBoolean();
            case INSTANT: return Instant.ofEpochSecond(in.readLong(), in.readInt());
            case LIST: {
                int n = in.readInt();
                List<Object> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) l.add(deserialize(in));
                return l;
            }
            case MAP: {
                int n = in.readInt();
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) m.put(StringValue.readString(in), deserialize(in));
                return m;
            }
            case JSON:
                try {
                    return Json.MAPPER.readValue(StringValue.readString(in), Object.class);
                } catch (JsonProcessingException e) {
                    throw new IOException("unreadable JSON value", e);
                }
            default: throw new IOException("unknown value tag " + tag);
        }
    }

    @Override public TypeSerializerSnapshot<Object> snapshotConfiguration() { return new Snapshot(); }

    /** The snapshot in savepoints: the format is fixed, so any restore is compatible as is. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Object> {
        public Snapshot() { super(() -> INSTANCE); }
    }

    /** For {@code @TypeInfo} on a field typed {@code Object}. */
    public static final class Factory extends TypeInfoFactory<Object> {
        @Override public TypeInformation<Object> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) { return TYPE; }
    }
}
