package io.songnodes.bronze;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A message body as text, decoded strictly as UTF-8. A body that is not UTF-8 is never repaired: it travels
 * on as {@link #NOT_UTF8} followed by its bytes in base64, so its dead letter can keep the original bytes.
 * The marker is a lone high surrogate, which no strictly decoded body can start with, so it cannot collide.
 */
public final class RawBody {
    public static final String NOT_UTF8 = "\uD800base64:";

    private RawBody() {}

    /** The body as text, or the marked base64 of its bytes when it is not valid UTF-8. */
    public static String of(byte[] body) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return d.decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return NOT_UTF8 + Base64.getEncoder().encodeToString(body);
        }
    }

    /** True for a body {@link #of} could not decode. */
    public static boolean isNotUtf8(String raw) { return raw != null && raw.startsWith(NOT_UTF8); }

    /** The base64 of a body that is not UTF-8. */
    public static String base64(String raw) { return raw.substring(NOT_UTF8.length()); }

    /** Where the first malformed byte is, for the dead letter's reason. */
    public static String firstBadByte(byte[] body) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            d.decode(in);
            return "none";
        } catch (MalformedInputException e) {
            return "byte " + in.position();
        } catch (CharacterCodingException e) {
            return "byte " + in.position();
        }
    }
}
