package io.songnodes.enrich.cache;

import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import io.songnodes.identity.TextNormalizer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cache key of a lookup: {@code cache:{provider}:{sha256}} of the normalised request. Artist and title
 * are folded like track identities (case, diacritics, punctuation), ids are sorted, a later page's offset and
 * a fuzzy search are part of the request. The duration is left out:
 * clients do not send it, it only feeds scoring, which runs after the cache.
 */
public final class CacheKey {
    /** Bump when the cached answer format or the normalisation changes, so old entries are never read. */
    static final String VERSION = "v1";

    private CacheKey() {}

    public static String of(ProviderName provider, TrackQuery query) {
        StringBuilder canonical = new StringBuilder(VERSION)
                .append('\n').append(TextNormalizer.normalize(query.artist()))
                .append('\n').append(TextNormalizer.normalize(query.title()));
        Map<String, String> ids = new TreeMap<>();
        if (query.knownIds() != null) {
            query.knownIds().forEach((k, v) -> {
                if (k != null && v != null && !v.isBlank()) ids.put(k.trim().toLowerCase(Locale.ROOT), v.trim());
            });
        }
        ids.forEach((k, v) -> canonical.append('\n').append(k).append('=').append(v));
        // only a fallback's later page or fuzzy search adds a line: first-page keys stay as they were
        if (query.offset() > 0) canonical.append("\noffset=").append(query.offset());
        if (query.fuzzy()) canonical.append("\nfuzzy");
        return "cache:" + provider.id() + ":" + sha256(canonical.toString());
    }

    // one digest per thread: getInstance searches the security providers on every call (a key is made per request)
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    });

    private static String sha256(String s) {
        // digest() resets the instance for the next key
        return HexFormat.of().formatHex(SHA256.get().digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
