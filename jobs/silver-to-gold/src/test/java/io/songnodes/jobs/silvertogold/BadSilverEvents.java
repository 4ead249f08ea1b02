package io.songnodes.jobs.silvertogold;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of silver-event bodies: valid events mixed with every class of bad input the job must turn
 * into a dead letter (naming {@link Kind#field}) rather than a restart. Every body is unique, so each dead letter
 * can be traced back to exactly one input.
 */
final class BadSilverEvents {
    /** One class of input; {@code field} is what the dead letter's reason must name (null: must reach gold). */
    enum Kind {
        VALID_TRACK(null), VALID_PLAYLISTS(null), VALID_NO_CORRELATION_ID(null), VALID_HUGE_CORRELATION_ID(null),
        NOT_JSON("body"), TOO_DEEP("body"), NOT_OBJECT("body"), NOT_UTF8("body"), TOO_LARGE("body"),
        NO_TRACK_NOR_PLAYLISTS("track_id"), TRACK_ID_NUL("track_id"), TRACK_ID_CONTROL("track_id"), TRACK_ID_TOO_LONG("track_id"),
        TRACK_ID_NOT_STRING("track_id"), LONE_SURROGATE("track_id"),
        PLAYLISTS_NOT_ARRAY("playlist_ids"), PLAYLISTS_TOO_MANY("playlist_ids"), PLAYLIST_ID_TOO_LONG("playlist_ids"),
        PLAYLIST_ID_NOT_STRING("playlist_ids"),
        CHANGED_AT_MISSING("changed_at"), CHANGED_AT_GARBAGE("changed_at"), CHANGED_AT_FAR_FUTURE("changed_at"),
        CHANGED_AT_OVERFLOW("changed_at"), CHANGED_AT_TOO_OLD("changed_at"),
        /** Valid, but PostgreSQL refuses its refresh (a CHECK the test adds): a sink dead letter, and the job goes on. */
        REFRESH_REFUSED("gold refresh refused");

        final String field;

        Kind(String field) { this.field = field; }

        boolean valid() { return field == null; }
    }

    record Input(int index, Kind kind, byte[] body, String correlationId) {
        String text() { return new String(body, StandardCharsets.UTF_8); }
    }

    static final String POISON_PREFIX = "trk_poison_";

    static List<Input> generate(long seed, int n) {
        Random rnd = new Random(seed);
        Kind[] kinds = Kind.values();
        List<Input> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // a third valid, the rest spread over every bad class; the first round covers each class once
            Kind k = i < kinds.length ? kinds[i] : rnd.nextInt(3) == 0 ? (rnd.nextBoolean() ? Kind.VALID_TRACK : Kind.VALID_PLAYLISTS)
                    : kinds[rnd.nextInt(kinds.length)];
            out.add(new Input(i, k, body(k, i, rnd), k == Kind.VALID_NO_CORRELATION_ID ? null
                    : k == Kind.VALID_HUGE_CORRELATION_ID ? "c".repeat(249) + "-" + i : "bad-" + seed + "-" + i));
        }
        return out;
    }

    private static byte[] body(Kind k, int i, Random rnd) {
        String now = Instant.now().toString();
        String s = switch (k) {
            case VALID_TRACK, VALID_NO_CORRELATION_ID, VALID_HUGE_CORRELATION_ID ->
                    "{\"track_id\":\"trk_v" + i + "\",\"playlist_ids\":[\"p:" + i + "\"],\"changed_at\":\"" + now + "\"}";
            case VALID_PLAYLISTS -> "{\"playlist_ids\":[\"p:a" + i + "\",\"p:b" + i + "\"],\"changed_at\":\"" + now + "\",\"extra\":" + i + "}";
            case REFRESH_REFUSED -> "{\"track_id\":\"" + POISON_PREFIX + i + "\",\"changed_at\":\"" + now + "\"}";
            case NOT_JSON -> "{not json " + i;
            case TOO_DEEP -> "[".repeat(5_000) + i;
            case NOT_OBJECT -> rnd.nextBoolean() ? "[" + i + "]" : "\"event " + i + "\"";
            case NOT_UTF8 -> null;
            case TOO_LARGE -> "{\"track_id\":\"trk_" + i + "\",\"changed_at\":\"" + now + "\",\"pad\":\"" + " ".repeat(70_000 + rnd.nextInt(1_000)) + "\"}";
            case NO_TRACK_NOR_PLAYLISTS -> "{\"playlist_ids\":[],\"changed_at\":\"" + now + "\",\"n\":" + i + "}";
            case TRACK_ID_NUL -> "{\"track_id\":\"trk_\\u0000" + i + "\",\"changed_at\":\"" + now + "\"}";
            case TRACK_ID_CONTROL -> "{\"track_id\":\"trk_\\u0007" + i + "\",\"changed_at\":\"" + now + "\"}";
            case TRACK_ID_TOO_LONG -> "{\"track_id\":\"trk_" + "x".repeat(300) + i + "\",\"changed_at\":\"" + now + "\"}";
            case TRACK_ID_NOT_STRING -> "{\"track_id\":" + i + ",\"changed_at\":\"" + now + "\"}";
            case LONE_SURROGATE -> "{\"track_id\":\"trk_\\ud800" + i + "\",\"changed_at\":\"" + now + "\"}";
            case PLAYLISTS_NOT_ARRAY -> "{\"playlist_ids\":\"p:" + i + "\",\"changed_at\":\"" + now + "\"}";
            case PLAYLISTS_TOO_MANY -> "{\"track_id\":\"trk_" + i + "\",\"playlist_ids\":[" + "\"p\",".repeat(1_001) + "\"p\"],\"changed_at\":\"" + now + "\"}";
            case PLAYLIST_ID_TOO_LONG -> "{\"playlist_ids\":[\"p:" + "y".repeat(3_000) + i + "\"],\"changed_at\":\"" + now + "\"}";
            case PLAYLIST_ID_NOT_STRING -> "{\"playlist_ids\":[{\"id\":" + i + "}],\"changed_at\":\"" + now + "\"}";
            case CHANGED_AT_MISSING -> "{\"track_id\":\"trk_" + i + "\"}";
            case CHANGED_AT_GARBAGE -> "{\"track_id\":\"trk_" + i + "\",\"changed_at\":\"yesterday-" + i + "\"}";
            case CHANGED_AT_FAR_FUTURE -> "{\"track_id\":\"trk_" + i + "\",\"changed_at\":\"+300000-01-01T00:00:00Z\"}";
            case CHANGED_AT_OVERFLOW -> "{\"track_id\":\"trk_" + i + "\",\"changed_at\":\"+1000000000-12-31T23:59:59.999999999Z\"}";
            case CHANGED_AT_TOO_OLD -> "{\"track_id\":\"trk_" + i + "\",\"changed_at\":\"1970-01-01T00:00:00Z\"}";
        };
        if (k == Kind.NOT_UTF8) {
            byte[] head = ("{\"track_id\":\"trk_" + i + "\",\"x\":\"").getBytes(StandardCharsets.UTF_8);
            byte[] b = new byte[head.length + 3];
            System.arraycopy(head, 0, b, 0, head.length);
            b[head.length] = (byte) 0xC3;   // a lead byte followed by ASCII: malformed
            b[head.length + 1] = '(';
            b[head.length + 2] = (byte) (0x80 + rnd.nextInt(0x40)); // a stray continuation byte
            return b;
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
