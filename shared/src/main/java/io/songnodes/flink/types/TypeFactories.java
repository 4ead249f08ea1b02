package io.songnodes.flink.types;

import io.songnodes.model.FieldValue;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.MapTypeInfo;

/**
 * Explicit type information for the collection fields of the contract records ({@code @TypeInfo} on the field):
 * without it Flink types a {@code List} or {@code Map} field as a generic type and falls back to Kryo.
 */
public final class TypeFactories {
    private TypeFactories() {}

    /** {@code List<String>}. */
    public static final class StringList extends TypeInfoFactory<List<String>> {
        @Override public TypeInformation<List<String>> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
            return Types.LIST(Types.STRING);
        }
    }

    /** {@code Map<String, Instant>}. */
    public static final class InstantMap extends TypeInfoFactory<Map<String, Instant>> {
        @Override public TypeInformation<Map<String, Instant>> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
            return Types.MAP(Types.STRING, Types.INSTANT);
        }
    }

    /** {@code Map<String, Object>} with JSON-like values (AMQP headers). */
    public static final class ValueMap extends TypeInfoFactory<Map<String, Object>> {
        @Override public TypeInformation<Map<String, Object>> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
            return new MapTypeInfo<>(Types.STRING, AnyValueSerializer.TYPE);
        }
    }

    /** {@code Map<String, FieldValue>}: a silver row's provenance. */
    public static final class ProvenanceMap extends TypeInfoFactory<Map<String, FieldValue>> {
        @Override public TypeInformation<Map<String, FieldValue>> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
            return Types.MAP(Types.STRING, TypeInformation.of(FieldValue.class));
        }
    }
}
