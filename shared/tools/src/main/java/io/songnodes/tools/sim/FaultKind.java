package io.songnodes.tools.sim;

import java.util.Locale;

/** The faults the simulator injects; {@link #token()} is the spelling used in CLI specs and the admin API. */
public enum FaultKind {
    /** A 5xx answer in the provider's own error shape (MusicBrainz: the "server busy" 503). */
    SERVER_ERROR("5xx"),
    /** An answer delayed beyond any sane client timeout. */
    TIMEOUT("timeout"),
    /** HTTP 200 whose JSON body is cut in half. */
    MALFORMED("malformed"),
    /** The connection is reset by the peer (WireMock's CONNECTION_RESET_BY_PEER). */
    RESET("reset"),
    /** A 403 capability answer; on Spotify it hits audio-features only, as for apps created after 2024-11-27. */
    FORBIDDEN("403");

    private final String token;

    FaultKind(String token) { this.token = token; }

    public String token() { return token; }

    public static FaultKind parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (FaultKind k : values()) if (k.token.equals(t) || k.name().toLowerCase(Locale.ROOT).equals(t)) return k;
        if (t.equals("500") || t.equals("503") || t.equals("server-error")) return SERVER_ERROR;
        throw new IllegalArgumentException("unknown fault kind '" + s + "' (use 5xx, timeout, malformed, reset or 403)");
    }
}
