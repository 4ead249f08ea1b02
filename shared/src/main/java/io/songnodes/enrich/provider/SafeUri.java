package io.songnodes.enrich.provider;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * A request URI fit for logs and error messages: credential query parameters (Last.fm's {@code api_key},
 * Discogs' {@code token}/{@code key}/{@code secret}, OAuth {@code access_token}) are masked. Headers carry
 * the other secrets and are never logged at all.
 */
public final class SafeUri {
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&](?:api_key|token|key|secret|access_token|client_secret)=)[^&#]*");

    private SafeUri() {}

    public static String of(URI uri) { return uri == null ? null : SECRET_PARAM.matcher(uri.toString()).replaceAll("$1***"); }
}
