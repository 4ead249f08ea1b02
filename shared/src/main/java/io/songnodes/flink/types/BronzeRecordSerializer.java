package io.songnodes.flink.types;

import io.songnodes.model.BronzeRecord;
import io.songnodes.model.Hints;
import io.songnodes.model.PlaylistRef;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The Flink serializer of {@link BronzeRecord}, field by field; the unknown fields a scraper sent travel as
 * {@link AnyValueSerializer} values. BronzeRecord is not a POJO (final fields, a Jackson any-setter), hence its own.
 */
public final class BronzeRecordSerializer extends ImmutableSerializer<BronzeRecord> {
    private static final long serialVersionUID = 1L;
    public static final BronzeRecordSerializer INSTANCE = new BronzeRecordSerializer();
    public static final TypeInformation<BronzeRecord> TYPE = new SerializerTypeInfo<>(BronzeRecord.class, INSTANCE);

    @Override
    public void serialize(BronzeRecord r, DataOutputView out) throws IOException {
        StringValue.writeString(r.source(), out);
        StringValue.writeString(r.sourceUrl(), out);
        StringValue.writeString(r.sourceTrackId(), out);
        StringValue.writeString(r.artist(), out);
        StringValue.writeString(r.title(), out);
        PlaylistRef p = r.playlist();
        out.writeBoolean(p != null);
        if (p != null) {
            StringValue.writeString(p.sourcePlaylistId(), out);
            StringValue.writeString(p.name(), out);
            StringValue.writeString(p.dj(), out);
            StringValue.writeString(p.event(), out);
            StringValue.writeString(p.date(), out);
            out.writeBoolean(p.position() != null);
            if (p.position() != null) out.writeInt(p.position());
            StringValue.writeString(p.cue(), out);
        }
        Hints h = r.hints();
        out.writeBoolean(h != null);
        if (h != null) {
            StringValue.writeString(h.spotifyId(), out);
            StringValue.writeString(h.isrc(), out);
            StringValue.writeString(h.beatportId(), out);
            StringValue.writeString(h.musicbrainzId(), out);
        }
        Instant at = r.scrapedAt();
        out.writeBoolean(at != null);
        if (at != null) {
            out.writeLong(at.getEpochSecond());
            out.writeInt(at.getNano());
        }
        StringValue.writeString(r.scraperVersion(), out);
        Map<String, Object> extra = r.extra();
        out.writeInt(extra.size());
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            StringValue.writeString(e.getKey(), out);
            AnyValueSerializer.INSTANCE.serialize(e.getValue(), out);
        }
    }

    @Override
    public BronzeRecord deserialize(DataInputView in) throws IOException {
        String source = StringValue.readString(in);
        String sourceUrl = StringValue.readString(in);
        String sourceTrackId = StringValue.readString(in);
        String artist = StringValue.readString(in);
        String title = StringValue.readString(in);
        PlaylistRef playlist = null;
        if (in.readBoolean()) {
            String id = StringValue.readString(in), name = StringValue.readString(in), dj = StringValue.readString(in),
                    event = StringValue.readString(in), date = StringValue.readString(in);
            Integer position = in.readBoolean() ? in.readInt() : null;
            playlist = new PlaylistRef(id, name, dj, event, date, position, StringValue.readString(in));
        }
        Hints hints = in.readBoolean()
                ? new Hints(StringValue.readString(in), StringValue.readString(in), StringValue.readString(in), StringValue.readString(in))
                : null;
        Instant scrapedAt = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
        BronzeRecord r = new BronzeRecord(source, sourceUrl, sourceTrackId, artist, title, playlist, hints, scrapedAt, StringValue.readString(in));
        int extra = in.readInt();
        for (int i = 0; i < extra; i++) r.extra().put(StringValue.readString(in), AnyValueSerializer.INSTANCE.deserialize(in));
        return r;
    }

    @Override public TypeSerializerSnapshot<BronzeRecord> snapshotConfiguration() { return new Snapshot(); }

    /** The snapshot in savepoints. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<BronzeRecord> {
        public Snapshot() { super(() -> INSTANCE); }
    }

    /** Referenced by {@code @TypeInfo} on {@link BronzeRecord}. */
    public static final class Factory extends TypeInfoFactory<BronzeRecord> {
        @Override public TypeInformation<BronzeRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) { return TYPE; }
    }
}
