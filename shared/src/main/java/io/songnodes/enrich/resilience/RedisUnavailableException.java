package io.songnodes.enrich.resilience;

/** Redis could not serve a command (down, unreachable, too slow, or skipped while known to be down). */
public class RedisUnavailableException extends Exception {
    public RedisUnavailableException(String message, Throwable cause) { super(message, cause); }
}
